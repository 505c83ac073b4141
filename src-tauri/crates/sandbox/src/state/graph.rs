//! What the demo tenant's Graph remembers: app registrations as Graph shows them, service
//! principals, delegated permission grants, and the access tokens the identity platform issued.

use std::collections::HashMap;
use std::time::Duration;

use serde_json::{json, Map, Value};

/// Microsoft Graph's own application ID, the same in every tenant.
pub const GRAPH_APP_ID: &str = "00000003-0000-0000-c000-000000000000";
/// Microsoft Graph PowerShell: the public client an admin signs in with to create apps.
pub const GRAPH_POWERSHELL_APP_ID: &str = "14d82eec-204b-4c2f-b7e8-296a70dab67e";

/// Graph's delegated permissions (value, ID, admin consent only): the IDs are Microsoft's
/// (graph-app-registration.md §2.3), so a client that hard-codes them is caught nowhere else.
pub const GRAPH_SCOPES: &[(&str, &str, bool)] = &[
    ("offline_access", "7427e0e9-2fba-42fe-b0c0-848c9e6a8182", false),
    ("openid", "37f7f235-527c-4136-accd-4a02d197296e", false),
    ("profile", "14dad69e-099b-42c9-810b-d002981feec1", false),
    ("email", "64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0", false),
    ("User.Read", "e1fe6dd8-ba31-4d61-89e7-88639da4683d", false),
    ("Mail.Read", "570282fd-fa5c-430d-a7fd-fc8dc98a9dca", false),
    ("Mail.ReadWrite", "024d486e-b451-40bb-833d-3e66d98c5c73", false),
    ("Mail.Send", "e383f46e-2787-4529-855e-0e479a3ffac0", false),
    ("Calendars.Read", "465a38f9-76ea-45b9-9f34-9e8b0d4b0b42", false),
    ("Calendars.ReadWrite", "1ec239c2-d7c9-4623-a91a-a9775856bb36", false),
    ("Contacts.Read", "ff74d97f-43af-4b68-9f2a-b77ee6968c5d", false),
    ("Contacts.ReadWrite", "d56682ec-c09e-4743-aaf4-1a3aac4caa21", false),
    ("EAS.AccessAsUser.All", "ff91d191-45a0-43fd-b837-bd682c4a0b0f", false),
    ("EWS.AccessAsUser.All", "9769c687-087d-48ac-9cb3-c37dde652038", false),
    ("Application.Read.All", "c79f8feb-a9db-4090-85f9-90d820caa0eb", true),
    (
        "Application.ReadWrite.All",
        "bdfbf15f-ee85-4955-8675-146e8e5296b5",
        true,
    ),
    (
        "DelegatedPermissionGrant.ReadWrite.All",
        "41ce6ca6-6826-4807-84f1-1c82854f7ee5",
        true,
    ),
    ("Policy.Read.All", "572fea84-0151-49b2-9301-11cb16974376", true),
    (
        "Policy.ReadWrite.Authorization",
        "edd3c878-b384-41fd-95ad-e7407dd775be",
        true,
    ),
];

/// An access token the identity platform issued, as Graph reads it.
#[derive(Clone, Debug)]
pub struct GraphToken {
    pub user: usize,
    /// Short scope names (`Application.ReadWrite.All`).
    pub scopes: Vec<String>,
}

/// A client secret added through Graph: its record, and the digest of its value (all the token
/// endpoint needs to check one, as Entra keeps no value either).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Password {
    pub key_id: String,
    pub digest: String,
    pub record: Value,
}

impl Password {
    pub fn new(key_id: String, value: &str, record: Value) -> Self {
        Self {
            key_id,
            digest: super::identity::digest(value),
            record,
        }
    }
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct GraphApp {
    /// The application object as Graph answers it (camelCase), without `passwordCredentials`.
    pub doc: Map<String, Value>,
    pub passwords: Vec<Password>,
}

impl GraphApp {
    pub fn id(&self) -> &str {
        self.doc.get("id").and_then(Value::as_str).unwrap_or_default()
    }
    pub fn app_id(&self) -> &str {
        self.doc.get("appId").and_then(Value::as_str).unwrap_or_default()
    }
    pub fn field(&self, name: &str) -> &str {
        self.doc.get(name).and_then(Value::as_str).unwrap_or_default()
    }
    /// The object as Graph answers it.
    pub fn to_json(&self) -> Value {
        let mut doc = self.doc.clone();
        let creds: Vec<Value> = self.passwords.iter().map(|p| p.record.clone()).collect();
        doc.insert("passwordCredentials".into(), Value::Array(creds));
        Value::Object(doc)
    }
    /// Redirect URIs of one platform (`web`, `spa`, `publicClient`).
    pub fn redirects(&self, platform: &str) -> Vec<String> {
        self.doc
            .get(platform)
            .and_then(|p| p.get("redirectUris"))
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
            .unwrap_or_default()
    }
}

#[derive(Default)]
pub struct GraphStore {
    pub apps: Vec<GraphApp>,
    pub service_principals: Vec<Value>,
    pub grants: Vec<Value>,
    pub tokens: HashMap<String, GraphToken>,
    /// Whether users who are not administrators may register apps (the demo tenant says no,
    /// as many organizations do).
    pub users_can_register_apps: bool,
    /// The permission-grant policies users have (`permissionGrantPoliciesAssigned`): none in the
    /// demo tenant, so users may not consent to apps themselves.
    pub user_consent_policies: Vec<String>,
    /// How long a new app stays unknown to sign-in and to service-principal creation.
    pub replication: Duration,
}

impl GraphStore {
    /// The tenant's service principals to begin with: Microsoft Graph's, with its scopes, and
    /// Graph PowerShell's.
    pub fn seeded() -> Self {
        let scopes: Vec<Value> = GRAPH_SCOPES
            .iter()
            .map(|(value, id, admin)| {
                json!({
                    "id": id, "value": value, "type": if *admin { "Admin" } else { "User" },
                    "isEnabled": true,
                    "adminConsentDisplayName": value, "adminConsentDescription": value,
                    "userConsentDisplayName": value, "userConsentDescription": value,
                })
            })
            .collect();
        let sp = |app_id: &str, name: &str, scopes: Vec<Value>| {
            json!({
                "id": uuid::Uuid::new_v4().to_string(), "appId": app_id, "displayName": name,
                "servicePrincipalType": "Application", "accountEnabled": true,
                "appOwnerOrganizationId": "f8cdef31-a31e-4b4a-93e4-5f571e91255a",
                "oauth2PermissionScopes": scopes, "appRoles": [],
            })
        };
        Self {
            service_principals: vec![
                sp(GRAPH_APP_ID, "Microsoft Graph", scopes),
                sp(GRAPH_POWERSHELL_APP_ID, "Microsoft Graph Command Line Tools", vec![]),
            ],
            replication: Duration::from_secs(3),
            ..Self::default()
        }
    }

    pub fn app_by(&self, key: &str, value: &str) -> Option<usize> {
        self.apps
            .iter()
            .position(|a| a.field(key).eq_ignore_ascii_case(value) && !value.is_empty())
    }

    pub fn sp_by(&self, key: &str, value: &str) -> Option<usize> {
        self.service_principals.iter().position(|s| {
            s.get(key)
                .and_then(Value::as_str)
                .is_some_and(|v| v.eq_ignore_ascii_case(value))
        })
    }
}
