import type { ConsentStarted } from "../bindings/ConsentStarted";
import { CopyButton } from "./CopyButton";

/** The browser is open on Microsoft's page: what to do, the link to copy, and Cancel. */
export function Waiting({ started, what, onCancel }: { started: ConsentStarted; what: string; onCancel: () => void }) {
  return (
    <div class="waiting-panel">
      <div class="waiting" role="status" aria-live="polite" id="consent-waiting">
        <span class="spinner" aria-hidden="true" />
        <p>
          {started.browser_opened
            ? `Your browser opened Microsoft's page. ${what} This window continues by itself.`
            : `Mailbox Connect could not open your browser (${started.browser_error ?? "unknown reason"}). Copy the link below into your browser.`}
        </p>
      </div>
      <div class="snippet">
        <label for="consent-url">Sign-in link</label>
        <input id="consent-url" readOnly value={started.url} onFocus={(e) => (e.target as HTMLInputElement).select()} />
        <CopyButton value={started.url} label="sign-in link" id="copy-link" />
      </div>
      <p class="hint">
        Microsoft sends the answer to <code>{started.redirect_uri}</code>, which only this computer can reach. If the
        browser shows an error such as AADSTS50011, fix what it names in Azure and start again.
      </p>
      <div class="actions">
        <button id="cancel-consent" onClick={onCancel}>Cancel</button>
      </div>
    </div>
  );
}
