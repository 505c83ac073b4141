// The registration and secret checks on hand-written Graph answers.

use time::macros::datetime;

use super::registration::{self, Needs, Wanted};
use super::{secrets, FindingCode};
use crate::graph::models::{Application, PasswordCredential, ServicePrincipal};
use crate::sensitive::Sensitive;

const GRAPH: &str = "00000003-0000-0000-c000-000000000000";
const USER_READ: &str = "e1fe6dd8-ba31-4d61-89e7-88639da4683d";
const MAIL_RW: &str = "024d486e-b451-40bb-833d-3e66d98c5c73";
const EWS: &str = "9769c687-087d-48ac-9cb3-c37dde652038";

fn app(redirects: &[&str], scopes: &[&str]) -> Application {
    let access: Vec<_> = scopes
        .iter()
        .map(|id| serde_json::json!({"id": id, "type": "Scope"}))
        .collect();
    serde_json::from_value(serde_json::json!({
        "id": "obj", "appId": "app", "web": {"redirectUris": redirects},
        "requiredResourceAccess": [{"resourceAppId": GRAPH, "resourceAccess": access}],
    }))
    .unwrap()
}

fn sp(enabled: bool, assignment: bool) -> ServicePrincipal {
    serde_json::from_value(serde_json::json!({
        "id": "sp", "accountEnabled": enabled, "appRoleAssignmentRequired": assignment,
    }))
    .unwrap()
}

fn needs() -> Needs {
    let w = |name: &str, id: &str| Wanted {
        resource_app_id: GRAPH.into(),
        resource: "Microsoft Graph".into(),
        name: name.into(),
        id: id.into(),
    };
    Needs {
        redirect_uris: vec!["http://localhost/callback".into()],
        permissions: vec![w("User.Read", USER_READ), w("Mail.ReadWrite", MAIL_RW)],
        refused: vec![(GRAPH.into(), EWS.into(), "EWS.AccessAsUser.All".into())],
        principals: vec![(GRAPH.into(), "graph-sp".into())],
    }
}

fn codes(f: &[super::Finding]) -> Vec<FindingCode> {
    f.iter().map(|f| f.code).collect()
}

#[test]
fn a_healthy_registration_has_no_findings() {
    let a = app(&["http://localhost/callback"], &[USER_READ, MAIL_RW]);
    assert!(registration::check(&a, Some(&sp(true, false)), &needs()).is_empty());
}

#[test]
fn each_broken_part_of_the_registration_is_named() {
    let a = app(&["https://other/callback"], &[MAIL_RW, EWS]);
    let found = registration::check(&a, Some(&sp(false, false)), &needs());
    assert_eq!(
        codes(&found),
        [
            FindingCode::RedirectUriMissing,
            FindingCode::PermissionMissing,
            FindingCode::UnsupportedPermission,
            FindingCode::ServicePrincipalDisabled
        ]
    );
    assert!(found[1].message.contains("User.Read"), "{:?}", found[1]);
    assert!(found[0].evidence.contains("https://other/callback"));
    let gone = registration::check(&a, None, &needs());
    assert!(codes(&gone).contains(&FindingCode::ServicePrincipalMissing));
    let assigned = registration::check(
        &app(&["http://localhost/callback"], &[USER_READ, MAIL_RW]),
        Some(&sp(true, true)),
        &needs(),
    );
    assert_eq!(codes(&assigned), [FindingCode::AssignmentRequired]);
}

fn secret(hint: &str, end: &str) -> PasswordCredential {
    serde_json::from_value(serde_json::json!({"keyId": hint, "hint": hint, "endDateTime": end})).unwrap()
}

#[test]
fn the_keychain_secret_is_matched_by_hint_and_its_expiry_read() {
    let now = datetime!(2026-12-06 12:00 UTC);
    let stored = Sensitive::new("Dm0Q~value".to_string());
    let app = [
        secret("Xp1", "2025-01-01T00:00:00Z"),
        secret("Dm0", "2028-06-01T00:00:00Z"),
    ];
    assert!(secrets::check(&app, &stored, now).is_empty());
    let soon = [secret("Dm0", "2026-12-20T00:00:00Z")];
    assert_eq!(
        codes(&secrets::check(&soon, &stored, now)),
        [FindingCode::SecretExpiring]
    );
    let gone = [secret("Dm0", "2026-11-01T00:00:00Z")];
    assert_eq!(
        codes(&secrets::check(&gone, &stored, now)),
        [FindingCode::SecretExpired]
    );
    let other = secrets::check(&[secret("Ab9", "2028-06-01T00:00:00Z")], &stored, now);
    assert_eq!(codes(&other), [FindingCode::SecretNotInApp]);
    assert!(
        !format!("{other:?}").contains("Q~value"),
        "the value is never in a finding"
    );
}

#[test]
fn microsofts_answer_to_the_app_credentials_is_told_apart() {
    let code = |n| secrets::from_microsoft(n).map(|f| f.code);
    assert_eq!(code(7000215), Some(FindingCode::SecretNotInApp));
    assert_eq!(code(7000222), Some(FindingCode::SecretExpired));
    assert_eq!(code(700016), Some(FindingCode::AppMissing));
    assert_eq!(code(50076), None);
}

#[test]
fn the_apps_audience_is_checked_against_the_connectors_tenant() {
    let single: Application =
        serde_json::from_value(serde_json::json!({"id": "o", "appId": "a", "signInAudience": "AzureADMyOrg"})).unwrap();
    let multi: Application =
        serde_json::from_value(serde_json::json!({"id": "o", "appId": "a", "signInAudience": "AzureADMultipleOrgs"}))
            .unwrap();
    let code =
        |app: &Application, tenant: &str| registration::audience(app, Some(tenant)).map(|f| (f.code, f.severity));
    assert_eq!(
        code(&single, "common"),
        Some((FindingCode::AudienceMismatch, super::Severity::Error))
    );
    assert_eq!(code(&single, "6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"), None);
    assert_eq!(
        code(&multi, "contoso.onmicrosoft.com"),
        Some((FindingCode::AudienceMismatch, super::Severity::Warning))
    );
    assert_eq!(code(&multi, "organizations"), None);
    assert!(
        registration::audience(&single, None).is_none(),
        "no connector, nothing to compare"
    );
}
