// The window: the tabs, the wizard's current step or the open view, and the one error shown.
import icon from "./icon.png";
import { Fragment } from "preact";
import { useEffect, useLayoutEffect, useState } from "preact/hooks";
import { api, asAppError } from "./api";
import type { AppError } from "./bindings/AppError";
import type { WizardState } from "./bindings/WizardState";
import type { AppContext } from "./types";
import { ErrorBox } from "./components/ErrorBox";
import { shownTabs, TABS, tabOf, type Route, type Tab } from "./routes";
import { WindowContext } from "./useApp";
import { revealFirstProblem } from "./reveal";
import { Stepper } from "./components/Stepper";
import { ChecklistStep } from "./steps/ChecklistStep";
import { ConsentStep } from "./steps/ConsentStep";
import { CredentialsStep } from "./steps/CredentialsStep";
import { NylasStep } from "./steps/NylasStep";
import { ResultStep } from "./steps/ResultStep";
import { WelcomeStep } from "./steps/WelcomeStep";
import { OrganizationView } from "./organization/OrganizationView";
import { AzureAppView } from "./views/AzureAppView";
import { EwsView } from "./views/EwsView";
import { MailboxesView } from "./views/MailboxesView";
import { MigrationView } from "./views/MigrationView";
import { ProfilesView } from "./views/ProfilesView";
import { AboutView } from "./views/AboutView";
import { SupportView } from "./views/SupportView";
import { UpdateBanner } from "./update/UpdateBanner";
import { useUpdate } from "./update/useUpdate";

declare global {
  interface Window {
    /** The wizard state at launch, handed over with the page so the first screen needs no IPC. */
    __MC_INITIAL_STATE__?: WizardState | null;
  }
}

export function App() {
  const [state, setState] = useState<WizardState | null>(window.__MC_INITIAL_STATE__ ?? null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [route, setRoute] = useState<Route>({ view: "wizard" });
  const [moreOpen, setMoreOpen] = useState(false);
  const update = useUpdate();
  const tab = tabOf(route);

  // Without a handed-over state (a demo tenant to restart, or no readable profile) ask for it; the
  // screen offers no action until it answers, so the answer cannot undo one.
  useEffect(() => {
    if (!window.__MC_INITIAL_STATE__) api.getState().then(setState, (e) => setError(asAppError(e)));
  }, []);

  // Move focus to the new step's heading so keyboard and screen-reader users follow along.
  // Before paint, so the page never scrolls under a pointer that is already on the new step.
  const step = state?.profile.step;
  useLayoutEffect(() => {
    window.scrollTo(0, 0);
    document.getElementById("step-heading")?.focus({ preventScroll: true });
  }, [step, tab]);

  // An error, or the busy label of a form sent from its top, must not appear below the fold: show
  // and focus the first field in error, else the error box; while busy, show the button at work.
  useLayoutEffect(() => {
    if (error) revealFirstProblem();
  }, [error]);
  useLayoutEffect(() => {
    if (busy) document.querySelector<HTMLElement>("main form button[type='submit']")?.scrollIntoView({ block: "nearest" });
  }, [busy]);

  const run = async (action: () => Promise<WizardState | void>) => {
    setBusy(true);
    setError(null);
    try {
      const next = await action();
      if (next) setState(next);
      return true;
    } catch (e) {
      setError(asAppError(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  // Every move goes through here: the sign-in step is opened whether or not an address comes
  // with it, and a wizard step only if the steps before it are done (else the wizard stays).
  const navigate = (to: Route) => {
    setError(null);
    setRoute(to);
    const step = to.view === "sign-in" ? "consent" : to.view === "wizard" ? to.step : undefined;
    if (step) api.goTo(step).then(setState, () => undefined);
  };

  if (!state) {
    return (
      <main class="shell">
        <ErrorBox error={error} />
        {!error && <p class="loading" role="status">Loading…</p>}
      </main>
    );
  }
  const app: AppContext = { state, error, busy, run, setError, setState, route, navigate, update };
  const p = state.profile;
  const tabs = shownTabs(p, tab);
  const tabButton = (name: Tab) => {
    const t = TABS.find((x) => x.tab === name)!;
    return (
      <button key={t.tab} id={`tab-${t.tab}`} class={tab === t.tab ? "tab current" : "tab"}
        aria-current={tab === t.tab ? "page" : undefined} aria-label={t.title}
        onClick={() => { setMoreOpen(false); navigate({ view: t.tab }); }}>
        <span class="long">{t.title}</span>
        <span class="short" aria-hidden="true">{t.short}</span>
      </button>
    );
  };
  return (
    <WindowContext.Provider value={app}>
    <div class="shell">
      <header class="top">
        <div class="brand">
          <img src={icon} alt="" width="28" height="28" />
          <span>Mailbox Connect</span>
        </div>
        <div class="top-right">
          {p.step !== "welcome" && (
            <span class="profile-badge" id="profile-name">{p.demo ? "Demo tenant" : p.name}</span>
          )}
          <button type="button" class="about-link" id="open-about" aria-current={tab === "about" ? "page" : undefined}
            onClick={() => navigate({ view: "about" })}>About</button>
        </div>
      </header>
      <UpdateBanner update={update} busy={busy} />
      {p.step !== "welcome" && (
        <nav aria-label="Sections" class="tabs">
          {tabs.shown.map(tabButton)}
          {tabs.more.length > 0 && (
            <details class="more-tabs" id="more-tabs" open={moreOpen} onToggle={(e) => setMoreOpen((e.target as HTMLDetailsElement).open)}>
              <summary class="tab" id="tab-more">More</summary>
              <div class="more-menu">{tabs.more.map(tabButton)}</div>
            </details>
          )}
        </nav>
      )}
      {tab === "wizard" && <Stepper current={p.step} />}
      {!state.keychain && (
        <p class="warning" role="status" id="keychain-note">
          No system keychain was found, so the demo's credentials are kept in memory only.
        </p>
      )}
      {state.secret_warning && (
        <p class="warning" role="status" id="secret-warning">
          {state.secret_warning}{" "}
          <button type="button" class="copy" id="rotate-for-me" onClick={() => navigate({ view: "azure-app", then: "rotate" })}>Replace it for me</button>{" "}
          <button type="button" class="copy" id="replace-secret" onClick={() => navigate({ view: "wizard", step: "credentials" })}>Paste a new one</button>
        </p>
      )}
      <main class="card" aria-busy={busy}>
        {tab === "wizard" && (
          // Forms keep what is typed; another profile, or the demo tenant restarting on new
          // ports, starts them afresh.
          <Fragment key={p.demo ? `${p.id} ${JSON.stringify(p.cloud)}` : p.id}>
          {p.step === "welcome" && <WelcomeStep />}
          {p.step === "checklist" && <ChecklistStep />}
          {p.step === "credentials" && <CredentialsStep />}
          {p.step === "nylas" && <NylasStep />}
          {p.step === "consent" && <ConsentStep key={route.view === "sign-in" ? route.loginHint ?? "" : ""} />}
          {p.step === "result" && <ResultStep />}
          </Fragment>
        )}
        {tab === "mailboxes" && <MailboxesView key={route.view === "mailboxes" ? route.then ?? "" : ""} />}
        {tab === "admin" && <OrganizationView />}
        {tab === "azure-app" && <AzureAppView key={route.view === "azure-app" ? route.then ?? "" : ""} />}
        {tab === "ews" && <EwsView />}
        {tab === "migration" && <MigrationView />}
        {tab === "support" && <SupportView />}
        {tab === "profiles" && <ProfilesView />}
        {tab === "about" && <AboutView />}
      </main>
    </div>
    </WindowContext.Provider>
  );
}
