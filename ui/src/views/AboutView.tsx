// The About tab: this build, its licence, where the settings and logs are, and the two sites an
// administrator works in beside the app.
import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import type { About } from "../bindings/About";
import type { Folder } from "../bindings/Folder";
import type { UpdateSettings } from "../bindings/UpdateSettings";
import { CopyButton } from "../components/CopyButton";
import { ErrorBox } from "../components/ErrorBox";
import { Screen } from "../components/Screen";
import { useApp } from "../useApp";

export function AboutView() {
  const { run, busy, error, navigate, update } = useApp();
  const [about, setAbout] = useState<About | null>(null);
  const [settings, setSettings] = useState<UpdateSettings | null>(null);
  // What the last "Check for updates" found: this is the latest, or a newer one (in the banner).
  const [found, setFound] = useState<string | null>(null);
  useEffect(() => {
    run(async () => {
      setAbout(await api.about());
      setSettings(await api.updateSettings());
    });
  }, []);
  const checkNow = () => run(async () => {
    setFound(null);
    const offer = await update.check();
    setFound(offer ? `Version ${offer.version} is available: see the banner above.` : "This is the latest version.");
    setSettings(await api.updateSettings());
  });
  const show = (folder: Folder) => run(async () => { await api.showFolder(folder); });
  return (
    <Screen name="about">
      <h1 id="step-heading" tabIndex={-1}>About Mailbox Connect</h1>
      {about && (
        <>
          <p id="about-version">
            Version <strong>{about.version}</strong>, built from commit <code>{about.commit}</code>
          </p>
          <h2>Updates</h2>
          <div class="actions start">
            <button id="check-updates" onClick={checkNow} disabled={busy}>Check for updates</button>
          </div>
          {found && <p role="status" id="update-status">{found}</p>}
          {settings && (
            <>
              <label class="check">
                <input type="checkbox" id="automatic-updates" checked={settings.automatic} disabled={busy}
                  onChange={(e) => {
                    const on = (e.target as HTMLInputElement).checked;
                    run(async () => setSettings(await api.setAutomaticUpdates(on)));
                  }} />
                Look for new versions by itself, once a day
              </label>
              <p class="small">
                Turn this off where your IT team installs new versions for you. Each new version is
                checked against the publisher's signature before it is installed.
                {settings.last_checked !== null && ` Last looked: ${new Date(settings.last_checked * 1000).toLocaleString()}.`}
              </p>
            </>
          )}
          <h2>Where it keeps things</h2>
          <dl class="places">
            <dt>Settings and profiles</dt>
            <dd>
              <code id="settings-folder">{about.settings_folder}</code>
              <span class="row-actions">
                <CopyButton value={about.settings_folder} label="the settings folder" />
                <button id="show-settings-folder" onClick={() => show("settings")} disabled={busy}>Show in folder</button>
              </span>
            </dd>
            <dt>Logs</dt>
            <dd>
              {about.log_folder ? (
                <>
                  <code id="log-folder">{about.log_folder}</code>
                  <span class="row-actions">
                    <CopyButton value={about.log_folder} label="the log folder" />
                    <button id="show-log-folder" onClick={() => show("logs")} disabled={busy}>Show in folder</button>
                  </span>
                </>
              ) : "This system has no folder for logs."}
            </dd>
          </dl>
          <p class="small">Secrets are not in these folders: they stay in the system keychain.</p>
          <h2>Where you work beside it</h2>
          <div class="actions start">
            <button id="open-entra" onClick={() => run(async () => { await api.openSite("entra_admin_center"); })} disabled={busy}>
              Open the Microsoft Entra admin center
            </button>
            <button id="open-nylas" onClick={() => run(async () => { await api.openSite("nylas_dashboard"); })} disabled={busy}>
              Open the Nylas dashboard
            </button>
          </div>
          <p class="small">They open in your web browser.</p>
          <h2>Licence</h2>
          <p id="about-licence">{about.licence} licence. {about.copyright}.</p>
          <details>
            <summary>Read the licence</summary>
            <pre class="licence" tabIndex={0} aria-label="The licence's text">{about.licence_text}</pre>
          </details>
        </>
      )}
      <ErrorBox error={error} />
      <div class="actions">
        <button id="about-back" onClick={() => navigate({ view: "wizard" })}>Back to the setup</button>
      </div>
    </Screen>
  );
}
