// The administrator's Graph sign-in options: address, another device, the organization's own app.
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
      <details class="advanced" open={ownOpen || value.device_code}>
        <summary id="own-sign-in-app">Other ways to sign in</summary>
        <label class="check">
          <input type="checkbox" id="device-code-option" checked={value.device_code}
            onChange={(e) => onChange({ ...value, device_code: (e.target as HTMLInputElement).checked })} />
          Sign in on another device, with a code
        </label>
        <p class="hint">For a computer without a browser. Mailbox Connect does this by itself when it cannot open one.</p>
        <p class="hint">
          If your organization blocks Microsoft Graph PowerShell: Mailbox Connect signs you in as Microsoft's own “Microsoft Graph Command Line Tools” app. If your organization
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
