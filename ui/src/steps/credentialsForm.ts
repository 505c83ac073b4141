// The credentials form's own checks, made before anything is sent to the core.

export type CredentialsDraft = { clientId: string; tenant: string; secret: string; secretSaved: boolean };

/** Every required field left empty (blank counts as empty), by field, with what to paste there.
 * The secret may stay empty when one is already saved in the keychain. */
export function missingCredentials(d: CredentialsDraft): Record<string, string> {
  const empty: Record<string, string> = {};
  if (!d.clientId.trim()) empty.client_id = "Paste the Application (client) ID from the app's Overview page.";
  if (!d.tenant.trim()) empty.tenant = "Paste the Directory (tenant) ID, your domain, or type common.";
  if (!d.secret.trim() && !d.secretSaved) empty.client_secret = "Paste the client secret's Value from Certificates & secrets.";
  return empty;
}
