// What a running job shows, folded from its events (kept out of the hook so it can be tested).
import type { BulkProgress } from "../bindings/BulkProgress";
import type { ConsentStarted } from "../bindings/ConsentStarted";
import type { DeviceCodeStarted } from "../bindings/DeviceCodeStarted";
import type { JobEvent } from "../bindings/JobEvent";
import type { OwnerLink } from "../bindings/OwnerLink";
import type { Progress } from "../bindings/Progress";
import type { RunRow } from "../bindings/RunRow";
import type { StepDone } from "../bindings/StepDone";

export type JobView = {
  /** The sign-in link while the browser has it. */
  signIn: ConsentStarted | null;
  /** The code while another device has the sign-in. */
  device: DeviceCodeStarted | null;
  /** The link a mailbox's owner opens on their own computer, while the job waits for them. */
  ownerLink: OwnerLink | null;
  /** The steps done so far (kept after the job ends, until the next one starts). */
  steps: StepDone[];
  /** How far a job over many items is. */
  progress: Progress | null;
  /** A bulk run's counts and pace, with the mailbox last done. */
  bulk: BulkProgress | null;
  /** Each mailbox a bulk run did in this job, by its lower-case address. */
  bulkRows: Record<string, RunRow>;
  warnings: string[];
  /** How the job ended, once it has. */
  ended: "finished" | "failed" | "cancelled" | null;
};

export const idle: JobView = { signIn: null, device: null, ownerLink: null, steps: [], progress: null, bulk: null, bulkRows: {}, warnings: [], ended: null };

/** The view after one more event. */
export function nextView(v: JobView, e: JobEvent): JobView {
  switch (e.event) {
    case "sign_in":
      return { ...v, signIn: e.data, device: null };
    case "device_code":
      return { ...v, device: e.data, signIn: null };
    case "owner_link":
      return { ...v, ownerLink: e.data, signIn: null, device: null };
    case "progress":
      return { ...v, progress: e.data };
    case "bulk": {
      const row = e.data.row;
      return { ...v, bulk: e.data, bulkRows: row ? { ...v.bulkRows, [row.email.toLowerCase()]: row } : v.bulkRows };
    }
    case "step": {
      // Repeated waiting news replaces the last line instead of adding one per try.
      const last = v.steps[v.steps.length - 1];
      const steps = last?.step === "waiting" && e.data.step === "waiting" ? [...v.steps.slice(0, -1), e.data] : [...v.steps, e.data];
      return { ...v, signIn: null, device: null, steps };
    }
    case "warning":
      return { ...v, warnings: [...v.warnings, e.data.text] };
    case "finished":
    case "failed":
    case "cancelled":
      return { ...v, signIn: null, device: null, ownerLink: null, ended: e.event };
  }
}
