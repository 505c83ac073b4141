//! The doctor and a secret's lifetime (#19): an administrator replaces the app's secret by hand
//! with a short-lived one (through Graph, given to this app and to Nylas's connector, the old
//! one removed). Expiring within 30 days is a warning; past its end it is an error that
//! Microsoft confirms (AADSTS7000222), said once, and Nylas gives up on the mailbox. Either way
//! the one-click fix replaces the secret; once a mailbox Nylas gave up on is signed in again, the
//! doctor finds nothing more and the mailbox's test passes.

use std::time::Duration;

use mailbox_connect_core::doctor::{FindingCode, Severity};
use mailbox_connect_core::services::AzureAppInput;
use mailbox_connect_core::{Sensitive, Services};
use mailbox_connect_e2e::graph_session::{doctor_check, doctor_fix};
use mailbox_connect_e2e::graph_session::{graph, patch_connector, sign_in, ADMIN};
use mailbox_connect_e2e::harness::demo_begun;
use mailbox_connect_sandbox::fixtures as f;
use mailbox_connect_sandbox::Sandbox;
use serde_json::json;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// A connected mailbox, then the secret replaced by hand with one that ends after `lifetime`.
async fn secret_ending_after(lifetime: time::Duration) -> (Sandbox, tempfile::TempDir, Services, String) {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let core = demo_begun(&sb, dir.path()).await;
    let grant = core
        .sign_in
        .connect(Some(ADMIN.into()), &core.jobs.start(|_| {}))
        .await
        .unwrap()
        .grant
        .id;
    let token = sign_in(&sb, ADMIN).await;
    let app = format!("applications(appId='{}')", f::CLIENT_ID);
    let end = OffsetDateTime::now_utc() + lifetime;
    let body = json!({"passwordCredential": {"displayName": "by hand", "endDateTime": end.format(&Rfc3339).unwrap()}});
    let (status, added) = graph(&sb, &token, "POST", &format!("{app}/addPassword"), Some(body), false).await;
    assert_eq!(status, 200, "{added}");
    let secret = added["secretText"].as_str().unwrap().to_string();
    let p = core.setup.state().unwrap().profile;
    core.setup
        .save_azure_app(AzureAppInput {
            client_id: p.client_id,
            tenant: p.tenant.to_string(),
            cloud: p.cloud,
            client_secret: Sensitive::new(secret.clone()),
            secret_expires_on: Some(end.date().to_string()),
        })
        .await
        .unwrap();
    let connector = json!({"settings": {"client_id": f::CLIENT_ID, "client_secret": secret}});
    assert_eq!(patch_connector(&sb, connector).await, 200);
    let removed = json!({"keyId": f::SECRET_ID});
    let (status, answer) = graph(
        &sb,
        &token,
        "POST",
        &format!("{app}/removePassword"),
        Some(removed),
        false,
    )
    .await;
    assert_eq!(status, 204, "{answer}");
    (sb, dir, core, grant)
}

/// Fixes everything the doctor offers (a grant Nylas gave up on is signed in again), then checks
/// nothing is left and the mailbox works.
async fn fixed_and_tested(core: &Services, grant: &str) {
    let fixed = doctor_fix(core, None).await;
    for x in &fixed.findings {
        assert!(x.fixed || x.code == FindingCode::GrantInvalid, "{fixed:?}");
    }
    if fixed.findings.iter().any(|x| x.code == FindingCode::GrantInvalid) {
        let again = core
            .sign_in
            .connect(Some(ADMIN.into()), &core.jobs.start(|_| {}))
            .await
            .unwrap();
        assert_eq!(again.grant.id, grant, "signing in again keeps the grant");
    }
    assert!(doctor_check(core).await.findings.is_empty());
    assert!(core.tools.check_grant(grant).await.unwrap().check.ok);
}

#[tokio::test]
async fn a_secret_that_ends_within_30_days_is_a_warning_and_is_replaced() {
    let (_sb, _dir, core, grant) = secret_ending_after(time::Duration::days(12)).await;
    let found = doctor_check(&core).await;
    assert_eq!(found.findings.len(), 1, "{found:?}");
    let x = &found.findings[0];
    assert_eq!(
        (x.code, x.severity, x.fixable),
        (FindingCode::SecretExpiring, Severity::Warning, true)
    );
    assert!(
        x.message.contains("expires in 11 days") || x.message.contains("expires in 12 days"),
        "{x:?}"
    );
    fixed_and_tested(&core, &grant).await;
}

#[tokio::test]
async fn an_expired_secret_is_said_once_and_is_replaced() {
    let (_sb, _dir, core, grant) = secret_ending_after(time::Duration::seconds(3)).await;
    tokio::time::sleep(Duration::from_secs(4)).await;
    // Nylas can no longer renew the mailbox's access either.
    assert!(!core.tools.check_grant(&grant).await.unwrap().check.ok);
    let found = doctor_check(&core).await;
    let codes: Vec<_> = found.findings.iter().map(|x| x.code).collect();
    assert!(codes.contains(&FindingCode::SecretExpired), "{found:?}");
    assert_eq!(
        codes.iter().filter(|c| **c == FindingCode::SecretExpired).count(),
        1,
        "said once: {found:?}"
    );
    let x = found
        .findings
        .iter()
        .find(|x| x.code == FindingCode::SecretExpired)
        .unwrap();
    assert_eq!((x.severity, x.fixable), (Severity::Error, true));
    fixed_and_tested(&core, &grant).await;
}
