// "Check this connection": the doctor's findings, grouped by where they live, each with a one-click
// fix, a way to sign its mailbox in again, or how to fix it by hand, and a summary line.
import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import type { Checkup } from "../bindings/Checkup";
import type { SignInOptions } from "../bindings/SignInOptions";
import { AdminSignIn } from "../azure/AdminSignIn";
import { adminWaiting } from "../azure/AdminWaiting";
import { JobProgress } from "../job/JobProgress";
import { useJob } from "../job/useJob";
import { useApp } from "../useApp";
import { useSendLink } from "../views/SendLink";
import { grouped, remedy } from "./findings";

/** The connection doctor. `starts` counts requests from elsewhere on the screen (a failed grant
 * test) to run it now. */
export function ConnectionCheck({ starts = 0 }: { starts?: number }) {
  const { state, busy, error, navigate, run } = useApp();
  const job = useJob();
  const link = useSendLink();
  const [signIn, setSignIn] = useState<SignInOptions>({ admin_consent: false, device_code: false });
  const [checkup, setCheckup] = useState<Checkup | null>(null);
  const check = () => job.go((ev) => api.checkConnection(signIn, ev), setCheckup);
  const fix = (code: Checkup["findings"][number]["code"]) =>
    job.go((ev) => api.fixConnection(signIn, [code], ev), (r) => { setCheckup(r); return api.getState(); });
  useEffect(() => {
    if (starts > 0) {
      document.getElementById("connection-check")?.scrollIntoView({ block: "start" });
      check();
    }
  }, [starts]);

  const waiting = adminWaiting(job);
  return (
    <section id="connection-check" aria-labelledby="connection-check-heading">
      <h2 id="connection-check-heading">Check this connection</h2>
      {waiting ? (
        <>
          <p><strong>{waiting.title}</strong></p>
          {waiting.panel}
        </>
      ) : (
        <>
          <p>
            Finds out why a mailbox stopped working: the app in Azure, its secret in this computer's keychain, and Nylas.
            An administrator signs in to read Azure; nothing is changed unless you choose a fix.
          </p>
          <AdminSignIn value={signIn} onChange={setSignIn} error={error} demo={state.profile.demo} />
          <div class="actions start">
            <button id="check-connection" onClick={check} disabled={busy || !state.profile.client_id}>Check this connection</button>
          </div>
        </>
      )}
      <JobProgress job={job} id="connection-progress" />
      {link.panel}
      {checkup && (
        <div id="checkup" aria-live="polite">
          <p id="checkup-summary" class={checkup.summary.remaining === 0 ? "ok" : "bad"} role="status">{checkup.summary.text}</p>
          {grouped(checkup.findings).map((g) => (
            <div key={g.place} class="finding-group" data-where={g.place}>
              <h3>{g.title}</h3>
              <ul class="findings">
                {g.findings.map((f, i) => (
                  <li key={i} class={`finding ${f.severity}`} data-code={f.code}>
                    <p>
                      <strong>{f.severity === "error" ? "Problem" : "Warning"}:</strong> {f.message}
                      <span class="tech">{f.code}</span>
                    </p>
                    <p class="hint">What was seen: <code class="evidence">{f.evidence}</code></p>
                    {remedy(f) === "fixed" && <p class="ok" id={`fixed-${f.code}`}>Fixed ✓</p>}
                    {remedy(f) === "fix" && (
                      <button class="primary" id={`fix-${f.code}`} onClick={() => fix(f.code)} disabled={busy}>Fix it</button>
                    )}
                    {remedy(f) === "sign-in" && (
                      <button id={`sign-in-again-${f.mailbox}`} class="primary"
                        onClick={() => navigate({ view: "sign-in", loginHint: f.mailbox })}>Sign {f.mailbox} in again</button>
                    )}
                    {remedy(f) === "sign-in" && f.mailbox && (
                      <> <button id={`send-link-${f.mailbox}`} onClick={() => link.send(f.mailbox!)} disabled={busy}>Send {f.mailbox} a sign-in link</button></>
                    )}
                    {remedy(f) !== "fixed" && <p class="hint"><strong>How to fix:</strong> {f.fix}</p>}
                    {remedy(f) !== "fixed" && f.portal && (
                      <button type="button" class="copy" id={`portal-${f.code}`} onClick={() => run(async () => { await api.openPortalPage(f.portal!); })}>
                        Open it in the Azure portal
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
