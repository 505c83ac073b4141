// The Migration tab: the v2 accounts audit, their re-authentication in v3, and v2 native auth.
import { useState } from "preact/hooks";
import { api } from "../api";
import type { AuditReport } from "../bindings/AuditReport";
import type { V2Linked } from "../bindings/V2Linked";
import { ErrorBox } from "../components/ErrorBox";
import { Field } from "../components/Field";
import { Waiting } from "../components/Waiting";
import { useJob } from "../job/useJob";
import { Screen } from "../components/Screen";
import { useApp } from "../useApp";

/** v2's provider codes in words (the code stays as a second line for support staff). */
const PROVIDERS: Record<string, string> = {
  ews: "Exchange server, by password",
  eas: "Exchange ActiveSync, by password",
};

export function MigrationView() {
  const { state, run, busy, error, navigate } = useApp();
  const d = state.demo;
  const [url, setUrl] = useState(d?.nylas_url ?? "https://api.nylas.com");
  const [clientId, setClientId] = useState(d?.v2_client_id ?? "");
  const [secret, setSecret] = useState(d?.v2_client_secret ?? "");
  const [report, setReport] = useState<AuditReport | null>(null);
  const [exEmail, setExEmail] = useState(d?.ews_email ?? "");
  const [exPassword, setExPassword] = useState("");
  const [linked, setLinked] = useState<V2Linked | null>(null);
  const v2 = () => ({ base_url: url, client_id: clientId, client_secret: secret });
  const input = (set: (v: string) => void) => (e: Event) => set((e.target as HTMLInputElement).value);

  const { signIn: started, go, cancel } = useJob();
  const office365 = () => go((events) => api.v2ConnectOffice365(v2(), null, events), (r) => setLinked(r));
  if (started) {
    return (
      <Screen name="migration">
        <h1 id="step-heading" tabIndex={-1}>Sign in to Nylas v2 <span class="tech">v2 native auth</span></h1>
        <Waiting started={started} what="Sign in and accept the Exchange permissions." onCancel={cancel} />
      </Screen>
    );
  }
  return (
    <Screen name="migration">
      <h1 id="step-heading" tabIndex={-1}>Nylas v2 migration</h1>
      <p>
        Finds v2 accounts still on Exchange passwords (Basic authentication, turned off by Microsoft) so each can sign
        in again on v3, through Microsoft instead of a password. The v2 secret is used for this check only and never saved.
      </p>
      <form onSubmit={(e) => { e.preventDefault(); run(async () => setReport(await api.migrationAudit(v2()))); }} noValidate>
        <Field id="v2-url" field="v2_base_url" label="v2 API address" error={error} hint="https://api.nylas.com (US) or https://ireland.api.nylas.com (EU).">
          {(aria) => <input {...aria} value={url} spellcheck={false} onInput={input(setUrl)} />}
        </Field>
        <Field id="v2-client-id" field="v2_client_id" label="v2 client ID" error={error}>
          {(aria) => <input {...aria} value={clientId} spellcheck={false} onInput={input(setClientId)} />}
        </Field>
        <Field id="v2-secret" field="v2_client_secret" label="v2 client secret" error={error}>
          {(aria) => <input {...aria} type="password" value={secret} autocomplete="off" onInput={input(setSecret)} />}
        </Field>
        <div class="actions"><button class="primary" type="submit" id="run-audit" disabled={busy}>{busy ? "Reading every page…" : "Run the audit"}</button></div>
      </form>
      {report && (
        <>
          <p id="audit-summary" role="status">
            {report.affected.length} of {report.total_accounts} accounts use Exchange passwords ({report.pages} {report.pages === 1 ? "page" : "pages"} read in {report.elapsed_ms} ms).
          </p>
          <table class="perms" id="audit-table">
            <caption class="offscreen">Accounts to sign in again on v3</caption>
            <thead><tr><th scope="col">Account</th><th scope="col">Provider</th><th scope="col">Action</th></tr></thead>
            <tbody>
              {report.affected.slice(0, 200).map((a, i) => (
                <tr key={a.id}>
                  <td>{a.email}</td>
                  <td>{PROVIDERS[a.provider] ?? "Exchange"} <span class="tech">{a.provider}</span></td>
                  <td><button class="copy" id={`reauth-${i}`} onClick={() => navigate({ view: "sign-in", loginHint: a.email })}>Sign in again on v3</button></td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.affected.length > 200 && <p class="hint">Showing the first 200; the command line's `audit` lists all.</p>}
        </>
      )}
      <h2>Link an account to Nylas v2 <span class="tech">v2 native auth</span></h2>
      <form onSubmit={(e) => { e.preventDefault(); run(async () => setLinked(await api.v2ConnectExchange(v2(), { email: exEmail, username: "", password: exPassword }))); }} noValidate>
        <Field id="v2-ex-email" field="email" label="Exchange mailbox" error={error}>
          {(aria) => <input {...aria} type="email" value={exEmail} onInput={input(setExEmail)} />}
        </Field>
        <Field id="v2-ex-password" field="password" label="Exchange password" error={error}>
          {(aria) => <input {...aria} type="password" value={exPassword} autocomplete="off" onInput={input(setExPassword)} />}
        </Field>
        <div class="actions">
          <button type="button" id="v2-link-o365" onClick={office365} disabled={busy}>Link an Office 365 account</button>
          <button class="primary" type="submit" id="v2-link-exchange" disabled={busy}>Link the Exchange account</button>
        </div>
      </form>
      {linked && <p id="v2-linked" class="ok">Linked {linked.email_address} ({linked.provider}) as v2 account <code>{linked.account_id}</code>.</p>}
      <ErrorBox error={error} />
    </Screen>
  );
}
