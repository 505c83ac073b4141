// The Mailboxes tab: grants listed and tested, with sign-in again for a broken one.
import { useState } from "preact/hooks";
import { api } from "../api";
import type { Grant } from "../bindings/Grant";
import type { GrantReport } from "../bindings/GrantReport";
import { ErrorBox } from "../components/ErrorBox";
import { Field } from "../components/Field";
import { Screen } from "../components/Screen";
import { ConnectionCheck } from "../doctor/ConnectionCheck";
import { useApp } from "../useApp";

export function MailboxesView() {
  const { run, busy, error, navigate, route } = useApp();
  // Runs of the connection check asked for here (a failed test) or by the Azure app tab.
  const [checks, askCheck] = useState(route.view === "mailboxes" && route.then === "check" ? 1 : 0);
  const checkNow = () => askCheck((n) => n + 1);
  const [key, setKey] = useState("");
  const [report, setReport] = useState<GrantReport | null>(null);
  const [grants, setGrants] = useState<Grant[] | null>(null);
  const [tests, setTests] = useState<Record<string, string>>({});
  const testAll = () =>
    run(async () => {
      const rows = await api.checkAllGrants();
      setGrants(rows.map((r) => r.grant));
      setTests(Object.fromEntries(rows.map((r) => [r.grant.id, `${r.check.ok ? "Passed" : "Failed"}: ${r.check.detail}`])));
    });
  const check = (k: string) => run(async () => setReport(await api.checkGrant(k)));
  // A row's test is answered in its own row, not at the form above.
  const checkRow = (id: string) =>
    run(async () => {
      const r = await api.checkGrant(id);
      setTests((c) => ({ ...c, [id]: `${r.check.ok ? "Passed" : "Failed"}: ${r.check.detail}` }));
    });
  return (
    <Screen name="mailboxes">
      <h1 id="step-heading" tabIndex={-1}>Mailboxes</h1>
      <h2>Test a grant</h2>
      <form onSubmit={(e) => { e.preventDefault(); check(key); }} noValidate>
        <Field id="grant-key" field="grant" label="Grant ID or mailbox address" error={error}
          hint="Checks Nylas's grant status and reads one message through it.">
          {(aria) => <input {...aria} value={key} spellcheck={false} onInput={(e) => setKey((e.target as HTMLInputElement).value)} />}
        </Field>
        <div class="actions"><button class="primary" id="check-grant" type="submit" disabled={busy}>Test grant</button></div>
      </form>
      {report && (
        <p id="grant-report" class={report.check.ok ? "ok" : "bad"}>
          {report.grant.email ?? report.grant.id}: {report.check.ok ? "Passed. " : "Failed. "}{report.check.detail}
          {!report.check.ok && <> <button class="copy" id="check-from-report" onClick={checkNow} disabled={busy}>Check this connection</button></>}
        </p>
      )}
      <h2>All grants</h2>
      <div class="actions start">
        <button id="load-grants" onClick={() => run(async () => { setGrants(await api.listGrants()); setTests({}); })} disabled={busy}>
          {grants ? "Refresh" : "List grants"}
        </button>
        <button id="test-all-grants" onClick={testAll} disabled={busy}>{busy ? "Testing (50 a second)…" : "Test all"}</button>
        <button id="connect-next" onClick={() => navigate({ view: "sign-in" })} disabled={busy}>Connect another mailbox</button>
      </div>
      {grants && (
        <table class="perms" id="grants-table">
          <caption class="offscreen">Grants of the Nylas application</caption>
          <thead><tr><th scope="col">Mailbox</th><th scope="col">Provider</th><th scope="col">Status</th><th scope="col">Actions</th></tr></thead>
          <tbody>
            {grants.map((g) => (
              <tr key={g.id}>
                <td>{g.email ?? "—"}<br /><code class="small">{g.id}</code></td>
                <td>{g.provider}</td>
                <td class={g.grant_status === "valid" ? "ok" : "bad"}>{g.grant_status ?? "unknown"}{tests[g.id] && <><br /><span class="small" id={`row-check-${g.id}`} role="status">{tests[g.id]}</span></>}</td>
                <td>
                  <button class="copy" id={`test-row-${g.id}`} aria-label={`Test ${g.email ?? g.id}`} onClick={() => checkRow(g.id)} disabled={busy}>Test</button>{" "}
                  {tests[g.id]?.startsWith("Failed") && (
                    <><button class="copy" id={`check-from-${g.id}`} onClick={checkNow} disabled={busy}>Check this connection</button>{" "}</>
                  )}
                  {g.grant_status !== "valid" && g.provider === "microsoft" && (
                    <button class="copy" id={`reauth-grant-${g.id}`} onClick={() => navigate({ view: "sign-in", loginHint: g.email ?? undefined })}>Sign in again</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {grants && grants.length === 0 && <p>No grants yet.</p>}
      <ErrorBox error={error} />
      <ConnectionCheck starts={checks} />
    </Screen>
  );
}
