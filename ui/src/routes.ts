// Every screen of the window, listed once: the wizard's steps, the tabs beside the wizard, and
// where each can be opened with what it needs. The tabs, the stepper and each screen's
// `data-step` come from these lists; the window tests check their own list against them.
import type { Profile } from "./bindings/Profile";
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
  { tab: "support", title: "History & support", short: "History" },
  { tab: "profiles", title: "Profiles", short: "Profiles" },
  { tab: "about", title: "About", short: "About" },
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

/**
 * The tabs a profile shows now: Setup and Mailboxes always, the open one, and each other tool
 * once it applies (the Azure app once there is one; the organization and the history once a
 * mailbox is connected; v2 migration for a v2 profile; Exchange once an Exchange mailbox is
 * connected). The rest wait under "More", in the same order; About has its own button.
 */
export function shownTabs(p: Profile, current: Tab): { shown: Tab[]; more: Tab[] } {
  const connected = !!p.last_result;
  const applies: Record<Tab, boolean> = {
    wizard: true,
    mailboxes: true,
    admin: connected || !!p.admin_credential_id,
    "azure-app": !!p.created_app || connected,
    ews: p.last_result?.grant.provider === "ews",
    migration: p.target === "legacy_v2",
    support: connected,
    profiles: false,
    about: false,
  };
  const shown = TABS.map((t) => t.tab).filter((t) => applies[t] || t === current);
  // About is opened from the header on every screen, so it is never under "More".
  const more = TABS.map((t) => t.tab).filter((t) => !shown.includes(t) && t !== "about");
  return { shown, more };
}
