// The window: the tabs, the wizard's current step or the open view, and the one error shown.
import icon from "./icon.png";
import { Fragment } from "preact";
import { useEffect, useLayoutEffect, useState } from "preact/hooks";
import { api, asAppError } from "./api";
import type { AppError } from "./bindings/AppError";
import type { WizardStep } from "./bindings/WizardStep";
import type { WizardState } from "./bindings/WizardState";
import type { StepProps, View } from "./types";
import { ErrorBox, GoToStep } from "./components/ErrorBox";
import { revealFirstProblem } from "./reveal";
import { Stepper } from "./components/Stepper";
import { ChecklistStep } from "./steps/ChecklistStep";
import { ConsentStep } from "./steps/ConsentStep";
import { CredentialsStep } from "./steps/CredentialsStep";
import { NylasStep } from "./steps/NylasStep";
import { ResultStep } from "./steps/ResultStep";
import { WelcomeStep } from "./steps/WelcomeStep";
import { AdminView } from "./views/AdminView";
import { AzureAppView } from "./views/AzureAppView";
import { EwsView } from "./views/EwsView";
import { MailboxesView } from "./views/MailboxesView";
import { MigrationView } from "./views/MigrationView";
import { ProfilesView } from "./views/ProfilesView";
import { SupportView } from "./views/SupportView";

/** The sections, with the short names a narrow window shows (the full name stays the label). */
const VIEWS: { view: View; title: string; short: string }[] = [
  { view: "wizard", title: "Setup", short: "Setup" },
  { view: "mailboxes", title: "Mailboxes", short: "Mailboxes" },
  { view: "admin", title: "Organization", short: "Organization" },
  { view: "azure-app", title: "Azure app", short: "Azure" },
  { view: "ews", title: "Exchange server", short: "Exchange" },
  { view: "migration", title: "v2 migration", short: "v2" },
  { view: "support", title: "History & support", short: "Support" },
  { view: "profiles", title: "Profiles", short: "Profiles" },
];


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
  const [view, setView] = useState<View>("wizard");
  const [hint, setHint] = useState<string | undefined>(undefined);

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
  }, [step, view]);

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

  const openView = (v: View, h?: string) => {
    setError(null);
    setHint(h);
    if (v === "wizard" && h) {
      run(() => api.goTo("consent"));
    }
    setView(v);
  };

  if (!state) {
    return (
      <main class="shell">
        <ErrorBox error={error} />
        {!error && <p class="loading" role="status">Loading…</p>}
      </main>
    );
  }
  const props: StepProps = { state, error, busy, run, setError, setState, hint, openView };
  const p = state.profile;
  // To the step where a value is entered; if an earlier step is unfinished, the wizard stays there.
  const goToStep = (step: WizardStep) => {
    setView("wizard");
    setError(null);
    api.goTo(step).then(setState, () => undefined);
  };
  return (
    <GoToStep.Provider value={goToStep}>
    <div class="shell">
      <header class="top">
        <div class="brand">
          <img src={icon} alt="" width="28" height="28" />
          <span>Mailbox Connect</span>
        </div>
        {p.step !== "welcome" && (
          <span class="profile-badge" id="profile-name">{p.demo ? "Demo tenant" : p.name}</span>
        )}
      </header>
      {p.step !== "welcome" && (
        <nav aria-label="Sections" class="tabs">
          {VIEWS.map((v) => (
            <button key={v.view} id={`tab-${v.view}`} class={view === v.view ? "tab current" : "tab"}
              aria-current={view === v.view ? "page" : undefined} aria-label={v.title} onClick={() => openView(v.view)}>
              <span class="long">{v.title}</span>
              <span class="short" aria-hidden="true">{v.short}</span>
            </button>
          ))}
        </nav>
      )}
      {view === "wizard" && <Stepper current={p.step} />}
      {!state.keychain && (
        <p class="warning" role="status" id="keychain-note">
          No system keychain was found, so the demo's credentials are kept in memory only.
        </p>
      )}
      {state.secret_warning && (
        <p class="warning" role="status" id="secret-warning">
          {state.secret_warning}{" "}
          <button type="button" class="copy" id="rotate-for-me" onClick={() => openView("azure-app", "rotate-secret")}>Replace it for me</button>{" "}
          <button type="button" class="copy" id="replace-secret" onClick={() => goToStep("credentials")}>Paste a new one</button>
        </p>
      )}
      <main class="card" aria-busy={busy}>
        {view === "wizard" && (
          // Forms keep what is typed; another profile, or the demo tenant restarting on new
          // ports, starts them afresh.
          <Fragment key={p.demo ? `${p.id} ${JSON.stringify(p.cloud)}` : p.id}>
          {p.step === "welcome" && <WelcomeStep {...props} />}
          {p.step === "checklist" && <ChecklistStep {...props} />}
          {p.step === "credentials" && <CredentialsStep {...props} />}
          {p.step === "nylas" && <NylasStep {...props} />}
          {p.step === "consent" && <ConsentStep key={hint ?? ""} {...props} />}
          {p.step === "result" && <ResultStep {...props} />}
          </Fragment>
        )}
        {view === "mailboxes" && <MailboxesView {...props} />}
        {view === "admin" && <AdminView {...props} />}
        {view === "azure-app" && <AzureAppView key={hint ?? ""} {...props} />}
        {view === "ews" && <EwsView {...props} />}
        {view === "migration" && <MigrationView {...props} />}
        {view === "support" && <SupportView {...props} />}
        {view === "profiles" && <ProfilesView {...props} />}
      </main>
    </div>
    </GoToStep.Provider>
  );
}
