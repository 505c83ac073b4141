// The window's shared context: each screen takes what it uses with `useApp()`.
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { AppContext } from "./types";

export const WindowContext = createContext<AppContext | null>(null);

/** The window's state, error, `run` and `navigate`, for any screen under the app. */
export function useApp(): AppContext {
  const app = useContext(WindowContext);
  if (!app) throw new Error("useApp() outside the app");
  return app;
}
