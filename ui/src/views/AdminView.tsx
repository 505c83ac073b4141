// The Admin consent tab: the organization-wide approval link, then bulk auth.
import { useState } from "preact/hooks";
import { api } from "../api";
import type { AdminConsentResult } from "../bindings/AdminConsentResult";
import type { BulkRow } from "../bindings/BulkRow";
import { CopyButton } from "../components/CopyButton";
import { ErrorBox } from "../components/ErrorBox";
import { Field } from "../components/Field";
import { Waiting } from "../components/Waiting";
import { useJob } from "../job/useJob";
import { Screen } from "../components/Screen";
import { useApp } from "../useApp";

export function AdminView() {
  const { state, run, busy, error } = useApp();
  const [approved, setApproved] = useState<AdminConsentResult | null>(null);
  const [emails, setEmails] = useState(state.demo?.mailboxes.join("\n") ?? "");
  const [rows, setRows] = useState<BulkRow[] | null>(null);
  const approvedBefore = !!state.profile.admin_credential_id;

  const { signIn: started, go, cancel } = useJob();
  const consent = () =>
    go(api.adminConsent, (r) => {
      setApproved(r);
      return api.getState();
    });
  if (started) {
    return (
      <Screen name="admin">
        <h1 id="step-heading" tabIndex={-1}>Waiting for the administrator</h1>
        <Waiting started={started} what="Sign in as an administrator and accept for your organization. The answer comes back to this computer, so the administrator signs in here; elsewhere, they can grant it in Enterprise applications › your app › Permissions." onCancel={cancel} />
      </Screen>
    );
  }
  return (
    <Screen name="admin">
      <h1 id="step-heading" tabIndex={-1}>Approve for the whole organization, then connect many mailboxes</h1>
      <p>
        When your organization requires an administrator to approve apps (“Need admin approval”), an administrator
        approves Mailbox Connect's permissions once for everyone. Nylas can then add mailboxes without each user signing in.
      </p>
      <div class="actions start">
        <button class="primary" id="start-admin-consent" onClick={consent} disabled={busy}>
          {approvedBefore ? "Approve again" : "Open admin consent"}
        </button>
      </div>
      {(approved || approvedBefore) && (
        <p class="ok" id="admin-result">
          An administrator approved the app{approved?.tenant ? ` for tenant ${approved.tenant}` : ""}. Nylas credential:{" "}
          <code>{approved?.credential_id ?? state.profile.admin_credential_id}</code>
        </p>
      )}
      <h2>Add mailboxes without sign-in</h2>
      <form onSubmit={(e) => { e.preventDefault(); run(async () => setRows(await api.bulkConnect(emails.split(/[\s,;]+/).filter(Boolean)))); }} noValidate>
        <Field id="bulk-emails" field="emails" label="Mailbox addresses (one per line)" error={error}>
          {(aria) => <textarea {...aria} rows={5} value={emails} onInput={(e) => setEmails((e.target as HTMLTextAreaElement).value)} />}
        </Field>
        <div class="actions"><button class="primary" type="submit" id="bulk-connect" disabled={busy}>Connect all</button></div>
      </form>
      {rows && (
        <table class="perms" id="bulk-results">
          <caption class="offscreen">Mailboxes connected with the organization's approval</caption>
          <thead><tr><th scope="col">Mailbox</th><th scope="col">Result</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.email}>
                <td>{r.email}</td>
                <td class={r.grant_id && r.check?.ok ? "ok" : "bad"}>
                  {r.grant_id ? (
                    <>Grant <code>{r.grant_id}</code> <CopyButton value={r.grant_id} label="grant ID" /> {r.check?.detail}</>
                  ) : (
                    <span id={`bulk-error-${r.email}`}>
                      {r.error?.message ?? "Failed."}
                      {r.error?.fix && <span class="line"><strong>How to fix:</strong> {r.error.fix}</span>}
                      {r.error?.detail && <span class="tech">{r.error.detail}</span>}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorBox error={error} />
    </Screen>
  );
}
