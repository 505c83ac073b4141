// The sign-in on another device: the page, the code to enter, and the time left.
import type { DeviceCodeStarted } from "../bindings/DeviceCodeStarted";
import { CopyButton, CopyValue } from "../components/CopyButton";
import { useMinutesLeft } from "../components/Waiting";

/** The administrator signs in on another device: where to go, the code to enter, time left. */
export function DeviceCode({ started, onCancel }: { started: DeviceCodeStarted; onCancel: () => void }) {
  const minutes = useMinutesLeft(started.expires_secs);
  return (
    <div class="waiting-panel" id="device-sign-in">
      {started.browser_error && (
        <p class="note" id="no-browser">
          Mailbox Connect could not open a browser on this computer ({started.browser_error}), so you sign in on
          another device instead.
        </p>
      )}
      <div class="waiting" role="status" aria-live="polite">
        <span class="spinner" aria-hidden="true" />
        <p>
          On your phone or another computer, open the page below, enter the code, and sign in as an administrator.
          This window continues by itself.
        </p>
      </div>
      <CopyValue label="Page" value={started.verification_uri} id="device-page" />
      <div class="copy-value">
        <span class="copy-label">Code</span>
        <code class="device-code" id="device-code">{started.user_code}</code>
        <CopyButton value={started.user_code} label="code" id="copy-device-code" />
      </div>
      <p class="hint" id="device-time-left">The code works for about {minutes} more minute{minutes === 1 ? "" : "s"}.</p>
      <div class="actions">
        <button id="cancel-consent" onClick={onCancel}>Cancel</button>
      </div>
    </div>
  );
}
