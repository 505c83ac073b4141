// Approving the app for the whole organization with Microsoft's own page (the way that needs
// no Graph sign-in): the approval link, then Nylas's credential for it.
import { useState } from "preact/hooks";
import { api } from "../api";
import type { AdminConsentResult } from "../bindings/AdminConsentResult";
import { Waiting } from "../components/Waiting";
import { useJob } from "../job/useJob";
import { useApp } from "../useApp";

export function Approval() {
  const { state, busy } = useApp();
  const [approved, setApproved] = useState<AdminConsentResult | null>(null);
  const approvedBefore = !!state.profile.admin_credential_id;
  const { signIn: started, go, cancel } = useJob();
  const consent = () =>
    go(api.adminConsent, (r) => {
      setApproved(r);
      return api.getState();
    });
  return (
    <details class="advanced" id="approval" open={!!started}>
      <summary id="approval-summary">Approve on Microsoft's page instead</summary>
      <p>
        When your organization requires an administrator to approve apps (“Need admin approval”), an administrator
        approves Mailbox Connect's permissions once for everyone. Nylas can then add mailboxes without each user signing in.
        Connecting from the directory above asks for this approval by itself.
      </p>
      {started ? (
        <Waiting started={started} what="Sign in as an administrator and accept for your organization. The answer comes back to this computer, so the administrator signs in here; elsewhere, they can grant it in Enterprise applications › your app › Permissions." onCancel={cancel} />
      ) : (
        <div class="actions start">
          <button id="start-admin-consent" onClick={consent} disabled={busy}>
            {approvedBefore ? "Approve again" : "Open admin consent"}
          </button>
        </div>
      )}
      {(approved || approvedBefore) && (
        <p class="ok" id="admin-result">
          An administrator approved the app{approved?.tenant ? ` for tenant ${approved.tenant}` : ""}. Nylas credential:{" "}
          <code>{approved?.credential_id ?? state.profile.admin_credential_id}</code>
        </p>
      )}
    </details>
  );
}
