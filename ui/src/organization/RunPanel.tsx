// A run over many mailboxes as it goes: a progress bar, connected / failed / left, the pace and
// the time left, Pause and Stop; once it has stopped, Resume, or Retry for the failed ones.
import type { BulkProgress } from "../bindings/BulkProgress";
import type { RunSummary } from "../bindings/RunSummary";
import { timeLeft } from "./directoryView";

export function RunPanel({ live, stopped, running, onPause, onStop, onResume, onRetry, busy }: {
  /** The run's last news while it runs. */
  live: BulkProgress | null;
  /** The run as it was left (paused, interrupted, or finished), when not running. */
  stopped: RunSummary | null;
  running: boolean;
  onPause: () => void;
  onStop: () => void;
  onResume: () => void;
  onRetry: () => void;
  busy: boolean;
}) {
  if (running) {
    if (!live) {
      return <div class="waiting" role="status" id="run-panel"><span class="spinner" aria-hidden="true" /><p>Starting…</p></div>;
    }
    const done = live.connected + live.failed;
    return (
      <div class="job" id="run-panel" data-running="true">
        <p role="status" aria-live="polite" id="run-counts">
          <progress id="run-progress" max={live.total} value={done} aria-label="Mailboxes done" /> {done} of {live.total}:{" "}
          {live.connected} connected, {live.failed} failed, {live.left} left
          {live.per_minute > 0 && <> · {Math.round(live.per_minute)} a minute{live.left > 0 && `, ${timeLeft(live.seconds_left)} left`}</>}
        </p>
        <div class="actions start">
          <button id="pause-run" onClick={onPause}>Pause</button>
          <button id="stop-run" onClick={onStop}>Stop</button>
        </div>
      </div>
    );
  }
  if (!stopped) return null;
  const unfinished = stopped.left > 0 && (stopped.state === "running" || stopped.state === "paused");
  const how = stopped.state === "paused" ? "was paused" : stopped.state === "running" ? "was interrupted" : "stopped";
  return (
    <div class={unfinished ? "note" : "job"} id="run-panel" data-state={stopped.state}>
      <p id="run-counts" role="status">
        {unfinished ? `A run of ${stopped.total} mailboxes ${how}: ` : `Last run: `}
        {stopped.connected} connected, {stopped.failed} failed, {stopped.left} left.
      </p>
      <div class="actions start">
        {unfinished && <button class="primary" id="resume-run" onClick={onResume} disabled={busy}>Resume</button>}
        {unfinished && <button id="stop-run" onClick={onStop} disabled={busy}>Stop it</button>}
        {!unfinished && stopped.failed > 0 && <button id="retry-failed" onClick={onRetry} disabled={busy}>Retry the {stopped.failed} failed</button>}
      </div>
    </div>
  );
}
