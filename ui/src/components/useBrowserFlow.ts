import { useState } from "preact/hooks";
import { asAppError } from "../api";
import type { ConsentStarted } from "../bindings/ConsentStarted";
import type { WizardState } from "../bindings/WizardState";
import type { StepProps } from "../App";

/**
 * A flow that sends the user to Microsoft in the browser: start it (the link is shown while it
 * waits), then wait for its end; `after` turns the result into the next wizard state, if any.
 */
export function useBrowserFlow({ run, setError }: Pick<StepProps, "run" | "setError">) {
  const [started, setStarted] = useState<ConsentStarted | null>(null);
  const go = async <T,>(
    start: () => Promise<ConsentStarted>,
    finish: () => Promise<T>,
    after: (result: T) => Promise<WizardState | void> | void,
  ) => {
    setError(null);
    try {
      setStarted(await start());
    } catch (e) {
      setError(asAppError(e));
      return;
    }
    await run(async () => {
      let result: T;
      try {
        result = await finish();
      } finally {
        setStarted(null);
      }
      return after(result);
    });
  };
  return { started, go };
}
