// Copy buttons and copyable values, with a confirmation announced to screen readers.
import { useState } from "preact/hooks";

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "offscreen";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

export function CopyButton({ value, label, id }: { value: string; label: string; id?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const onClick = async () => {
    setState((await copyText(value)) ? "copied" : "failed");
    setTimeout(() => setState("idle"), 2000);
  };
  return (
    <button type="button" class="copy" id={id} onClick={onClick} aria-label={`Copy ${label}`}>
      {state === "copied" ? "Copied" : state === "failed" ? "Select and copy" : "Copy"}
      <span class="offscreen" role="status">
        {state === "copied" ? `${label} copied` : ""}
      </span>
    </button>
  );
}

export function CopyValue({ label, value, id }: { label: string; value: string; id?: string }) {
  return (
    <div class="copy-value">
      <span class="copy-label">{label}</span>
      <code id={id}>{value}</code>
      <CopyButton value={value} label={label} />
    </div>
  );
}
