import type { AppError } from "../bindings/AppError";
import type { SignInOptions } from "../bindings/SignInOptions";
import { Field } from "../components/Field";

export const SIGN_IN_FIELDS = ["admin_email", "bootstrap_client_id"];

/** How the administrator signs in to Microsoft Graph: whose address to pre-fill, and the
 * organization's own app where Microsoft Graph PowerShell is blocked. */
export function AdminSignIn({ value, onChange, error, demo }: {
  value: SignInOptions;
  onChange: (v: SignInOptions) => void;
  error: AppError | null;
  demo: boolean;
}) {
  const ownOpen = !!value.bootstrap_client_id || error?.field === "bootstrap_client_id";
  return (
    <>
      <Field id="admin-email" field="admin_email" label="Administrator's address (optional)" error={error}
        hint={demo ? "Demo administrator: adele.vance@contoso-demo.onmicrosoft.com." : "Pre-fills Microsoft's sign-in page. The account needs the Application Administrator role, or Cloud Application Administrator, or Global Administrator."}>
        {(aria) => <input {...aria} type="email" autocomplete="off" value={value.login_hint ?? ""}
          onInput={(e) => onChange({ ...value, login_hint: (e.target as HTMLInputElement).value })} />}
      </Field>
      <details class="advanced" open={ownOpen}>
        <summary id="own-sign-in-app">My organization blocks Microsoft Graph PowerShell</summary>
        <p class="hint">
          Mailbox Connect signs you in as Microsoft's own “Microsoft Graph Command Line Tools” app. If your organization
          does not allow it, give the ID of an app your organization allows for this instead (a public client app
          with <code>http://localhost</code> as a redirect).
        </p>
        <Field id="bootstrap-client-id" field="bootstrap_client_id" label="Application (client) ID to sign in with" error={error}>
          {(aria) => <input {...aria} autocomplete="off" spellcheck={false} value={value.bootstrap_client_id ?? ""}
            onInput={(e) => onChange({ ...value, bootstrap_client_id: (e.target as HTMLInputElement).value })} />}
        </Field>
      </details>
    </>
  );
}
