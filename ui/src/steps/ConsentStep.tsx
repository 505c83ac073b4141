// Wizard step: a mailbox signs in to Microsoft in the browser.
import { useState } from "preact/hooks";
import { api, needsAdminApproval } from "../api";
import { Waiting } from "../components/Waiting";
import { ErrorBox } from "../components/ErrorBox";
import { Field } from "../components/Field";
import { useJob } from "../job/useJob";
import { Screen } from "../components/Screen";
import { useApp } from "../useApp";

export function ConsentStep() {
  const { state, run, busy, error, route, navigate } = useApp();
  const [hint, setHint] = useState(route.view === "sign-in" ? route.loginHint ?? "" : "");
  const { signIn: started, go, cancel } = useJob();

  const signIn = (e: Event) => {
    e.preventDefault();
    go((events) => api.connect(hint.trim() || null, events), (next) => next);
  };

  if (started) {
    return (
      <Screen name="consent">
        <h1 id="step-heading" tabIndex={-1}>Sign in with Microsoft in your browser</h1>
        <Waiting started={started} what="Sign in and choose Accept." onCancel={cancel} />
      </Screen>
    );
  }
  return (
    <Screen name="consent">
      <h1 id="step-heading" tabIndex={-1}>Sign in to the mailbox</h1>
      <p>
        Your browser opens Microsoft's sign-in page. Sign in as the mailbox you want to connect and accept the permissions.
        Mailbox Connect then registers it with Nylas and tests it.
      </p>
      <form onSubmit={signIn} noValidate>
        <Field id="login-hint" field="email" label="Mailbox address (optional)" error={error}
          hint={state.profile.demo ? "Demo accounts: adele.vance@contoso-demo.onmicrosoft.com or megan.bowen@contoso-demo.onmicrosoft.com." : "Pre-fills Microsoft's sign-in page."}>
          {(aria) => <input {...aria} type="email" value={hint} autocomplete="off"
            onInput={(e) => setHint((e.target as HTMLInputElement).value)} />}
        </Field>
        {error?.code === "consent_cancelled" ? (
          <p class="note" role="status" id="sign-in-cancelled">Sign-in cancelled. Start again whenever you are ready.</p>
        ) : (
          <ErrorBox error={error} fields={["email"]} />
        )}
        {needsAdminApproval(error) && (
          <p class="note" id="admin-approval-offer">
            If Microsoft said “Need admin approval”, an administrator can approve the app for the whole organization.{" "}
            <button type="button" id="go-admin-consent" onClick={() => navigate({ view: "admin" })}>Open admin consent</button>
          </p>
        )}
        <div class="actions">
          <button type="button" id="back-to-nylas" onClick={() => run(() => api.goTo("nylas"))} disabled={busy}>Back</button>
          <button class="primary" type="submit" id="start-consent" disabled={busy}>
            {error ? "Try signing in again" : "Sign in with Microsoft"}
          </button>
        </div>
      </form>
    </Screen>
  );
}
