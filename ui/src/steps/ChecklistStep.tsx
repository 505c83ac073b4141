// Wizard step: the Azure app, created for the admin or registered by hand with the portal's checklist.
import { api } from "../api";
import { portalButton } from "../azure/portalPages";
import { CopyButton, CopyValue } from "../components/CopyButton";
import { ErrorBox } from "../components/ErrorBox";
import { PortalText } from "../components/PortalText";
import { Screen } from "../components/Screen";
import { useApp } from "../useApp";
import type { AuthMode } from "../bindings/AuthMode";
import type { ChecklistTarget } from "../bindings/ChecklistTarget";
import type { Region } from "../bindings/Region";
import { useState } from "preact/hooks";
import { CreateForMe } from "../azure/CreateForMe";

// Each choice in plain words, with the technical summary support staff look for as a second line.
const TARGETS: { value: ChecklistTarget; label: string; hint: string; tech: string }[] = [
  { value: "nylas_v3", label: "Nylas v3", hint: "Connect mailboxes to Nylas's current version. The usual choice.", tech: "Microsoft Graph permissions" },
  { value: "legacy_v2", label: "Legacy Nylas v2", hint: "For accounts still on Nylas's previous version, and for moving them to v3.", tech: "Exchange ActiveSync and EWS permissions, v2 native auth" },
  { value: "streams", label: "Nylas Streams", hint: "For a Nylas Streams app.", tech: "Streams manifest, redirect URIs and implicit-grant settings" },
];

const WHO_SIGNS_IN: Record<AuthMode, { hint: string; tech: string }> = {
  byo: { hint: "Mailbox Connect opens Microsoft's sign-in in your browser and hands the result to Nylas.", tech: "Nylas custom auth" },
  hosted: { hint: "Nylas shows its own sign-in page, which then opens Microsoft's.", tech: "Nylas Hosted auth" },
};

type How = "create" | "manual";

export function ChecklistStep() {
  const { state, run, busy, error, setError } = useApp();
  // A problem of one way (a sign-in for "Create it for me") is not the other way's.
  const choose = (way: How) => {
    setHow(way);
    setError(null);
  };
  const { checklist, profile } = state;
  // A fresh organization profile starts with "Create it for me"; one already under way by hand
  // (or the demo's ready app) starts with the checklist.
  const [how, setHow] = useState<How>(
    profile.created_app || (!profile.demo && !profile.client_id && profile.checklist_done.length === 0) ? "create" : "manual",
  );
  const done = new Set(profile.checklist_done);
  // Steps are done in the portal; advice is something to know, not to tick.
  const steps = checklist.items.filter((i) => i.page);
  const advice = checklist.items.filter((i) => !i.page);
  const doneSteps = steps.filter((i) => done.has(i.id)).length;
  const selected = checklist.permissions.filter((r) => r.selected).map((r) => r.permission.name);
  const setTarget = (target: ChecklistTarget, region: Region, mode: AuthMode) =>
    run(() => api.setTarget(target, region, mode));
  const toggleScope = (name: string, on: boolean) =>
    run(() => api.setScopes(on ? [...selected, name] : selected.filter((s) => s !== name)));
  return (
    <Screen name="checklist">
      <h1 id="step-heading" tabIndex={-1}>Register the app in Azure</h1>
      <fieldset class="choices">
        <legend>What is the Azure app for?</legend>
        {TARGETS.map((t) => (
          <label key={t.value} class="choice">
            <input type="radio" name="target" id={`target-${t.value}`} checked={checklist.target === t.value} disabled={busy}
              onChange={() => setTarget(t.value, checklist.region, profile.auth_mode)} />
            <span><strong>{t.label}</strong> <span class="hint">{t.hint}</span> <span class="tech">{t.tech}</span></span>
          </label>
        ))}
      </fieldset>
      <div class="row">
        <label for="data-region">Nylas region</label>
        <select id="data-region" value={checklist.region.kind === "eu" ? "eu" : "us"} disabled={busy}
          onChange={(e) => setTarget(checklist.target, { kind: (e.target as HTMLSelectElement).value } as Region, profile.auth_mode)}>
          <option value="us">United States</option>
          <option value="eu">Europe</option>
        </select>
        {checklist.target === "nylas_v3" && (
          <>
            <label for="auth-mode">Who signs users in</label>
            <select id="auth-mode" value={profile.auth_mode} disabled={busy}
              onChange={(e) => setTarget(checklist.target, checklist.region, (e.target as HTMLSelectElement).value as AuthMode)}>
              <option value="byo">Mailbox Connect (recommended)</option>
              <option value="hosted">Nylas's own sign-in page</option>
            </select>
          </>
        )}
      </div>
      {checklist.target === "nylas_v3" && (
        <p class="hint" id="auth-mode-hint">
          {WHO_SIGNS_IN[profile.auth_mode].hint} <span class="tech">{WHO_SIGNS_IN[profile.auth_mode].tech}</span>
        </p>
      )}
      <fieldset class="choices" id="how-to-register">
        <legend>How to register it</legend>
        <label class="choice">
          <input type="radio" name="how" id="how-create" checked={how === "create"} disabled={busy} onChange={() => choose("create")} />
          <span><strong>Create it for me</strong> <span class="hint">Sign in once as an administrator; Mailbox Connect does the rest.</span> <span class="tech">Microsoft Graph</span></span>
        </label>
        <label class="choice">
          <input type="radio" name="how" id="how-manual" checked={how === "manual"} disabled={busy} onChange={() => choose("manual")} />
          <span><strong>I'll do it in the Azure portal</strong> <span class="hint">A checklist of what to click, with the values to copy.</span></span>
        </label>
      </fieldset>
      {how === "create" && <CreateForMe />}
      {how === "manual" && (profile.demo ? (
        <p class="note">In the demo tenant an app is already registered. Read through the steps, then continue.</p>
      ) : (
        <p>Do these in the Azure portal. Tick each one off as you go; your progress is saved.</p>
      ))}
      {how === "manual" && <>
      <p class="progress-note" id="checklist-progress" aria-live="polite">
        {doneSteps} of {steps.length} done{doneSteps === steps.length ? ": ready to continue." : "."}
      </p>
      <ul class="checklist" id="checklist">
        {steps.map((item) => (
          <li key={item.id} class={done.has(item.id) ? "done" : ""}>
            <div class="item-head">
              <label class="check">
                <input
                  type="checkbox"
                  id={`check-${item.id}`}
                  checked={done.has(item.id)}
                  disabled={busy}
                  onChange={(e) => run(() => api.setChecklistItem(item.id, (e.target as HTMLInputElement).checked))}
                />
                <span class="item-title">{item.title}</span>
              </label>
              {item.page && !profile.demo && (
                <button type="button" class="open-entra" id={`open-${item.id}`}
                  onClick={() => api.openPortalPage(item.page!)}>{portalButton(item.page, profile.client_id)}</button>
              )}
            </div>
            <p class="item-detail"><PortalText text={item.detail} /></p>
            {item.copy.map((c) => <CopyValue key={c.label} label={c.label} value={c.value} />)}
          </li>
        ))}
      </ul>
      {advice.length > 0 && (
        <div class="advice" id="checklist-advice">
          <h2>Good to know</h2>
          {advice.map((a) => (
            <p class="note" key={a.id} id={`advice-${a.id}`}><strong>{a.title}.</strong> {a.detail}</p>
          ))}
        </div>
      )}
      </>}
      <h2>Permissions the app asks for <span class="tech">Microsoft Graph, delegated</span></h2>
      <table class="perms">
        <caption class="offscreen">Permissions to add to the app</caption>
        <thead>
          <tr><th scope="col">Use</th><th scope="col">Permission</th><th scope="col">Required</th><th scope="col">What it allows</th></tr>
        </thead>
        <tbody>
          {checklist.permissions.map(({ permission: p, selected: on }) => (
            <tr key={p.name}>
              <td>
                <input
                  type="checkbox"
                  id={`scope-${p.name}`}
                  aria-label={`Request ${p.name}`}
                  checked={on}
                  disabled={p.required || busy}
                  onChange={(e) => toggleScope(p.name, (e.target as HTMLInputElement).checked)}
                />
              </td>
              <td><code>{p.name}</code></td>
              <td>{p.required ? "Required" : "Optional"}</td>
              <td>{p.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {how === "manual" && <>
      <h2>Or paste this into the app's Manifest</h2>
      <p class="hint">Manifest → find <code>requiredResourceAccess</code> → replace it with:</p>
      <div class="snippet">
        <pre id="manifest-snippet" tabIndex={0}>{checklist.manifest}</pre>
        <CopyButton value={checklist.manifest} label="manifest snippet" id="copy-manifest" />
      </div>
      <p class="hint">
        Client secrets last at most {checklist.secret_max_months} months. You record the expiry date in the next step so
        the app can warn you before it runs out.
      </p>
      <ErrorBox error={error} />
      </>}
      <div class="actions sticky">
        <button onClick={() => run(() => api.goTo("welcome"))} disabled={busy}>Back</button>
        {how === "manual" && (
          <button class="primary" id="checklist-next" disabled={busy} onClick={() => run(() => api.goTo("credentials"))}>
            Continue
          </button>
        )}
      </div>
    </Screen>
  );
}
