// Wizard step: the Nylas region and API key.
import { useState } from "preact/hooks";
import { api } from "../api";
import { ErrorBox } from "../components/ErrorBox";
import { Field } from "../components/Field";
import { Screen } from "../components/Screen";
import { useApp } from "../useApp";
import { chosenRegion, nylasRegion } from "./nylasRegion";

export function NylasStep() {
  const { state, run, busy, error } = useApp();
  const p = state.profile;
  const [url, setUrl] = useState(p.region.kind === "custom" ? p.region.url : "");
  const [key, setKey] = useState("");
  // The region was chosen with the Azure checklist (its redirect URIs depend on it): asked once.
  const chosen = chosenRegion(p.region);
  const region = nylasRegion(p.region, url);
  const submit = (e: Event) => {
    e.preventDefault();
    run(() => api.saveNylas({ region, api_key: key })).then((ok) => ok && setKey(""));
  };
  return (
    <Screen name="nylas">
      <h1 id="step-heading" tabIndex={-1}>Connect to Nylas</h1>
      <p>Mailbox Connect registers each mailbox with your Nylas application and sets up its Microsoft connector.</p>
      {!p.demo && !p.credentials_checked && (
        <p class="note" id="credentials-not-checked">
          Microsoft has not checked the client ID and secret yet: with the tenant set to <code>{p.tenant}</code> it
          checks them when you sign in. To check them now, go Back and enter your Directory (tenant) ID.
        </p>
      )}
      <form onSubmit={submit} noValidate>
        {p.demo ? (
          <p class="hint" id="demo-nylas-note">In the demo, the built-in demo tenant plays the Nylas API: its address and key are filled in for you.</p>
        ) : (
          <>
            <p id="nylas-region-chosen">
              Nylas region: <strong>{chosen === "eu" ? "Europe (api.eu.nylas.com)" : "United States (api.us.nylas.com)"}</strong>, as
              chosen with the Azure app.{" "}
              <button type="button" id="change-region" class="copy" onClick={() => run(() => api.goTo("checklist"))} disabled={busy}>
                Change
              </button>
            </p>
            <details class="advanced" open={!!url}>
              <summary>Advanced: a custom Nylas API address</summary>
              <Field id="nylas-url" field="nylas_region" label="Nylas API address (leave empty for the region above)" error={error}>
                {(aria) => <input {...aria} value={url} spellcheck={false} onInput={(e) => setUrl((e.target as HTMLInputElement).value)} />}
              </Field>
            </details>
          </>
        )}
        <Field id="api-key" field="api_key" label="Nylas API key" error={error}
          hint={p.api_key_saved ? "A key is saved in your keychain. Leave empty to keep it." : "Nylas Dashboard → API Keys. It is shown only once."}>
          {(aria) => <input {...aria} type="password" value={key} autocomplete="off"
            placeholder={p.api_key_saved ? "•••••••• saved in keychain" : ""}
            onInput={(e) => setKey((e.target as HTMLInputElement).value)} />}
        </Field>
        <ErrorBox error={error} fields={p.demo ? ["api_key"] : ["nylas_region", "api_key"]} />
        <div class="actions">
          <button type="button" id="back-to-credentials" onClick={() => run(() => api.goTo("credentials"))} disabled={busy}>Back</button>
          <button class="primary" type="submit" id="save-nylas" disabled={busy}>
            {busy ? "Checking the key…" : "Check and continue"}
          </button>
        </div>
      </form>
    </Screen>
  );
}
