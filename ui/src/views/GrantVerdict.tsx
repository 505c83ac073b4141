// A grant test's verdict (passed or failed, why, what Nylas said) and a grant's details.
import type { Grant } from "../bindings/Grant";
import type { GrantCheck } from "../bindings/GrantCheck";

const when = (unix?: number | null) => (unix ? new Date(Number(unix) * 1000).toLocaleString() : "—");

/** Whether the mailbox's owner should sign in again: Nylas calls the grant invalid, or the test says so. */
export const needsSignIn = (grant: Grant, check?: GrantCheck) =>
  grant.provider === "microsoft" && (grant.grant_status !== "valid" || check?.action === "reauthenticate");

/** "Passed: …" or "Failed: <cause>", with the missing permissions and Nylas's own words under it. */
export function GrantVerdict({ check, id }: { check: GrantCheck; id: string }) {
  const r = check.refusal;
  return (
    <span class={check.ok ? "ok" : "bad"} id={id} role="status">
      {check.ok ? "Passed: " : "Failed: "}{check.ok ? check.detail : check.cause ?? check.detail}
      {check.missing_scopes.length > 0 && (
        <span class="small line">Permissions it was not given: {check.missing_scopes.join(", ")}</span>
      )}
      {r && (
        <span class="tech">
          Nylas: {r.status ? `HTTP ${r.status} ` : ""}{r.kind ?? ""}{r.message ? `: ${r.message}` : ""}
          {r.request_id ? ` (request ID ${r.request_id})` : ""}
        </span>
      )}
    </span>
  );
}

/** What Nylas keeps of a grant and its last test here. */
export function GrantDetails({ grant, check }: { grant: Grant; check?: GrantCheck }) {
  return (
    <dl class="grant-details" id={`details-${grant.id}`}>
      <dt>Connected</dt><dd>{when(grant.created_at)}</dd>
      <dt>Last changed at Nylas</dt><dd>{when(grant.updated_at)}</dd>
      <dt>Nylas's status</dt><dd>{grant.grant_status ?? "unknown"}</dd>
      <dt>Permissions</dt><dd><code class="small" id={`details-scopes-${grant.id}`}>{(check?.scopes.length ? check.scopes : grant.scope).join(" ") || "—"}</code></dd>
      <dt>Last test</dt>
      <dd>{check ? <>{when(check.checked_at)}: <GrantVerdict check={check} id={`details-test-${grant.id}`} /></> : "Not tested yet"}</dd>
    </dl>
  );
}
