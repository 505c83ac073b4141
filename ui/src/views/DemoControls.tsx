// "Demo controls" on the Mailboxes tab of the built-in demo, for training support staff: the
// demo tenant's Nylas address, a mailbox broken on purpose, and faults for the next request.
import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import type { DemoControls } from "../bindings/DemoControls";
import type { DemoFault } from "../bindings/DemoFault";
import { useApp } from "../useApp";

const FAULTS: [DemoFault, string][] = [
  ["nylas_outage", "Nylas is down for the next request (503)"],
  ["nylas_rate_limit", "Nylas rate-limits the next request (429; the app waits and tries again)"],
  ["microsoft_mfa", "Microsoft asks for MFA at the next sign-in"],
  ["conditional_access", "Conditional Access blocks the next sign-in"],
];

export function DemoControlsPanel() {
  const { run, busy } = useApp();
  const [controls, setControls] = useState<DemoControls | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  useEffect(() => {
    api.demoControls().then(setControls, () => setControls(null));
  }, []);
  if (!controls) return null;
  const breakIt = (email: string) =>
    run(async () => {
      setControls(await api.demoBreakMailbox(email));
      setSaid(`${email}'s sign-in was revoked: Nylas gives up on it the next time it is used (test it to see).`);
    });
  const arm = (fault: DemoFault, label: string) =>
    run(async () => {
      await api.demoArmFault(fault);
      setSaid(`Armed: ${label}.`);
    });
  return (
    <details class="demo-controls" id="demo-controls">
      <summary id="demo-controls-summary">Demo controls (for training)</summary>
      <p class="hint">
        The demo tenant's Nylas runs at <code id="demo-nylas-url">{controls.nylas_url}</code>.
      </p>
      {controls.mailboxes.length > 0 && (
        <>
          <h3>Break a mailbox</h3>
          <ul class="plain">
            {controls.mailboxes.map((m) => (
              <li key={m.grant_id}>
                {m.email || m.grant_id} {m.valid ? "" : "(Nylas gave up on it)"}{" "}
                <button class="copy" id={`demo-break-${m.email}`} onClick={() => breakIt(m.email)} disabled={busy || !m.email}>
                  Revoke its sign-in
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Faults</h3>
      <div class="actions start">
        {FAULTS.map(([fault, label]) => (
          <button key={fault} class="copy" id={`demo-fault-${fault}`} onClick={() => arm(fault, label)} disabled={busy}>{label}</button>
        ))}
      </div>
      {said && <p class="note" role="status" id="demo-said">{said}</p>}
    </details>
  );
}
