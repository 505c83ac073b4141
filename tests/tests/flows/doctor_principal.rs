//! The app's enterprise application switched the way an admin switches it in the portal (through
//! the demo tenant's Graph): sign-in then fails as Microsoft fails it, the doctor names why, and
//! its one-click fix lets the mailbox sign in again. So does a revoked tenant-wide consent.

use mailbox_connect_core::doctor::{FindingCode, Severity};
use mailbox_connect_core::services::azure_app::SignInOptions;
use mailbox_connect_core::ErrorCode;
use mailbox_connect_e2e::graph_session::{graph, revoke_tenant_consent, sign_in, ADMIN};
use mailbox_connect_e2e::harness::demo_begun;
use mailbox_connect_sandbox::fixtures as f;
use mailbox_connect_sandbox::Sandbox;
use serde_json::json;

#[tokio::test]
async fn a_disabled_or_assignment_only_app_is_found_and_fixed() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let core = demo_begun(&sb, dir.path()).await;
    let token = sign_in(&sb, ADMIN).await;
    let sp = format!("servicePrincipals(appId='{}')", f::CLIENT_ID);
    let admin = SignInOptions {
        login_hint: Some(ADMIN.into()),
        ..SignInOptions::default()
    };

    for (switch, aadsts, code) in [
        (
            json!({"accountEnabled": false}),
            "AADSTS7000112",
            FindingCode::ServicePrincipalDisabled,
        ),
        (
            json!({"appRoleAssignmentRequired": true}),
            "AADSTS50105",
            FindingCode::AssignmentRequired,
        ),
    ] {
        let (status, _) = graph(&sb, &token, "PATCH", &sp, Some(switch.clone()), false).await;
        assert_eq!(status, 204);
        let e = core
            .sign_in
            .connect(Some(ADMIN.into()), &core.jobs.start(|_| {}))
            .await
            .unwrap_err();
        assert!(format!("{e:?}").contains(aadsts), "{switch}: {e:?}");

        let found = core
            .doctor
            .check(admin.clone(), &core.jobs.start(|_| {}))
            .await
            .unwrap();
        let codes: Vec<FindingCode> = found.findings.iter().map(|x| x.code).collect();
        assert_eq!(codes, [code], "{found:?}");
        let fixed = core
            .doctor
            .fix(admin.clone(), Some(&[code]), &core.jobs.start(|_| {}))
            .await
            .unwrap();
        assert!(fixed.findings[0].fixed, "{fixed:?}");
        assert_eq!(fixed.summary.remaining, 0);
        let r = core
            .sign_in
            .connect(Some(ADMIN.into()), &core.jobs.start(|_| {}))
            .await
            .unwrap();
        assert!(r.check.ok, "{r:?}");
    }
}

#[tokio::test]
async fn revoked_tenant_wide_consent_is_found_and_granted_again() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let core = demo_begun(&sb, dir.path()).await;
    revoke_tenant_consent(&sb).await;
    let lee = f::USERS[2].email;
    let e = core
        .sign_in
        .connect(Some(lee.into()), &core.jobs.start(|_| {}))
        .await
        .unwrap_err();
    assert_eq!(
        e.code,
        ErrorCode::ConsentDeclined,
        "a colleague meets Need admin approval: {e:?}"
    );

    let admin = SignInOptions {
        login_hint: Some(ADMIN.into()),
        ..SignInOptions::default()
    };
    let found = core
        .doctor
        .check(admin.clone(), &core.jobs.start(|_| {}))
        .await
        .unwrap();
    let consent = found
        .findings
        .iter()
        .find(|x| x.code == FindingCode::ConsentMissing)
        .unwrap();
    assert_eq!(consent.severity, Severity::Warning);
    assert!(consent.evidence.contains("Mail.ReadWrite"), "{consent:?}");
    let fixed = core.doctor.fix(admin, None, &core.jobs.start(|_| {})).await.unwrap();
    assert_eq!((fixed.summary.fixed, fixed.summary.remaining), (1, 0), "{fixed:?}");
    let r = core
        .sign_in
        .connect(Some(lee.into()), &core.jobs.start(|_| {}))
        .await
        .unwrap();
    assert!(r.check.ok, "{r:?}");
}
