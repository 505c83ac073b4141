// The quiet banner that offers a new version: what it is, its notes, "Install and restart" and
// "Later"; then the download's progress, and what stopped it if it did not install.
import type { UpdateHandle } from "./useUpdate";

export function UpdateBanner({ update, busy }: { update: UpdateHandle; busy: boolean }) {
  const { offer, bannerShown, installing } = update;
  if (!offer || !bannerShown) return null;
  const p = installing.progress;
  const percent = p && p.total > 0 ? Math.floor((p.done * 100) / p.total) : null;
  return (
    <aside class="update-banner" id="update-banner" aria-label="A new version">
      <p>
        <strong>Version {offer.version} of Mailbox Connect is available</strong> (you have {offer.current_version}).
      </p>
      {offer.notes && (
        <details>
          <summary>What is new</summary>
          <p class="notes" id="update-notes">{offer.notes}</p>
        </details>
      )}
      {installing.running && (
        <div class="saved">
          <p role="status" id="update-progress">
            {installing.verified ?? (
              <>
                <progress max={100} value={percent ?? undefined} /> Downloading version {offer.version}
                {percent !== null && `: ${percent}%`}
              </>
            )}
          </p>
          {!installing.verified && <button id="update-cancel" onClick={update.cancel}>Cancel</button>}
        </div>
      )}
      {installing.error && (
        <div class="error-box" role="alert" id="update-error">
          <p class="error-message">{installing.error.message}</p>
          {installing.error.fix && <p>{installing.error.fix}</p>}
        </div>
      )}
      {!installing.running && (
        <div class="actions start">
          <button id="update-install" class="primary" onClick={update.install} disabled={busy}
            title={busy ? "Wait until the work under way has finished" : undefined}>
            Install and restart
          </button>
          <button id="update-later" onClick={update.later}>Later</button>
        </div>
      )}
      {busy && !installing.running && <p class="small">The update waits until the work under way has finished.</p>}
    </aside>
  );
}
