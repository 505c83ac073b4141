//! The connection doctor's look at Nylas, against the demo tenant broken the way people break
//! it: the connector pointed at another app through Nylas's API (found, fixed, a grant passes
//! again), and the app's secret removed in Azure, which invalidates the connected mailbox's grant
//! (found on both sides, with Microsoft's reason; the secret replaced by the fix, the mailbox
//! signed in again).

use mailbox_connect_core::doctor::FindingCode;
use mailbox_connect_core::Services;
use mailbox_connect_e2e::graph_session::{doctor_check, doctor_fix};
use mailbox_connect_e2e::graph_session::{graph, patch_connector, point_connector_elsewhere, sign_in, ADMIN};
use mailbox_connect_e2e::harness::demo_begun;
use mailbox_connect_sandbox::fixtures as f;
use mailbox_connect_sandbox::Sandbox;
use serde_json::json;

/// A demo profile with one connected mailbox.
async fn connected(sb: &Sandbox, dir: &std::path::Path) -> (Services, String) {
    let core = demo_begun(sb, dir).await;
    let r = core
        .sign_in
        .connect(Some(ADMIN.into()), &core.jobs.start(|_| {}))
        .await
        .unwrap();
    assert!(r.check.ok);
    (core, r.grant.id)
}

#[tokio::test]
async fn a_connector_pointed_at_another_app_is_found_and_fixed() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (core, grant) = connected(&sb, dir.path()).await;
    // Someone points the Nylas connector at another Azure app through Nylas's API.
    point_connector_elsewhere(&sb).await;

    let checkup = doctor_check(&core).await;
    let codes: Vec<FindingCode> = checkup.findings.iter().map(|x| x.code).collect();
    assert!(codes.contains(&FindingCode::ConnectorClientMismatch), "{checkup:?}");
    let fixed = doctor_fix(&core, None).await;
    let mismatch = fixed
        .findings
        .iter()
        .find(|x| x.code == FindingCode::ConnectorClientMismatch)
        .unwrap();
    assert!(mismatch.fixed, "{fixed:?}");
    assert!(
        core.tools.check_grant(&grant).await.unwrap().check.ok,
        "the mailbox reads again"
    );
}

#[tokio::test]
async fn a_secret_removed_in_azure_invalidates_the_grant_and_both_sides_say_why() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (core, grant) = connected(&sb, dir.path()).await;
    let token = sign_in(&sb, ADMIN).await;
    let path = format!("applications(appId='{}')/removePassword", f::CLIENT_ID);
    let (status, _) = graph(&sb, &token, "POST", &path, Some(json!({"keyId": f::SECRET_ID})), false).await;
    assert_eq!(status, 204);
    // Nylas finds out the next time it refreshes the mailbox's access.
    assert!(!core.tools.check_grant(&grant).await.unwrap().check.ok);

    let checkup = doctor_check(&core).await;
    let codes: Vec<FindingCode> = checkup.findings.iter().map(|x| x.code).collect();
    assert_eq!(
        codes,
        [FindingCode::SecretNotInApp, FindingCode::GrantInvalid],
        "{checkup:?}"
    );
    let invalid = &checkup.findings[1];
    assert!(
        invalid.message.contains(ADMIN) && invalid.evidence.contains("AADSTS7000215"),
        "{invalid:?}"
    );

    // The fix replaces the secret (keychain and connector too); the mailbox then signs in again.
    let fixed = doctor_fix(&core, None).await;
    assert!(fixed.findings[0].fixed, "{fixed:?}");
    assert_eq!(fixed.summary.text, "2 problems found, 1 fixed.");
    let again = core
        .sign_in
        .connect(Some(ADMIN.into()), &core.jobs.start(|_| {}))
        .await
        .unwrap();
    assert!(
        again.check.ok && again.grant.id == grant,
        "the same grant, working: {again:?}"
    );
    let healthy = doctor_check(&core).await;
    assert!(healthy.findings.is_empty(), "{healthy:?}");
}

#[tokio::test]
async fn a_connector_sending_a_single_organization_app_through_common_is_found_and_fixed() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (core, grant) = connected(&sb, dir.path()).await;
    assert_eq!(
        patch_connector(&sb, serde_json::json!({"settings": {"tenant": "common"}})).await,
        200
    );
    let fixed = doctor_fix(&core, None).await;
    let audience = fixed
        .findings
        .iter()
        .find(|x| x.code == FindingCode::AudienceMismatch)
        .unwrap();
    assert!(audience.fixed && audience.evidence.contains("\"common\""), "{fixed:?}");
    let connector = sb.state.lock().connectors.get("microsoft").unwrap().tenant.clone();
    assert_eq!(connector.as_deref(), Some(f::TENANT_ID));
    assert!(core.tools.check_grant(&grant).await.unwrap().check.ok);
}
