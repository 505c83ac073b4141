// The fixes that are one change to an object: the application's missing redirect URIs and
// delegated permissions added in one PATCH that keeps everything already there (Graph replaces a
// collection whole, so the body carries the old entries too), and the service principal's
// switches.

use serde_json::{json, Value};

use super::registration::Needs;
use super::FindingCode;
use crate::graph::models::Application;

/// The PATCH body that fixes the chosen codes, or `None` when there is nothing to change.
pub fn application_patch(app: &Application, needs: &Needs, codes: &[FindingCode]) -> Option<Value> {
    let mut body = serde_json::Map::new();
    if codes.contains(&FindingCode::RedirectUriMissing) {
        let mut uris = app.redirect_uris().to_vec();
        let before = uris.len();
        for uri in &needs.redirect_uris {
            if !uris.contains(uri) {
                uris.push(uri.clone());
            }
        }
        if uris.len() > before {
            body.insert("web".into(), json!({ "redirectUris": uris }));
        }
    }
    if codes.contains(&FindingCode::PermissionMissing) {
        let mut access: Vec<(String, Vec<(String, String)>)> = app
            .required_resource_access
            .iter()
            .map(|r| {
                let items = r
                    .resource_access
                    .iter()
                    .map(|a| (a.id.clone(), a.kind.clone()))
                    .collect();
                (r.resource_app_id.clone(), items)
            })
            .collect();
        let mut added = false;
        for w in &needs.permissions {
            let i = match access
                .iter()
                .position(|(r, _)| r.eq_ignore_ascii_case(&w.resource_app_id))
            {
                Some(i) => i,
                None => {
                    access.push((w.resource_app_id.clone(), Vec::new()));
                    access.len() - 1
                }
            };
            let items = &mut access[i].1;
            if !items
                .iter()
                .any(|(id, kind)| id.eq_ignore_ascii_case(&w.id) && kind == "Scope")
            {
                items.push((w.id.clone(), "Scope".into()));
                added = true;
            }
        }
        if added {
            let doc: Vec<Value> = access
                .into_iter()
                .map(|(resource, items)| {
                    let items: Vec<Value> = items
                        .into_iter()
                        .map(|(id, kind)| json!({ "id": id, "type": kind }))
                        .collect();
                    json!({ "resourceAppId": resource, "resourceAccess": items })
                })
                .collect();
            body.insert("requiredResourceAccess".into(), Value::Array(doc));
        }
    }
    (!body.is_empty()).then_some(Value::Object(body))
}

/// The PATCH body of the service principal for the chosen codes: sign-in switched back on, and
/// every user allowed; `None` when neither is chosen.
pub fn principal_patch(codes: &[FindingCode]) -> Option<Value> {
    let mut body = serde_json::Map::new();
    if codes.contains(&FindingCode::ServicePrincipalDisabled) {
        body.insert("accountEnabled".into(), json!(true));
    }
    if codes.contains(&FindingCode::AssignmentRequired) {
        body.insert("appRoleAssignmentRequired".into(), json!(false));
    }
    (!body.is_empty()).then_some(Value::Object(body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doctor::registration::Wanted;

    #[test]
    fn the_patch_adds_what_is_missing_and_keeps_the_rest() {
        let app: Application = serde_json::from_value(json!({
            "id": "o", "appId": "a", "web": {"redirectUris": ["https://x/cb"]},
            "requiredResourceAccess": [
                {"resourceAppId": "graph", "resourceAccess": [{"id": "mail", "type": "Scope"}, {"id": "role", "type": "Role"}]},
                {"resourceAppId": "other", "resourceAccess": [{"id": "o1", "type": "Scope"}]}
            ]
        }))
        .unwrap();
        let w = |id: &str| Wanted {
            resource_app_id: "graph".into(),
            resource: "Microsoft Graph".into(),
            name: id.into(),
            id: id.into(),
        };
        let needs = Needs {
            redirect_uris: vec!["http://localhost/callback".into()],
            permissions: vec![w("mail"), w("user")],
            refused: vec![],
            principals: vec![],
        };
        let all = [FindingCode::RedirectUriMissing, FindingCode::PermissionMissing];
        let body = application_patch(&app, &needs, &all).unwrap();
        assert_eq!(
            body["web"]["redirectUris"],
            json!(["https://x/cb", "http://localhost/callback"])
        );
        assert_eq!(
            body["requiredResourceAccess"],
            json!([
                {"resourceAppId": "graph", "resourceAccess": [{"id": "mail", "type": "Scope"}, {"id": "role", "type": "Role"}, {"id": "user", "type": "Scope"}]},
                {"resourceAppId": "other", "resourceAccess": [{"id": "o1", "type": "Scope"}]}
            ])
        );
        let only_uris = application_patch(&app, &needs, &[FindingCode::RedirectUriMissing]).unwrap();
        assert!(only_uris.get("requiredResourceAccess").is_none());
        let healthy: Application = serde_json::from_value(
            json!({"id": "o", "appId": "a", "web": {"redirectUris": ["http://localhost/callback"]}}),
        )
        .unwrap();
        assert!(application_patch(&healthy, &needs, &[FindingCode::RedirectUriMissing]).is_none());
    }
}
