// "Create it for me" on the Azure step: sign in once, the app is registered through Graph.
import { useState } from "preact/hooks";
import { api } from "../api";
import type { SignInOptions } from "../bindings/SignInOptions";
import { ErrorBox } from "../components/ErrorBox";
import { useApp } from "../useApp";
import { AdminSignIn, SIGN_IN_FIELDS } from "./AdminSignIn";
import { adminWaiting } from "./AdminWaiting";
import { SecretMonths } from "./SecretMonths";
import { JobProgress } from "../job/JobProgress";
import { useJob } from "../job/useJob";

/** "Create it for me": an administrator signs in once and Mailbox Connect registers the app
 * through Microsoft Graph, then the wizard continues with nothing to copy or paste. */
export function CreateForMe() {
  const { state, busy, error } = useApp();
  const { profile } = state;
  const [signIn, setSignIn] = useState<SignInOptions>({ admin_consent: false, device_code: false });
  const [months, setMonths] = useState(24);
  const job = useJob();
  const create = (e: Event) => {
    e.preventDefault();
    job.go((events) => api.createAzureApp({ sign_in: signIn, secret_months: months }, events), (next) => next);
  };
  const waiting = adminWaiting(job);
  if (waiting) {
    return (
      <div id="create-app">
        <h2>{waiting.title}</h2>
        {waiting.panel}
      </div>
    );
  }
  const resumed = profile.created_app && !profile.created_app.ready;
  return (
    <form id="create-app" onSubmit={create} noValidate>
      <p>
        Sign in once as an administrator: Mailbox Connect registers the app, keeps its secret in this computer's
        keychain and continues. Nothing to copy or paste.
      </p>
      {resumed && (
        <p class="note" id="create-resume">
          A previous attempt stopped part-way. Creating it again finishes the same app; no second app is made.
        </p>
      )}
      <div class="actions start">
        <button class="primary" type="submit" id="create-app-start" disabled={busy}>
          {error ? "Try again" : resumed ? "Finish creating it" : "Create it for me"}
        </button>
      </div>
      {profile.demo && !profile.created_app && (
        <p class="note" id="create-demo-note">
          The demo tenant already has an app; this makes a second one, to show how it works.
        </p>
      )}
      <JobProgress job={job} />
      <ErrorBox error={error} fields={[...SIGN_IN_FIELDS, "secret_months"]} />
      <fieldset class="options" id="create-options">
        <legend>Options (the defaults suit most organizations)</legend>
        <AdminSignIn value={signIn} onChange={setSignIn} error={error} demo={profile.demo} />
        <label class="check">
          <input type="checkbox" id="admin-consent" checked={signIn.admin_consent} disabled={busy}
            onChange={(e) => setSignIn({ ...signIn, admin_consent: (e.target as HTMLInputElement).checked })} />
          Also approve it for everyone in the organization
        </label>
        <p class="hint">Then no one is asked to accept the permissions when their mailbox is connected.</p>
        <SecretMonths id="secret-months" label="The secret lasts" value={months} onChange={setMonths} busy={busy} error={error}
          hint="Mailbox Connect warns you 30 days before it runs out and can replace it for you." />
      </fieldset>
    </form>
  );
}
