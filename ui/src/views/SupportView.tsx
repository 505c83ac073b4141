import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import type { LedgerEntry } from "../bindings/LedgerEntry";
import type { SavedFile } from "../bindings/SavedFile";
import { ErrorBox } from "../components/ErrorBox";
import type { StepProps } from "../types";

export function SupportView({ run, busy, error }: StepProps) {
  const [ledger, setLedger] = useState<LedgerEntry[]>([]);
  const [exported, setExported] = useState<SavedFile | null>(null);
  const [diag, setDiag] = useState<SavedFile | null>(null);
  useEffect(() => {
    run(async () => setLedger(await api.ledger()));
  }, []);
  return (
    <section aria-labelledby="step-heading" data-step="support">
      <h1 id="step-heading" tabIndex={-1}>Onboarding ledger and support</h1>
      <table class="perms" id="ledger-table">
        <caption class="offscreen">Mailboxes connected</caption>
        <thead><tr><th scope="col">When</th><th scope="col">Mailbox</th><th scope="col">How</th><th scope="col">Grant</th><th scope="col">Test</th></tr></thead>
        <tbody>
          {ledger.map((e) => (
            <tr key={`${e.grant_id}-${e.at}`}>
              <td>{new Date(Number(e.at) * 1000).toLocaleString()}</td>
              <td>{e.email}</td>
              <td>{e.method}</td>
              <td><code class="small">{e.grant_id}</code></td>
              <td class={e.test_passed ? "ok" : "bad"}>{e.test_passed ? "passed" : "failed"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {ledger.length === 0 && <p>No mailboxes connected yet.</p>}
      <div class="actions start">
        <button id="export-ledger" onClick={() => run(async () => setExported(await api.exportLedger()))} disabled={busy}>Export CSV</button>
        <button id="make-diagnostics" onClick={() => run(async () => setDiag(await api.diagnostics()))} disabled={busy}>Create diagnostics bundle</button>
      </div>
      {exported && <p role="status" id="export-path">Saved {exported.path}</p>}
      {diag && (
        <>
          <p role="status" id="diagnostics-path">Saved {diag.path}. It holds no secrets and masks email addresses; attach it to your support ticket.</p>
          <pre id="diagnostics-preview" tabIndex={0}>{diag.contents}</pre>
        </>
      )}
      <ErrorBox error={error} />
    </section>
  );
}
