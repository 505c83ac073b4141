// The Support tab: the onboarding ledger and the diagnostics bundle, saved where chosen.
import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import type { LedgerEntry } from "../bindings/LedgerEntry";
import type { Method } from "../bindings/Method";
import type { SavedFile } from "../bindings/SavedFile";
import { ErrorBox } from "../components/ErrorBox";
import { Screen } from "../components/Screen";
import { useApp } from "../useApp";

/** How each mailbox was connected, in words (the CSV keeps the short codes). */
const HOW: Record<Method, string> = {
  byo: "Signed in through Mailbox Connect",
  hosted: "Signed in on Nylas's page",
  bulk: "With the organization's approval",
  ews: "Exchange password",
};

export function SupportView() {
  const { run, busy, error } = useApp();
  const [ledger, setLedger] = useState<LedgerEntry[]>([]);
  // What the last Save dialog did: saved a file, or was closed without saving.
  const [saved, setSaved] = useState<{ what: "ledger" | "diagnostics"; file: SavedFile | null } | null>(null);
  const save = (what: "ledger" | "diagnostics", call: () => Promise<SavedFile | null>) =>
    run(async () => setSaved({ what, file: await call() }));
  useEffect(() => {
    run(async () => setLedger(await api.ledger()));
  }, []);
  return (
    <Screen name="support">
      <h1 id="step-heading" tabIndex={-1}>Connection history and support</h1>
      <table class="perms" id="ledger-table">
        <caption class="offscreen">Mailboxes connected and tested</caption>
        <thead><tr><th scope="col">When</th><th scope="col">Mailbox</th><th scope="col">How</th><th scope="col">Grant</th><th scope="col">Test</th></tr></thead>
        <tbody>
          {ledger.map((e) => (
            <tr key={`${e.grant_id}-${e.at}`}>
              <td>{new Date(Number(e.at) * 1000).toLocaleString()}</td>
              <td>{e.email}</td>
              <td>{e.event === "tested" ? "Tested" : e.method ? HOW[e.method] : "—"}</td>
              <td><code class="small">{e.grant_id}</code></td>
              <td class={e.test_passed ? "ok" : "bad"}>{e.test_passed ? "passed" : "failed"}{e.cause && <><br /><span class="small">{e.cause}</span></>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {ledger.length === 0 && <p>No mailboxes connected or tested yet.</p>}
      <div class="actions start">
        <button id="export-ledger" onClick={() => save("ledger", api.exportLedger)} disabled={busy}>Save the history as CSV…</button>
        <button id="make-diagnostics" onClick={() => save("diagnostics", api.saveDiagnostics)} disabled={busy}>Save a diagnostics bundle…</button>
      </div>
      {saved && !saved.file && <p role="status" id="save-status">Not saved: the Save window was closed.</p>}
      {saved?.file && (
        <div class="saved" role="status" id="save-status">
          <p>
            {saved.what === "ledger" ? "History saved as " : "Diagnostics bundle saved as "}
            <code id="saved-path">{saved.file.path}</code>
            {saved.what === "diagnostics" && ". It holds no secrets and masks email addresses; attach it to your support ticket."}
          </p>
          <button id="show-in-folder" onClick={() => run(async () => { await api.showInFolder(); })} disabled={busy}>Show in folder</button>
        </div>
      )}
      {saved?.what === "diagnostics" && saved.file && (
        <pre id="diagnostics-preview" tabIndex={0} aria-label="What the bundle holds">{saved.file.contents}</pre>
      )}
      <ErrorBox error={error} />
    </Screen>
  );
}
