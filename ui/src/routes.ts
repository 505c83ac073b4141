// Every screen of the window, listed once: the wizard's steps, the tabs beside the wizard, and
// where each can be opened with what it needs. The tabs, the stepper and each screen's
// `data-step` come from these lists; the window tests check their own list against them.
import type { WizardStep } from "./bindings/WizardStep";

/** The wizard's steps in order, with the stepper's names. */
export const STEPS = [
  { step: "welcome", title: "Start" },
  { step: "checklist", title: "Azure app" },
  { step: "credentials", title: "App credentials" },
  { step: "nylas", title: "Nylas" },
  { step: "consent", title: "Sign in" },
  { step: "result", title: "Result" },
] as const satisfies readonly { step: WizardStep; title: string }[];

/** The tabs in order, with the short names a narrow window shows (the full name stays the label). */
export const TABS = [
  { tab: "wizard", title: "Setup", short: "Setup" },
  { tab: "mailboxes", title: "Mailboxes", short: "Mailboxes" },
  { tab: "admin", title: "Organization", short: "Organization" },
  { tab: "azure-app", title: "Azure app", short: "Azure" },
  { tab: "ews", title: "Exchange server", short: "Exchange" },
  { tab: "migration", title: "v2 migration", short: "v2" },
  { tab: "support", title: "History & support", short: "Support" },
  { tab: "profiles", title: "Profiles", short: "Profiles" },
] as const;

export type Tab = (typeof TABS)[number]["tab"];

/** Where the window can go, with what the screen needs to open there. */
export type Route =
  /** The wizard at the profile's step, or at `step` when it can go there. */
  | { view: "wizard"; step?: WizardStep }
  /** The wizard's sign-in step, for a mailbox when its address is known (to sign in again). */
  | { view: "sign-in"; loginHint?: string }
  /** The Azure app tab; `then: "rotate"` starts replacing the secret at once. */
  | { view: "azure-app"; then?: "rotate" }
  /** The Mailboxes tab; `then: "check"` checks the connection at once. */
  | { view: "mailboxes"; then?: "check" }
  | { view: Exclude<Tab, "wizard" | "azure-app" | "mailboxes"> };

/** The tab a route belongs to. */
export function tabOf(route: Route): Tab {
  return route.view === "sign-in" ? "wizard" : route.view;
}

/** A screen's name, its `data-step`: a wizard step or a tab beside the wizard. */
export type ScreenName = WizardStep | Exclude<Tab, "wizard">;

/** Every screen the window has, in order. */
export const SCREENS: ScreenName[] = [
  ...STEPS.map((s) => s.step),
  ...TABS.flatMap((t) => (t.tab === "wizard" ? [] : [t.tab])),
];
