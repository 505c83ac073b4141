// Wizard step: the Azure app's client ID, tenant, secret and its expiry.
import { useState } from "preact/hooks";
import { api } from "../api";
import type { AppError } from "../bindings/AppError";
import type { IdentityCloud } from "../bindings/IdentityCloud";
import { ErrorBox } from "../components/ErrorBox";
import { type ExpiryChoice, ExpiryField } from "../components/ExpiryField";
import { Field } from "../components/Field";
import { revealFirstProblem } from "../reveal";
import { Screen } from "../components/Screen";
import { useApp } from "../useApp";
import { missingCredentials } from "./credentialsForm";

type CloudKind = IdentityCloud["kind"];

/** The fields this screen shows, whose errors are said at the field (the demo hides the last two). */
const SHOWN_FIELDS = ["client_id", "tenant", "client_secret", "secret_expires_on", "cloud", "identity_host"];

export function CredentialsStep() {
  const { state, run, busy, error } = useApp();
  const p = state.profile;
  const [clientId, setClientId] = useState(p.client_id);
  const [tenant, setTenant] = useState(p.tenant);
  const [secret, setSecret] = useState("");
  const [expiry, setExpiry] = useState<ExpiryChoice>({});
  const [expiryError, setExpiryError] = useState<AppError | null>(null);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [cloudKind, setCloudKind] = useState<CloudKind>(p.cloud.kind);
  const [customHost, setCustomHost] = useState(p.cloud.kind === "custom" ? p.cloud.url : "");
  const cloud: IdentityCloud = cloudKind === "custom" ? { kind: "custom", url: customHost } : ({ kind: cloudKind } as IdentityCloud);

  // A problem found here replaces the last answer from Microsoft, and is said once, at its field.
  const shown = expiryError ?? error;
  const submit = (e: Event) => {
    e.preventDefault();
    // Every required field left empty is named at once, at its field.
    const empty = missingCredentials({ clientId, tenant, secret, secretSaved: p.secret_saved });
    setMissing(empty);
    const expiryProblem: AppError | null = expiry.problem
      ? { code: "invalid_input", message: expiry.problem, field: "secret_expires_on" }
      : null;
    setExpiryError(expiryProblem);
    if (Object.keys(empty).length || expiryProblem) {
      requestAnimationFrame(revealFirstProblem);
      return;
    }
    setExpiryError(null);
    run(() =>
      api.saveAzureApp({ client_id: clientId, tenant, cloud, client_secret: secret, secret_expires_on: expiry.iso ?? expiry.text }),
    ).then((ok) => ok && setSecret(""));
  };
  return (
    <Screen name="credentials">
      <h1 id="step-heading" tabIndex={-1}>Paste the app's credentials</h1>
      <p>Copy these from the app's Overview and Certificates &amp; secrets pages in the Azure portal.</p>
      <form onSubmit={submit} noValidate>
        <Field id="client-id" field="client_id" problem={missing.client_id} label="Application (client) ID" error={shown}
          hint="Looks like 1f3b2c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d; on the app's Overview page.">
          {(aria) => <input {...aria} value={clientId} autocomplete="off" spellcheck={false}
            onInput={(e) => setClientId((e.target as HTMLInputElement).value)} />}
        </Field>
        <Field id="tenant" field="tenant" problem={missing.tenant} label="Directory (tenant) ID or domain" error={shown}
          hint="The Directory (tenant) ID from the app's Overview page, or your domain. 'common' only for an app open to any organization.">
          {(aria) => <input {...aria} value={tenant} autocomplete="off" spellcheck={false}
            onInput={(e) => setTenant((e.target as HTMLInputElement).value)} />}
        </Field>
        <Field id="client-secret" field="client_secret" problem={missing.client_secret} label="Client secret value" error={shown}
          hint={p.secret_saved ? "A secret is saved in your keychain. Leave empty to keep it, or paste a new Value." : "The Value column, shown once right after you create the secret. Not the Secret ID."}>
          {(aria) => <input {...aria} type="password" value={secret} autocomplete="off"
            placeholder={p.secret_saved ? "•••••••• saved in keychain" : ""}
            onInput={(e) => setSecret((e.target as HTMLInputElement).value)} />}
        </Field>
        <ExpiryField saved={p.secret_expires_on} error={shown} onChange={(c) => { setExpiry(c); setExpiryError(null); }} />
        {/* The demo tenant's address is plumbing: a demo shows what a real admin would see. */}
        {!p.demo && <details class="advanced" open={cloudKind !== "global"}>
          <summary>Advanced: Microsoft cloud</summary>
          <Field id="cloud" field="cloud" label="Sign-in cloud" error={shown}>
            {(aria) => (
              <select {...aria} value={cloudKind} onChange={(e) => setCloudKind((e.target as HTMLSelectElement).value as CloudKind)}>
                <option value="global">Global (login.microsoftonline.com)</option>
                <option value="us_government">US Government (login.microsoftonline.us)</option>
                <option value="china">China, operated by 21Vianet (login.chinacloudapi.cn)</option>
                <option value="custom">Custom sign-in host</option>
              </select>
            )}
          </Field>
          {cloudKind === "custom" && (
            <Field id="identity-host" field="identity_host" label="Custom sign-in host URL" error={shown}>
              {(aria) => <input {...aria} value={customHost} spellcheck={false}
                onInput={(e) => setCustomHost((e.target as HTMLInputElement).value)} />}
            </Field>
          )}
        </details>}
        <ErrorBox error={expiryError ? null : error} fields={p.demo ? SHOWN_FIELDS.slice(0, 4) : SHOWN_FIELDS} />
        <div class="actions">
          <button type="button" id="back-to-checklist" onClick={() => run(() => api.goTo("checklist"))} disabled={busy}>Back</button>
          <button class="primary" type="submit" id="save-azure" disabled={busy}>
            {busy ? "Checking with Microsoft…" : "Check and continue"}
          </button>
        </div>
      </form>
    </Screen>
  );
}
