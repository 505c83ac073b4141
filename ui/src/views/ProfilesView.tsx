import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import type { ProfileSummary } from "../bindings/ProfileSummary";
import { ErrorBox } from "../components/ErrorBox";
import { Field } from "../components/Field";
import type { StepProps } from "../types";

export function ProfilesView({ run, busy, error, openView }: StepProps) {
  const [list, setList] = useState<ProfileSummary[]>([]);
  const [name, setName] = useState("");
  useEffect(() => {
    run(async () => setList(await api.profiles()));
  }, []);
  const refresh = async () => setList(await api.profiles());
  return (
    <section aria-labelledby="step-heading" data-step="profiles">
      <h1 id="step-heading" tabIndex={-1}>Profiles</h1>
      <p>A profile is one tenant or environment. Each keeps its own settings and keychain entries; the wizard resumes where each was left.</p>
      <ul class="plain" id="profiles-list">
        {list.map((p) => (
          <li key={p.id} class="profile-row">
            <strong>{p.name}</strong> {p.demo && <span class="profile-badge">demo</span>} <span class="hint">step: {p.step}</span>{" "}
            {p.active ? <span class="ok">active</span> : (
              <button class="copy" id={`switch-${p.id}`} disabled={busy} onClick={() => run(async () => { const s = await api.switchProfile(p.id); await refresh(); openView("wizard"); return s; })}>Switch</button>
            )}{" "}
            {!p.active && <button class="copy" disabled={busy} onClick={() => run(async () => setList(await api.deleteProfile(p.id)))}>Delete</button>}
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => { e.preventDefault(); run(async () => { const s = await api.newProfile(name); setName(""); await refresh(); openView("wizard"); return s; }); }} noValidate>
        <Field id="new-profile-name" field="profile_name" label="New profile name" error={error} hint="For example 'Contoso production' or 'Fabrikam staging'.">
          {(aria) => <input {...aria} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />}
        </Field>
        <div class="actions"><button class="primary" type="submit" id="create-profile" disabled={busy}>Create and set up</button></div>
      </form>
      <ErrorBox error={error} />
    </section>
  );
}
