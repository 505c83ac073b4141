// The waiting panel while the browser has Microsoft's sign-in page.
import { useEffect, useLayoutEffect, useState } from "preact/hooks";
import { api } from "../api";
import type { ConsentStarted } from "../bindings/ConsentStarted";
import { CopyButton } from "./CopyButton";

/** Whole minutes left, counted down every 30 seconds (no per-second repaint while idle). */
export function useMinutesLeft(waitSecs: number): number {
  const [startedAt] = useState(() => Date.now());
  const [now, setNow] = useState(startedAt);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(1, Math.ceil((waitSecs * 1000 - (now - startedAt)) / 60_000));
}

/** The browser is open on Microsoft's page: what to do, the time left, the link, and Cancel. */
export function Waiting({ started, what, onCancel, ownApp = true }: {
  started: ConsentStarted;
  what: string;
  onCancel: () => void;
  /** The sign-in uses the Azure app's own registered redirect (not Graph PowerShell's). */
  ownApp?: boolean;
}) {
  const minutes = useMinutesLeft(started.wait_secs);
  // The form that started the sign-in is gone, and the focus with it: give it to the heading,
  // before the panel is painted (an effect after paint left a moment with focus nowhere).
  useLayoutEffect(() => {
    const lost = !document.activeElement || document.activeElement === document.body;
    if (lost) document.getElementById("step-heading")?.focus({ preventScroll: true });
  }, []);
  const [reopenNote, setReopenNote] = useState<string | null>(null);
  const reopen = () =>
    api.reopenBrowser().then(
      () => setReopenNote("Microsoft's page was opened again in your browser."),
      (e: { message?: string }) => setReopenNote(e?.message ?? "The browser could not be opened: copy the link instead."),
    );
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
      <p class="hint" id="time-left">
        Waiting up to {Math.round(started.wait_secs / 60)} minutes for Microsoft: about {minutes} minute{minutes === 1 ? "" : "s"} left.
      </p>
      {!started.browser_opened && (
        <div class="snippet">
          <label for="consent-url">Sign-in link</label>
          <input id="consent-url" readOnly value={started.url} onFocus={(e) => (e.target as HTMLInputElement).select()} />
        </div>
      )}
      <div class="actions start">
        <button id="reopen-browser" onClick={reopen}>Open the browser again</button>
        <CopyButton value={started.url} label="sign-in link" id="copy-link" />
      </div>
      {reopenNote && <p class="hint" role="status" id="reopen-note">{reopenNote}</p>}
      <p class="hint">If the browser shows an error from Microsoft instead, fix what it names in Azure, then start again.</p>
      {ownApp && (
        <details class="hint">
          <summary id="redirect-detail">Technical detail</summary>
          <p id="redirect-note" class="tech">
            Microsoft answers at <code>{started.redirect_uri}</code>, on this computer only. It matches the{" "}
            <code>http://localhost/callback</code> registered in Azure: Entra ignores the port for localhost. An error
            such as <code>AADSTS50011</code> names a redirect URI Azure does not list.
          </p>
        </details>
      )}
      <div class="actions">
        <button id="cancel-consent" onClick={onCancel}>Cancel</button>
      </div>
    </div>
  );
}
