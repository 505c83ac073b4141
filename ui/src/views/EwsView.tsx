// The Exchange on-premises tab: an EWS mailbox connected with its server.
import { useState } from "preact/hooks";
import { api } from "../api";
import type { ConnectResult } from "../bindings/ConnectResult";
import { ErrorBox } from "../components/ErrorBox";
import { Field } from "../components/Field";
import { Screen } from "../components/Screen";
import { useApp } from "../useApp";

export function EwsView() {
  const { state, run, busy, error } = useApp();
  const [email, setEmail] = useState(state.demo?.ews_email ?? "");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [host, setHost] = useState("");
  const [result, setResult] = useState<ConnectResult | null>(null);
  const input = (set: (v: string) => void) => (e: Event) => set((e.target as HTMLInputElement).value);
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      setResult(await api.connectEws({ email, username, password, host: host || undefined }));
      setPassword("");
    });
  };
  return (
    <Screen name="ews">
      <h1 id="step-heading" tabIndex={-1}>Exchange on your own servers <span class="tech">Exchange on-premises, EWS</span></h1>
      <p>For mailboxes on your own Exchange servers. The password goes to Nylas only; Mailbox Connect does not keep it.</p>
      {state.demo && <p class="note">Demo server: {state.demo.ews_email} with password {state.demo.ews_password}.</p>}
      <form onSubmit={submit} noValidate>
        <Field id="ews-email" field="email" label="Mailbox address" error={error}>
          {(aria) => <input {...aria} type="email" value={email} onInput={input(setEmail)} />}
        </Field>
        <Field id="ews-username" field="username" label="Username (optional)" error={error} hint="Leave empty to use the mailbox address.">
          {(aria) => <input {...aria} value={username} onInput={input(setUsername)} />}
        </Field>
        <Field id="ews-password" field="password" label="Password" error={error}>
          {(aria) => <input {...aria} type="password" value={password} autocomplete="off" onInput={input(setPassword)} />}
        </Field>
        <Field id="ews-host" field="host" label="Exchange server (optional)" error={error} hint="Leave empty to discover it from the address; required for some self-hosted servers.">
          {(aria) => <input {...aria} value={host} spellcheck={false} onInput={input(setHost)} />}
        </Field>
        <ErrorBox error={error} />
        <div class="actions"><button class="primary" type="submit" id="connect-ews" disabled={busy}>Connect mailbox</button></div>
      </form>
      {result && (
        <p id="ews-result" class={result.check.ok ? "ok" : "bad"}>
          {result.account.email}: grant <code>{result.grant.id}</code>. {result.check.detail}
        </p>
      )}
    </Screen>
  );
}
