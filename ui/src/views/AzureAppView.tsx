// The Azure app tab: what Azure has, a new secret, or removing the app.
import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import type { AppSummary } from "../bindings/AppSummary";
import type { Rotated } from "../bindings/Rotated";
import type { SignInOptions } from "../bindings/SignInOptions";
import { AdminSignIn, SIGN_IN_FIELDS } from "../azure/AdminSignIn";
import { adminWaiting } from "../azure/AdminWaiting";
import { SecretMonths } from "../azure/SecretMonths";
import { JobProgress } from "../job/JobProgress";
import { useJob } from "../job/useJob";
import { ErrorBox } from "../components/ErrorBox";
import { Screen } from "../components/Screen";
import { useApp } from "../useApp";

/** The Azure app through Microsoft Graph: what Azure has, a new secret, or removing the app
 * Mailbox Connect created. Each asks an administrator to sign in once (then kept in memory). */
export function AzureAppView() {
  const { state, busy, error, route, navigate } = useApp();
  const p = state.profile;
  const [signIn, setSignIn] = useState<SignInOptions>({ admin_consent: false, device_code: false });
  const [months, setMonths] = useState(24);
  const [summary, setSummary] = useState<AppSummary | null>(null);
  const [rotated, setRotated] = useState<Rotated | null>(null);
  const [removed, setRemoved] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const job = useJob();
  const start = () => {
    setSummary(null);
    setRotated(null);
    setRemoved(false);
  };
  const show = () => { start(); job.go((ev) => api.showAzureApp(signIn, ev), setSummary); };
  const rotate = () => {
    start();
    job.go((ev) => api.rotateSecret(signIn, months, ev), (r) => { setRotated(r); return api.getState(); });
  };
  const remove = () => {
    start();
    setConfirmRemove(false);
    job.go((ev) => api.removeAzureApp(signIn, ev), (next) => { setRemoved(true); return next; });
  };

  // The expiry banner's "Replace it for me" opens this view to do just that.
  useEffect(() => {
    if (route.view === "azure-app" && route.then === "rotate") rotate();
  }, []);

  const waiting = adminWaiting(job);
  if (waiting) {
    return (
      <Screen name="azure-app">
        <h1 id="step-heading" tabIndex={-1}>{waiting.title}</h1>
        {waiting.panel}
      </Screen>
    );
  }
  const known = !!p.client_id;
  return (
    <Screen name="azure-app">
      <h1 id="step-heading" tabIndex={-1}>Your Azure app</h1>
      {known ? (
        <p>
          Client ID <code id="azure-app-client-id">{p.client_id}</code>
          {p.secret_expires_on && <>; its secret expires on <strong id="azure-app-expiry">{p.secret_expires_on}</strong></>}.
          {p.created_app ? " Mailbox Connect created it." : " It was registered by hand."}
        </p>
      ) : (
        <p class="note" id="azure-app-none">This profile has no Azure app yet. Create one on the Setup tab.</p>
      )}
      <AdminSignIn value={signIn} onChange={setSignIn} error={error} demo={p.demo} />
      <SecretMonths id="rotate-months" label="A new secret lasts" value={months} onChange={setMonths} busy={busy} error={error} />
      <div class="actions start">
        <button id="show-azure-app" onClick={show} disabled={busy || !known}>Show what Azure has</button>
        <button class="primary" id="rotate-secret" onClick={rotate} disabled={busy || !known}>Replace the secret for me</button>
        {p.created_app && <button id="remove-azure-app" onClick={() => setConfirmRemove(true)} disabled={busy}>Remove this app</button>}
        <button id="check-connection-from-azure" onClick={() => navigate({ view: "mailboxes", then: "check" })} disabled={busy || !known}>Check this connection</button>
      </div>
      <p class="hint">
        Replacing the secret adds a new one, keeps it in this computer's keychain, gives it to Nylas, tests a connected
        mailbox, and only then removes the old one. If the test fails, both secrets stay.
      </p>
      {confirmRemove && (
        <div class="note" role="alertdialog" aria-labelledby="remove-question" id="remove-confirm">
          <p id="remove-question"><strong>Remove the app from Azure?</strong> Mailboxes connected with it stop working until they are connected with another app.</p>
          <div class="actions start">
            <button id="remove-confirm-yes" onClick={remove}>Remove it</button>
            <button id="remove-confirm-no" onClick={() => setConfirmRemove(false)}>Keep it</button>
          </div>
        </div>
      )}
      <JobProgress job={job} />
      {rotated && (
        <p class="ok" role="status" id="rotated">
          New secret in use until {rotated.expires_on}.
          {rotated.grant_checked ? ` A connected mailbox was tested with it (grant ${rotated.grant_checked}).` : ""}
          {rotated.removed.length > 0 ? " The old secret was removed." : " No old secret was found to remove."}
        </p>
      )}
      {removed && <p class="ok" role="status" id="removed">The app was removed from Azure, and its secret from this computer.</p>}
      {summary && (
        <dl class="facts" id="azure-app-summary">
          <dt>Name</dt><dd>{summary.display_name}</dd>
          <dt>Client ID</dt><dd><code>{summary.client_id}</code></dd>
          <dt>Who can sign in</dt><dd>{summary.sign_in_audience === "AzureADMyOrg" ? "Only your organization" : summary.sign_in_audience}</dd>
          <dt>Redirect addresses</dt><dd>{summary.redirect_uris.map((u) => <code key={u}>{u} </code>)}</dd>
          <dt>Secrets</dt>
          <dd id="azure-app-secrets">
            {summary.secrets.length === 0 ? "None" : summary.secrets.map((s) => (
              <span key={s.key_id} class="secret-row">Starts with <code>{s.hint}</code>, expires {s.expires.slice(0, 10)}<br /></span>
            ))}
          </dd>
          <dt>Created by Mailbox Connect</dt><dd>{summary.created_here ? "Yes" : "No"}</dd>
        </dl>
      )}
      <ErrorBox error={error} fields={[...SIGN_IN_FIELDS, "secret_months"]} />
    </Screen>
  );
}
