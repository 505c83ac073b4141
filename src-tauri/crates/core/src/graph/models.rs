//! Microsoft Graph's answers as typed values: an application, its secrets, a service principal
//! and its delegated permissions, a tenant-wide grant, and a collection page. A field Graph
//! leaves out is absent (`None` or empty), never a silent empty string read by name.

use serde::Deserialize;

use crate::sensitive::Sensitive;

/// `application`: an app registration.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Application {
    /// The object ID (`applications/{id}`).
    pub id: String,
    /// The client ID.
    pub app_id: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub sign_in_audience: Option<String>,
    #[serde(default)]
    pub web: Option<WebApplication>,
    #[serde(default)]
    pub password_credentials: Vec<PasswordCredential>,
    #[serde(default)]
    pub required_resource_access: Vec<RequiredResourceAccess>,
}

/// `requiredResourceAccess`: the permissions the app asks for on one API.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequiredResourceAccess {
    pub resource_app_id: String,
    #[serde(default)]
    pub resource_access: Vec<ResourceAccess>,
}

/// One permission in `requiredResourceAccess`: its ID, and `Scope` (delegated) or `Role`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceAccess {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
}

impl Application {
    /// The Web platform's redirect URIs.
    pub fn redirect_uris(&self) -> &[String] {
        self.web.as_ref().map_or(&[], |w| &w.redirect_uris)
    }
}

/// `webApplication`: the Web platform's settings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebApplication {
    #[serde(default)]
    pub redirect_uris: Vec<String>,
}

/// `passwordCredential`: a client secret. Its value (`secretText`) is in `addPassword`'s answer
/// only, once.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordCredential {
    pub key_id: String,
    #[serde(default)]
    pub display_name: Option<String>,
    /// The value's first three characters.
    #[serde(default)]
    pub hint: Option<String>,
    #[serde(default)]
    pub end_date_time: Option<String>,
    #[serde(default)]
    pub secret_text: Option<Sensitive<String>>,
}

/// `servicePrincipal`: an app's instance in the tenant, with the delegated permissions it offers.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServicePrincipal {
    pub id: String,
    #[serde(default)]
    pub app_id: Option<String>,
    /// Whether users may sign in to it (`false`: AADSTS7000112).
    #[serde(default)]
    pub account_enabled: Option<bool>,
    /// Whether only users assigned to it may sign in (the others get AADSTS50105).
    #[serde(default)]
    pub app_role_assignment_required: Option<bool>,
    #[serde(default)]
    pub oauth2_permission_scopes: Vec<PermissionScope>,
}

/// `permissionScope`: one delegated permission (`Mail.Read`) and its ID.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PermissionScope {
    pub id: String,
    /// The name asked for in a sign-in; Graph allows it to be absent.
    #[serde(default)]
    pub value: Option<String>,
}

/// `oAuth2PermissionGrant`: delegated permissions granted to a client, tenant-wide or per user.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OAuth2PermissionGrant {
    pub id: String,
    #[serde(default)]
    pub client_id: Option<String>,
    #[serde(default)]
    pub consent_type: Option<String>,
    #[serde(default)]
    pub resource_id: Option<String>,
    #[serde(default)]
    pub scope: Option<String>,
}

/// `authorizationPolicy`: the tenant's settings for what users may do, here whether they may
/// grant apps permissions themselves.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthorizationPolicy {
    #[serde(default)]
    pub default_user_role_permissions: DefaultUserRolePermissions,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DefaultUserRolePermissions {
    /// `ManagePermissionGrantsForSelf.*` policies; none: users may not consent to any app.
    #[serde(default)]
    pub permission_grant_policies_assigned: Vec<String>,
}

impl AuthorizationPolicy {
    /// Whether users may consent to mail permissions themselves: only the legacy allow-all
    /// policy allows it (the low-risk one covers verified publishers' low-impact permissions).
    pub fn users_may_consent(&self) -> bool {
        self.default_user_role_permissions
            .permission_grant_policies_assigned
            .iter()
            .any(|p| p.ends_with("microsoft-user-default-legacy"))
    }
}

/// A page of a collection: its items and, when there are more, the next page's address.
#[derive(Debug, Clone, Deserialize)]
pub struct Collection<T> {
    pub value: Vec<T>,
    #[serde(rename = "@odata.nextLink", default)]
    pub next_link: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_application_reads_as_graph_writes_it() {
        let app: Application = serde_json::from_str(
            r#"{"@odata.context":"x","id":"obj-1","appId":"app-1","displayName":"Mailbox Connect",
                "signInAudience":"AzureADMyOrg","web":{"redirectUris":["http://localhost/callback"]},
                "passwordCredentials":[{"keyId":"k1","displayName":"Mailbox Connect","hint":"abc",
                "endDateTime":"2028-12-05T00:00:00Z","secretText":null}]}"#,
        )
        .unwrap();
        assert_eq!((app.id.as_str(), app.app_id.as_str()), ("obj-1", "app-1"));
        assert_eq!(app.redirect_uris(), ["http://localhost/callback"]);
        let pw = &app.password_credentials[0];
        assert_eq!((pw.key_id.as_str(), pw.hint.as_deref()), ("k1", Some("abc")));
        assert!(pw.secret_text.is_none());
    }

    #[test]
    fn a_misspelt_or_missing_required_field_is_an_error_not_an_empty_value() {
        assert!(serde_json::from_str::<Application>(r#"{"id":"obj-1","appID":"app-1"}"#).is_err());
        assert!(serde_json::from_str::<PasswordCredential>(r#"{"keyid":"k1"}"#).is_err());
    }

    #[test]
    fn a_secret_value_never_prints_and_a_collection_keeps_its_next_page() {
        let pw: PasswordCredential = serde_json::from_str(r#"{"keyId":"k","secretText":"s3cr3t-value"}"#).unwrap();
        assert!(!format!("{pw:?}").contains("s3cr3t-value"));
        let page: Collection<OAuth2PermissionGrant> = serde_json::from_str(
            r#"{"value":[{"id":"g1","consentType":"AllPrincipals"}],"@odata.nextLink":"https://graph/next"}"#,
        )
        .unwrap();
        assert_eq!(page.value[0].consent_type.as_deref(), Some("AllPrincipals"));
        assert_eq!(page.next_link.as_deref(), Some("https://graph/next"));
    }
}
