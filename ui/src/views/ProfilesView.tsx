// The Profiles tab: organizations and environments, renamed, switched or deleted.
import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import type { ProfileSummary } from "../bindings/ProfileSummary";
import { ErrorBox } from "../components/ErrorBox";
import { Field } from "../components/Field";
import { STEPS } from "../routes";
import { Screen } from "../components/Screen";
import { useApp } from "../useApp";

/** "Step 3 of 6: App credentials", as the progress bar names it. */
function whereItIs(p: ProfileSummary): string {
  const i = STEPS.findIndex((s) => s.step === p.step);
  return i < 0 ? "" : `Step ${i + 1} of ${STEPS.length}: ${STEPS[i].title}`;
}

export function ProfilesView() {
  const { run, busy, error, navigate } = useApp();
  const [list, setList] = useState<ProfileSummary[]>([]);
  const [name, setName] = useState("");
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  useEffect(() => {
    run(async () => setList(await api.profiles()));
  }, []);
  const refresh = async () => setList(await api.profiles());
  return (
    <Screen name="profiles">
      <h1 id="step-heading" tabIndex={-1}>Profiles</h1>
      <p>A profile is one tenant or environment. Each keeps its own settings and keychain entries; the wizard resumes where each was left.</p>
      <ul class="plain" id="profiles-list">
        {list.map((p) => (
          <li key={p.id} class="profile-row" id={`profile-${p.id}`}>
            {renaming?.id === p.id ? (
              <form class="row" onSubmit={(e) => {
                e.preventDefault();
                run(async () => { setList(await api.renameProfile(p.id, renaming.name)); setRenaming(null); });
              }} noValidate>
                <Field id={`rename-${p.id}`} field="profile_rename" label={`New name for ${p.name}`} error={error}>
                  {(aria) => <input {...aria} value={renaming.name} onInput={(e) => setRenaming({ id: p.id, name: (e.target as HTMLInputElement).value })} />}
                </Field>
                <button class="copy" type="submit" id={`save-name-${p.id}`} disabled={busy}>Save name</button>
                <button class="copy" type="button" onClick={() => setRenaming(null)}>Keep the name</button>
              </form>
            ) : (
              <>
                <strong>{p.name}</strong> {p.demo && <span class="profile-badge">demo</span>}{" "}
                <span class="hint" id={`where-${p.id}`}>{whereItIs(p)}</span>{" "}
                {p.active ? <span class="ok">active</span> : (
                  <button class="copy" id={`switch-${p.id}`} disabled={busy} onClick={() => run(async () => { const s = await api.switchProfile(p.id); await refresh(); navigate({ view: "wizard" }); return s; })}>Switch to it</button>
                )}{" "}
                <button class="copy" id={`rename-btn-${p.id}`} disabled={busy} onClick={() => setRenaming({ id: p.id, name: p.name })}>Rename</button>{" "}
                {!p.active && deleting !== p.id && (
                  <button class="copy" id={`delete-${p.id}`} disabled={busy} onClick={() => setDeleting(p.id)}>Delete…</button>
                )}
              </>
            )}
            {deleting === p.id && (
              <p class="warning" role="alert" id={`confirm-delete-${p.id}`}>
                Delete “{p.name}” and the secrets it keeps in the keychain? This cannot be undone.{" "}
                <button class="copy" id={`confirm-delete-btn-${p.id}`} disabled={busy}
                  onClick={() => run(async () => { setList(await api.deleteProfile(p.id)); setDeleting(null); })}>Delete profile</button>{" "}
                <button class="copy" onClick={() => setDeleting(null)}>Keep it</button>
              </p>
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => { e.preventDefault(); run(async () => { const s = await api.newProfile(name); setName(""); await refresh(); navigate({ view: "wizard" }); return s; }); }} noValidate>
        <Field id="new-profile-name" field="profile_name" label="New profile name" error={error} hint="For example 'Contoso production' or 'Fabrikam staging'.">
          {(aria) => <input {...aria} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />}
        </Field>
        <div class="actions"><button class="primary" type="submit" id="create-profile" disabled={busy}>Create and set up</button></div>
      </form>
      <ErrorBox error={error} fields={["profile_name", "profile_rename"]} />
    </Screen>
  );
}
