// Wizard step: the connected mailbox, its grant, its test read and the permissions granted.
import { useEffect, useState } from "preact/hooks";
import { api, asAppError } from "../api";
import type { AppError } from "../bindings/AppError";
import type { GrantCheck } from "../bindings/GrantCheck";
import type { ScopeWords } from "../bindings/ScopeWords";
import { CopyButton } from "../components/CopyButton";
import { ErrorBox } from "../components/ErrorBox";
import { Screen } from "../components/Screen";
import { useApp } from "../useApp";
import { GrantVerdict, needsSignIn } from "../views/GrantVerdict";

/** Permissions in plain words, each with its technical name for support staff. */
function Permissions({ id, scopes }: { id: string; scopes: string[] }) {
  const [words, setWords] = useState<ScopeWords[]>([]);
  useEffect(() => {
    api.describeScopes(scopes).then(setWords, () => setWords(scopes.map((s) => ({ scope: s, words: s }))));
  }, [scopes.join(" ")]);
  return (
    <ul class="plain" id={id}>
      {words.map((w) => <li key={w.scope}>{w.words} <span class="tech">{w.scope}</span></li>)}
    </ul>
  );
}

/** When this window opened: a result tested before then is tested again when shown. */
const OPENED_AT = Date.now() / 1000;

export function ResultStep() {
  const { state, run, busy, error, navigate } = useApp();
  const r = state.profile.last_result;
  const [check, setCheck] = useState<GrantCheck | null>(null);
  const [testing, setTesting] = useState(false);
  const [testError, setTestError] = useState<AppError | null>(null);
  const testAgain = () => {
    if (!r) return;
    setTesting(true);
    setTestError(null);
    api.checkGrant(r.grant.id).then(
      (report) => setCheck(report.check),
      (e) => setTestError(asAppError(e)),
    ).finally(() => setTesting(false));
  };
  // A result from an earlier run of the app may be out of date (the grant may have broken since).
  const stale = !!r && Number(r.check.checked_at || r.finished_at) < OPENED_AT;
  useEffect(() => {
    if (stale) testAgain();
  }, [r?.grant.id]);
  if (!r) return null;
  const shownCheck = check ?? r.check;
  const when = new Date(Number(r.finished_at) * 1000).toLocaleString();
  return (
    <Screen name="result">
      <h1 id="step-heading" tabIndex={-1}>{shownCheck.ok ? "Mailbox connected" : "Connected, with a problem"}</h1>
      <dl class="facts">
        <dt>Mailbox</dt>
        <dd id="result-email">{r.account.name ? `${r.account.name} <${r.account.email ?? "?"}>` : r.account.email}</dd>
        <dt>Account</dt>
        <dd>
          {r.account.personal ? "Personal Microsoft account" : "Work or school account"}
          {r.account.tenant_id && <span class="tech"> directory {r.account.tenant_id}</span>}
        </dd>
        <dt>Nylas grant ID</dt>
        <dd class="with-copy"><code id="grant-id">{r.grant.id}</code><CopyButton value={r.grant.id} label="grant ID" /></dd>
        <dt>Test read through Nylas</dt>
        <dd id="grant-check" aria-live="polite">
          <GrantVerdict check={shownCheck} id="grant-check-verdict" />
          <span class="small line" id="grant-check-when">
            {testing ? "Testing it again now…" : `Tested ${new Date(Number(shownCheck.checked_at || r.finished_at) * 1000).toLocaleString()}`}
          </span>
          {!shownCheck.ok && (
            <span class="line">
              {needsSignIn(r.grant, shownCheck) && (
                <><button type="button" class="copy" id="reauth-from-result" onClick={() => navigate({ view: "sign-in", loginHint: r.grant.email ?? r.account.email ?? undefined })}>Sign in again</button>{" "}</>
              )}
              <button type="button" class="copy" id="check-from-result" onClick={() => navigate({ view: "mailboxes", then: "check" })}>Check this connection</button>
            </span>
          )}
        </dd>
        <dt>Nylas and your Azure app</dt>
        <dd>
          {r.connector === "created"
            ? "Nylas was set up to use this Azure app just now."
            : r.connector === "updated"
              ? "Nylas was switched to this Azure app just now."
              : "Nylas already uses this Azure app."}
          <span class="tech"> Microsoft connector</span>
        </dd>
        <dt>Allowed</dt>
        <dd><Permissions id="granted-scopes" scopes={r.scopes.granted} /></dd>
        {r.scopes.missing.length > 0 && (
          <>
            <dt>Not allowed</dt>
            <dd class="bad">
              <Permissions id="missing-scopes" scopes={r.scopes.missing} />
              Features that need these will not work: add them under API permissions in Azure, then connect the mailbox again.
            </dd>
          </>
        )}
        <dt>Finished</dt>
        <dd>{when}</dd>
      </dl>
      <h2>What next</h2>
      <ul class="plain" id="what-next">
        <li>Your application reads and sends this mailbox's email and calendar through Nylas, naming it by the grant ID above.</li>
        <li>The mailbox is listed in the Nylas Dashboard under <strong>Grants</strong>, and in the <strong>History &amp; support</strong> tab here.</li>
        <li>Connect the organization's other mailboxes one by one, or all at once after an administrator's approval (<strong>Organization</strong> tab).</li>
      </ul>
      <ErrorBox error={testError ?? error} />
      <div class="actions">
        <button onClick={() => run(() => api.goTo("welcome"))} disabled={busy}>Start over</button>
        <button id="test-again" onClick={testAgain} disabled={busy || testing}>{testing ? "Testing…" : "Test again"}</button>
        <button class="primary" id="connect-another" onClick={() => run(() => api.goTo("consent"))} disabled={busy}>
          Connect another mailbox
        </button>
      </div>
    </Screen>
  );
}
