// What every screen reads from the window (kept out of App.tsx so no screen imports the app
// that imports it): the wizard's state, the one error shown, and the way to act or move on.
import type { AppError } from "./bindings/AppError";
import type { WizardState } from "./bindings/WizardState";
import type { Route } from "./routes";
import type { UpdateHandle } from "./update/useUpdate";

export type AppContext = {
  state: WizardState;
  error: AppError | null;
  busy: boolean;
  /** Runs a core call; a new state replaces the old one, an error is shown (nothing typed is lost). */
  run: (action: () => Promise<WizardState | void>) => Promise<boolean>;
  setError: (e: AppError | null) => void;
  setState: (s: WizardState) => void;
  /** Where the window is, with what the screen was opened with. */
  route: Route;
  navigate: (to: Route) => void;
  /** A newer version: offered, checked for on request, installed. */
  update: UpdateHandle;
};
