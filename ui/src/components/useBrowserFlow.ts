// Runs a browser sign-in and keeps its link for the waiting panel.
import { useState } from "preact/hooks";
import { Channel } from "../api";
import type { ConsentStarted } from "../bindings/ConsentStarted";
import type { SignInEvent } from "../bindings/SignInEvent";
import type { WizardState } from "../bindings/WizardState";
import type { StepProps } from "../types";

/**
 * A sign-in through the browser: one call that reports its link on a channel (shown while it
 * waits) and returns its result; `after` turns the result into the next wizard state, if any.
 */
export function useBrowserFlow({ run }: Pick<StepProps, "run">) {
  const [started, setStarted] = useState<ConsentStarted | null>(null);
  const go = <T,>(
    signIn: (events: Channel<SignInEvent>) => Promise<T>,
    after: (result: T) => Promise<WizardState | void> | WizardState | void,
  ) =>
    run(async () => {
      const events = new Channel<SignInEvent>();
      events.onmessage = (e) => {
        if (e.event === "started") setStarted(e.data);
      };
      let result: T;
      try {
        result = await signIn(events);
      } finally {
        setStarted(null);
      }
      return after(result);
    });
  return { started, go };
}
