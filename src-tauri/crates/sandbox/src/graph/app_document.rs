//! An application object as Graph keeps it: the defaults of a new one, and the checks and merge
//! of a create or update body.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Map, Value};

use super::error;
use crate::fixtures::TENANT_DOMAIN;
use crate::state::new_id;

/// Properties a client may set; the rest are read-only or not part of this subset.
const WRITABLE: &[&str] = &[
    "displayName",
    "uniqueName",
    "signInAudience",
    "web",
    "spa",
    "publicClient",
    "isFallbackPublicClient",
    "requiredResourceAccess",
    "description",
    "notes",
    "tags",
];
const AUDIENCES: &[&str] = &[
    "AzureADMyOrg",
    "AzureADMultipleOrgs",
    "AzureADandPersonalMicrosoftAccount",
    "PersonalMicrosoftAccount",
];

pub(super) fn fresh_doc() -> Map<String, Value> {
    let now = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let doc = json!({
        "id": new_id(), "appId": new_id(), "displayName": null, "uniqueName": null, "description": null, "notes": null,
        "createdDateTime": now, "publisherDomain": TENANT_DOMAIN, "signInAudience": "AzureADMyOrg",
        "isFallbackPublicClient": null, "tags": [], "keyCredentials": [], "requiredResourceAccess": [],
        "web": { "homePageUrl": null, "logoutUrl": null, "redirectUris": [],
                 "implicitGrantSettings": { "enableAccessTokenIssuance": false, "enableIdTokenIssuance": false } },
        "spa": { "redirectUris": [] }, "publicClient": { "redirectUris": [] },
    });
    doc.as_object().cloned().unwrap_or_default()
}

/// Checks and merges a create or update body into `doc` (complex properties merge one level,
/// collections are replaced whole, as Graph's PATCH does).
pub(super) fn apply(doc: &mut Map<String, Value>, body: Map<String, Value>) -> Result<(), Response> {
    let bad = |m: String| error(StatusCode::BAD_REQUEST, "Request_BadRequest", &m);
    for (k, v) in body {
        if k.starts_with("@odata") {
            continue;
        }
        if !WRITABLE.contains(&k.as_str()) {
            let read_only = matches!(
                k.as_str(),
                "id" | "appId" | "passwordCredentials" | "createdDateTime" | "publisherDomain"
            );
            return Err(bad(if read_only {
                format!("Property '{k}' is read-only and cannot be set.")
            } else {
                format!("Property '{k}' does not exist on type 'microsoft.graph.application'.")
            }));
        }
        if k == "uniqueName" && doc.get("uniqueName").is_some_and(|u| !u.is_null() && *u != v) {
            return Err(bad("Property 'uniqueName' cannot be changed once set.".into()));
        }
        if k == "signInAudience" && !v.as_str().is_some_and(|a| AUDIENCES.contains(&a)) {
            return Err(bad(
                "Invalid value specified for property 'signInAudience' of resource 'Application'.".into(),
            ));
        }
        if matches!(k.as_str(), "web" | "spa" | "publicClient") {
            let uris = v.get("redirectUris").and_then(Value::as_array);
            if uris.is_some_and(|u| u.iter().any(|x| x.as_str().is_none_or(|s| url::Url::parse(s).is_err()))) {
                return Err(bad(format!(
                    "Invalid value specified for property 'redirectUris' of resource '{k}'."
                )));
            }
            if let (Some(Value::Object(old)), Value::Object(new)) = (doc.get_mut(&k), &v) {
                old.extend(new.clone());
                continue;
            }
        }
        if k == "requiredResourceAccess" {
            let ok = v.as_array().is_some_and(|a| {
                a.iter().all(|r| {
                    r.get("resourceAppId").and_then(Value::as_str).is_some()
                        && r.get("resourceAccess").and_then(Value::as_array).is_some_and(|ra| {
                            ra.iter().all(|x| {
                                x.get("id")
                                    .and_then(Value::as_str)
                                    .is_some_and(|i| uuid::Uuid::parse_str(i).is_ok())
                                    && matches!(x.get("type").and_then(Value::as_str), Some("Scope" | "Role"))
                            })
                        })
                })
            });
            if !ok {
                return Err(bad(
                    "Invalid value specified for property 'requiredResourceAccess' of resource 'Application'.".into(),
                ));
            }
        }
        doc.insert(k, v);
    }
    let named = doc
        .get("displayName")
        .and_then(Value::as_str)
        .is_some_and(|s| !s.trim().is_empty());
    if !named {
        return Err(bad("Property 'displayName' is required and cannot be empty.".into()));
    }
    Ok(())
}
