//! The demo tenant's ready-made app as Microsoft Graph holds it: the registration (both redirect
//! URIs, the default permissions), its two secrets (one current, one expired), its service
//! principal and the tenant-wide consent, so Graph and sign-in tell the same story about it.

use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

use super::graph::{GraphApp, GraphStore, Password, GRAPH_APP_ID, GRAPH_SCOPES};
use super::new_id;
use crate::fixtures;

/// The permissions the demo app was registered with (Mailbox Connect's defaults for Nylas v3).
pub const DEMO_APP_SCOPES: &[&str] = &[
    "offline_access",
    "openid",
    "profile",
    "User.Read",
    "Mail.ReadWrite",
    "Mail.Send",
    "Calendars.ReadWrite",
    "Contacts.ReadWrite",
];

fn at(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

fn password(key_id: &str, value: &str, name: &str, start: OffsetDateTime, end: OffsetDateTime) -> Password {
    Password::new(
        key_id.into(),
        value,
        json!({
            "customKeyIdentifier": null, "displayName": name, "endDateTime": at(end),
            "hint": value.chars().take(3).collect::<String>(), "keyId": key_id, "secretText": null,
            "startDateTime": at(start),
        }),
    )
}

/// Adds the demo app, its service principal and its tenant-wide consent to `graph`.
pub fn seed(graph: &mut GraphStore, nylas_url: &str) {
    let now = OffsetDateTime::now_utc();
    let ids: Vec<Value> = DEMO_APP_SCOPES
        .iter()
        .filter_map(|name| GRAPH_SCOPES.iter().find(|(v, _, _)| v == name))
        .map(|(_, id, _)| json!({ "id": id, "type": "Scope" }))
        .collect();
    let doc = json!({
        "id": new_id(), "appId": fixtures::CLIENT_ID, "displayName": "Contoso demo mail app",
        "uniqueName": null, "description": null, "notes": null, "createdDateTime": at(now - Duration::days(200)),
        "publisherDomain": fixtures::TENANT_DOMAIN, "signInAudience": "AzureADMyOrg",
        "isFallbackPublicClient": null, "tags": [], "keyCredentials": [],
        "requiredResourceAccess": [{ "resourceAppId": GRAPH_APP_ID, "resourceAccess": ids }],
        "web": { "homePageUrl": null, "logoutUrl": null,
                 "redirectUris": ["http://localhost/callback", format!("{nylas_url}/v3/connect/callback")],
                 "implicitGrantSettings": { "enableAccessTokenIssuance": false, "enableIdTokenIssuance": false } },
        "spa": { "redirectUris": [] }, "publicClient": { "redirectUris": [] },
    });
    let passwords = vec![
        password(
            fixtures::SECRET_ID,
            fixtures::SECRET_VALUE,
            "Nylas",
            now - Duration::days(200),
            now + Duration::days(530),
        ),
        password(
            "0d6f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
            fixtures::EXPIRED_SECRET_VALUE,
            "Nylas (old)",
            now - Duration::days(930),
            now - Duration::days(200),
        ),
    ];
    let Some(doc) = doc.as_object().cloned() else { return };
    graph.apps.push(GraphApp { doc, passwords });
    let sp_id = new_id();
    graph.service_principals.push(json!({
        "id": sp_id, "appId": fixtures::CLIENT_ID, "displayName": "Contoso demo mail app",
        "servicePrincipalType": "Application", "accountEnabled": true, "appRoleAssignmentRequired": false,
        "appOwnerOrganizationId": fixtures::TENANT_ID, "oauth2PermissionScopes": [], "appRoles": [],
    }));
    // An administrator granted its permissions for the whole organization (the demo tenant lets
    // no user consent). Revoking that grant brings back "Need admin approval" for non-admins.
    let graph_sp = graph
        .service_principals
        .iter()
        .find(|s| s["appId"] == GRAPH_APP_ID)
        .and_then(|s| s["id"].as_str())
        .unwrap_or_default()
        .to_string();
    graph.grants.push(json!({
        "id": new_id(), "clientId": sp_id, "consentType": "AllPrincipals", "principalId": null,
        "resourceId": graph_sp, "scope": DEMO_APP_SCOPES.join(" "),
    }));
}
