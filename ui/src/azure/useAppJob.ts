// Runs a job on the Azure app through Graph and keeps its sign-in and progress for the screen.
import { useState } from "preact/hooks";
import { Channel } from "../api";
import type { AppProgress } from "../bindings/AppProgress";
import type { AzureAppEvent } from "../bindings/AzureAppEvent";
import type { ConsentStarted } from "../bindings/ConsentStarted";
import type { DeviceCodeStarted } from "../bindings/DeviceCodeStarted";
import type { WizardState } from "../bindings/WizardState";
import type { StepProps } from "../types";

/**
 * A job on the Azure app through Microsoft Graph: one call that reports the administrator's
 * sign-in link (or a code to enter on another device), then each step, on a channel. `signIn`
 * is the link while the browser has it, `device` the code while another device has it;
 * `steps` is the progress so far (kept after the job ends, until the next one starts).
 */
export function useAppJob({ run }: Pick<StepProps, "run">) {
  const [signIn, setSignIn] = useState<ConsentStarted | null>(null);
  const [device, setDevice] = useState<DeviceCodeStarted | null>(null);
  const [steps, setSteps] = useState<AppProgress[]>([]);
  const [running, setRunning] = useState(false);
  const go = <T,>(
    job: (events: Channel<AzureAppEvent>) => Promise<T>,
    after: (result: T) => Promise<WizardState | void> | WizardState | void,
  ) => {
    setSteps([]);
    return run(async () => {
      const events = new Channel<AzureAppEvent>();
      events.onmessage = (e) => {
        if (e.event === "sign_in") setSignIn(e.data);
        else if (e.event === "device_code") setDevice(e.data);
        else {
          setSignIn(null);
          setDevice(null);
          // Repeated waiting news replaces the last line instead of adding one per try.
          setSteps((s) => (s[s.length - 1]?.step === e.data.step && e.data.step === "waiting" ? [...s.slice(0, -1), e.data] : [...s, e.data]));
        }
      };
      setRunning(true);
      let result: T;
      try {
        result = await job(events);
      } finally {
        setSignIn(null);
        setDevice(null);
        setRunning(false);
      }
      return after(result);
    });
  };
  return { signIn, device, steps, running, go };
}
