import type { ComponentChildren } from "preact";
import type { AppError } from "../bindings/AppError";

type Props = {
  id: string;
  field: string;
  label: string;
  hint?: ComponentChildren;
  error: AppError | null;
  children: (aria: Record<string, string | boolean | undefined>) => ComponentChildren;
};

/** A labelled control whose hint and field-specific error are announced with it. */
export function Field({ id, field, label, hint, error, children }: Props) {
  const mine = error?.field === field;
  const describedBy = [hint ? `${id}-hint` : "", mine ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class={`field${mine ? " invalid" : ""}`}>
      <label for={id}>{label}</label>
      {children({ id, "aria-invalid": mine || undefined, "aria-describedby": describedBy })}
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
      {mine && <p class="field-error" id={`${id}-error`}>{error?.message}</p>}
    </div>
  );
}
