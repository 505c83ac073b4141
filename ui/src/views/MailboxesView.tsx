// The Mailboxes tab: grants listed and tested, each test saying why it failed, with sign-in
// again and the connection check where a test fails.
import { Fragment } from "preact";
import { useState } from "preact/hooks";
import { api } from "../api";
import type { Grant } from "../bindings/Grant";
import type { GrantCheck } from "../bindings/GrantCheck";
import type { GrantReport } from "../bindings/GrantReport";
import { ErrorBox } from "../components/ErrorBox";
import { Field } from "../components/Field";
import { Screen } from "../components/Screen";
import { ConnectionCheck } from "../doctor/ConnectionCheck";
import { useApp } from "../useApp";
import { GrantDetails, GrantVerdict, needsSignIn } from "./GrantVerdict";
import { DemoControlsPanel } from "./DemoControls";
import { useSendLink } from "./SendLink";

export function MailboxesView() {
  const { run, busy, error, navigate, route, state } = useApp();
  // Runs of the connection check asked for here (a failed test) or by the Azure app tab.
  const [checks, askCheck] = useState(route.view === "mailboxes" && route.then === "check" ? 1 : 0);
  const checkNow = () => askCheck((n) => n + 1);
  const [key, setKey] = useState("");
  const [report, setReport] = useState<GrantReport | null>(null);
  const [grants, setGrants] = useState<Grant[] | null>(null);
  const [tests, setTests] = useState<Record<string, GrantCheck>>({});
  const [open, setOpen] = useState<string | null>(null);
  const signInAgain = (g: Grant) => navigate({ view: "sign-in", loginHint: g.email ?? undefined });
  const link = useSendLink();
  const testAll = () =>
    run(async () => {
      const rows = await api.checkAllGrants();
      setGrants(rows.map((r) => r.grant));
      setTests(Object.fromEntries(rows.map((r) => [r.grant.id, r.check])));
    });
  const check = (k: string) =>
    run(async () => {
      setReport(null);
      setReport(await api.checkGrant(k));
    });
  // A row's test is answered in its own row, not at the form above.
  const checkRow = (id: string) =>
    run(async () => {
      const r = await api.checkGrant(id);
      setTests((c) => ({ ...c, [id]: r.check }));
      setGrants((gs) => gs?.map((g) => (g.id === id ? r.grant : g)) ?? null);
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
        <div id="grant-report">
          <p><strong>{report.grant.email ?? report.grant.id}</strong></p>
          <GrantVerdict check={report.check} id="grant-report-verdict" />
          {!report.check.ok && (
            <div class="actions start">
              {needsSignIn(report.grant, report.check) && <button class="primary" id="reauth-from-report" onClick={() => signInAgain(report.grant)}>Sign in again</button>}
              {needsSignIn(report.grant, report.check) && report.grant.email && (
                <button id="send-link-from-report" onClick={() => link.send(report.grant.email!)} disabled={busy}>Send the owner a sign-in link</button>
              )}
              <button id="check-from-report" onClick={checkNow} disabled={busy}>Check this connection</button>
            </div>
          )}
          <GrantDetails grant={report.grant} check={report.check} />
        </div>
      )}
      {link.panel}
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
          <thead><tr><th scope="col">Mailbox</th><th scope="col">Nylas's status</th><th scope="col">Test</th><th scope="col">Actions</th></tr></thead>
          <tbody>
            {grants.map((g) => {
              const t = tests[g.id];
              return (
                <Fragment key={g.id}>
                  <tr>
                    <td>{g.email ?? "—"}<br /><code class="small">{g.id}</code><span class="small line">{g.provider}</span></td>
                    <td class={g.grant_status === "valid" ? "ok" : "bad"} id={`row-status-${g.id}`}>{g.grant_status ?? "unknown"}</td>
                    <td>{t ? <GrantVerdict check={t} id={`row-check-${g.id}`} /> : <span class="small">Not tested</span>}</td>
                    <td>
                      <button class="copy" id={`test-row-${g.id}`} aria-label={`Test ${g.email ?? g.id}`} onClick={() => checkRow(g.id)} disabled={busy}>Test</button>{" "}
                      {needsSignIn(g, t) && (
                        <><button class="copy" id={`reauth-grant-${g.id}`} onClick={() => signInAgain(g)}>Sign in again</button>{" "}</>
                      )}
                      {needsSignIn(g, t) && g.email && (
                        <><button class="copy" id={`send-link-${g.id}`} aria-label={`Send a link to ${g.email}`} onClick={() => link.send(g.email!)} disabled={busy}>Send a link</button>{" "}</>
                      )}
                      {t && !t.ok && (
                        <><button class="copy" id={`check-from-${g.id}`} onClick={checkNow} disabled={busy}>Check this connection</button>{" "}</>
                      )}
                      <button class="copy" id={`details-row-${g.id}`} aria-expanded={open === g.id} onClick={() => setOpen(open === g.id ? null : g.id)}>Details</button>
                    </td>
                  </tr>
                  {open === g.id && <tr><td colSpan={4}><GrantDetails grant={g} check={t} /></td></tr>}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
      {grants && grants.length === 0 && <p>No grants yet.</p>}
      <ErrorBox error={error} />
      {state.profile.demo && <DemoControlsPanel />}
      <ConnectionCheck starts={checks} />
    </Screen>
  );
}
