// Wizard step: the welcome, with the demo or the admin's own organization.
import { api } from "../api";
import { ErrorBox } from "../components/ErrorBox";
import { Screen } from "../components/Screen";
import { useApp } from "../useApp";

export function WelcomeStep() {
  const { run, busy, error } = useApp();
  return (
    <Screen name="welcome">
      <h1 id="step-heading" tabIndex={-1}>Connect Microsoft 365 mailboxes to Nylas</h1>
      <p>
        This wizard walks you through registering an app in Microsoft Entra (Azure), signing in to a mailbox
        with Microsoft, and registering it with Nylas. With "Create it for me" it takes a few minutes; by hand in the Azure portal, a little longer.
      </p>
      <ul class="plain">
        <li>Your client secret and Nylas API key are kept only in your system keychain.</li>
        <li>Sign-in happens in your own browser; Mailbox Connect never sees the password.</li>
      </ul>
      <ErrorBox error={error} />
      <div class="actions">
        <button class="primary" id="start-real" disabled={busy} onClick={() => run(() => api.chooseMode(false))}>
          Set up my organization
        </button>
        <button id="start-demo" disabled={busy} onClick={() => run(() => api.chooseMode(true))}>
          Try the demo tenant
        </button>
      </div>
      <p class="hint">The demo runs a built-in Microsoft and Nylas sandbox on this computer: no Azure account needed.</p>
    </Screen>
  );
}
