// A Graph job's progress list, one line per step.
import { useEffect, useRef } from "preact/hooks";
import type { AppProgress } from "../bindings/AppProgress";

/** What a Graph job has done so far, one line per step; the last line is under way while it runs. */
export function JobProgress({ steps, running, id = "app-progress" }: { steps: AppProgress[]; running: boolean; id?: string }) {
  const box = useRef<HTMLDivElement>(null);
  // Each new step comes into view: the list grows below the button that started it.
  useEffect(() => box.current?.scrollIntoView({ block: "nearest" }), [steps.length]);
  if (steps.length === 0 && !running) return null;
  return (
    <div class="job" id={id} ref={box}>
      <ol class="job-steps" aria-live="polite">
        {steps.map((s, i) => {
          const current = running && i === steps.length - 1 && s.step === "waiting";
          return (
            <li key={i} data-step={s.step} class={current ? "current" : "done"}>
              <span class="mark" aria-hidden="true">{current ? "…" : "✓"}</span> {s.text}
            </li>
          );
        })}
      </ol>
      {running && (
        <p class="waiting" role="status">
          <span class="spinner" aria-hidden="true" />
          Working… you can leave this window open; it continues by itself.
        </p>
      )}
    </div>
  );
}
