// Runs any long-running command (a sign-in, a Graph job) and keeps what it reports for the screen.
import { useState } from "preact/hooks";
import { api, Channel } from "../api";
import type { JobEvent } from "../bindings/JobEvent";
import type { WizardState } from "../bindings/WizardState";
import { useApp } from "../useApp";
import { idle, nextView, type JobView } from "./jobView";

/**
 * A job: one call that reports on a channel (a sign-in link or a device code, steps, progress,
 * warnings) and returns its result; `after` turns the result into the next wizard state, if any.
 * `cancel` stops whichever job is under way.
 */
export function useJob() {
  const { run, setState } = useApp();
  const [view, setView] = useState<JobView>(idle);
  const [running, setRunning] = useState(false);
  const go = <T,>(
    job: (events: Channel<JobEvent>) => Promise<T>,
    after: (result: T) => Promise<WizardState | void> | WizardState | void,
  ) => {
    setView(idle);
    return run(async () => {
      const events = new Channel<JobEvent>();
      events.onmessage = (e) => setView((v) => nextView(v, e));
      setRunning(true);
      let result: T;
      try {
        result = await job(events);
      } catch (e) {
        // A job that failed or was cancelled may have done some steps: show the profile as it is.
        await api.getState().then(setState, () => undefined);
        throw e;
      } finally {
        setView((v) => ({ ...v, signIn: null, device: null, ownerLink: null }));
        setRunning(false);
      }
      return after(result);
    });
  };
  return { ...view, running, go, cancel: () => api.cancelJob() };
}

export type JobHandle = ReturnType<typeof useJob>;
