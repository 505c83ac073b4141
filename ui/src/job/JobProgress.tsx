// A job's progress: one line per step, how far it is over many items, its warnings, and Cancel.
import { useEffect, useRef } from "preact/hooks";
import type { JobHandle } from "./useJob";

/** What a job has done so far; the last line is under way while it runs, and Cancel stops it. */
export function JobProgress({ job, id = "app-progress" }: { job: JobHandle; id?: string }) {
  const { steps, progress, warnings, running } = job;
  const box = useRef<HTMLDivElement>(null);
  // Each new step comes into view: the list grows below the button that started it.
  useEffect(() => box.current?.scrollIntoView({ block: "nearest" }), [steps.length]);
  if (steps.length === 0 && warnings.length === 0 && !running) return null;
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
      {running && progress && (
        <p class="hint" id={`${id}-count`}>
          <progress max={progress.total} value={progress.done} /> {progress.done} of {progress.total}: {progress.text}
        </p>
      )}
      {warnings.map((w, i) => <p key={i} class="note" role="status">{w}</p>)}
      {running && (
        <div class="waiting" role="status">
          <span class="spinner" aria-hidden="true" />
          <p>Working… you can leave this window open; it continues by itself.</p>
          <button type="button" id="cancel-job" onClick={job.cancel}>Cancel</button>
        </div>
      )}
    </div>
  );
}
