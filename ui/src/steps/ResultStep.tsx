import { api } from "../api";
import { CopyButton } from "../components/CopyButton";
import { ErrorBox } from "../components/ErrorBox";
import type { StepProps } from "../types";

export function ResultStep({ state, run, busy, error }: StepProps) {
  const r = state.profile.last_result;
  if (!r) return null;
  const when = new Date(Number(r.finished_at) * 1000).toLocaleString();
  return (
    <section aria-labelledby="step-heading" data-step="result">
      <h1 id="step-heading" tabIndex={-1}>{r.check.ok ? "Mailbox connected" : "Connected, with a problem"}</h1>
      <dl class="facts">
        <dt>Signed in as</dt>
        <dd id="result-email">{r.account.name ? `${r.account.name} <${r.account.email ?? "?"}>` : r.account.email}</dd>
        <dt>Account type</dt>
        <dd>{r.account.personal ? "Personal Microsoft account" : "Work or school account"}{r.account.tenant_id ? ` (tenant ${r.account.tenant_id})` : ""}</dd>
        <dt>Nylas grant ID</dt>
        <dd class="with-copy"><code id="grant-id">{r.grant.id}</code><CopyButton value={r.grant.id} label="grant ID" /></dd>
        <dt>Microsoft connector</dt>
        <dd>{r.connector === "created" ? "Created" : r.connector === "updated" ? "Updated to this Azure app" : "Already set up"}</dd>
        <dt>Test</dt>
        <dd id="grant-check" class={r.check.ok ? "ok" : "bad"}>{r.check.ok ? "Passed. " : "Failed. "}{r.check.detail}</dd>
        <dt>Permissions granted</dt>
        <dd id="granted-scopes">{r.scopes.granted.join(", ")}</dd>
        {r.scopes.missing.length > 0 && (
          <>
            <dt>Not granted</dt>
            <dd id="missing-scopes" class="bad">{r.scopes.missing.join(", ")}: features needing them will not work. Add them in Azure and sign in again.</dd>
          </>
        )}
        <dt>Finished</dt>
        <dd>{when}</dd>
      </dl>
      <ErrorBox error={error} />
      <div class="actions">
        <button onClick={() => run(() => api.goTo("welcome"))} disabled={busy}>Start over</button>
        <button class="primary" id="connect-another" onClick={() => run(() => api.goTo("consent"))} disabled={busy}>
          Connect another mailbox
        </button>
      </div>
    </section>
  );
}
