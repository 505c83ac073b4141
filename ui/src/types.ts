// Types the screens share (kept out of App.tsx so no screen imports the app that imports it).
import type { AppError } from "./bindings/AppError";
import type { WizardState } from "./bindings/WizardState";

export type View = "wizard" | "mailboxes" | "admin" | "azure-app" | "ews" | "migration" | "support" | "profiles";

export type StepProps = {
  state: WizardState;
  error: AppError | null;
  busy: boolean;
  /** Runs a core call; a new state replaces the old one, an error is shown (nothing typed is lost). */
  run: (action: () => Promise<WizardState | void>) => Promise<boolean>;
  setError: (e: AppError | null) => void;
  setState: (s: WizardState) => void;
  /** A mailbox to pre-fill on the sign-in step (re-authentication). */
  hint?: string;
  openView: (v: View, hint?: string) => void;
};
