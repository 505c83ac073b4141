//! "Create it for me" refused the way Microsoft refuses it: a non-administrator is told which
//! role is needed, bad values are named at their fields, and "show" without an app says so
//! before anyone signs in.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use mailbox_connect_core::job::Report;
use mailbox_connect_core::microsoft::oauth::ResponseMode;
use mailbox_connect_core::secrets::SecretStore;
use mailbox_connect_core::services::azure_app::SignInOptions;
use mailbox_connect_core::ErrorCode;
use mailbox_connect_e2e::graph_session::{created_apps, ADMIN, USER};
use mailbox_connect_e2e::harness::{as_admin, demo_env, graph_demo_services as demo_services, job, services_with};
use mailbox_connect_e2e::scripted_browser::{Decision, ScriptedBrowser};
use mailbox_connect_sandbox::fixtures as f;
use mailbox_connect_sandbox::graph::store::GRAPH_POWERSHELL_APP_ID;
use mailbox_connect_sandbox::Sandbox;

/// A report that keeps nothing (the refusals are in the errors).
fn recorder() -> (Report, ()) {
    (Arc::new(|_| {}), ())
}

#[tokio::test]
async fn a_non_administrator_is_told_which_role_is_needed() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let core = demo_services(&sb, dir.path(), SecretStore::memory()).await;
    core.setup.begin(Some(demo_env(&sb))).await.unwrap();
    let (report, _) = recorder();
    let e = core
        .azure_app
        .create(as_admin(USER, false), &job(&core, report))
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::AdminRoleRequired, "{e:?}");
    assert!(e.message.contains("manage app registrations"), "{e:?}");
    assert!(e.fix.as_deref().unwrap().contains("Application Administrator"), "{e:?}");
    assert!(created_apps(&sb).await.is_empty());

    // Where Graph PowerShell has tenant-wide consent, the user signs in and Graph itself refuses.
    sb.state
        .lock()
        .admin_consents
        .push((GRAPH_POWERSHELL_APP_ID.into(), f::TENANT_ID.into()));
    let (report, _) = recorder();
    let e = core
        .azure_app
        .create(as_admin(USER, false), &job(&core, report))
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::AdminRoleRequired, "{e:?}");
    assert!(e.message.contains("not allowed to create"), "{e:?}");
    assert!(
        e.fix.as_deref().unwrap().contains("Cloud Application Administrator"),
        "{e:?}"
    );
    assert!(
        e.detail.as_deref().unwrap().contains("Authorization_RequestDenied"),
        "{e:?}"
    );
    assert!(created_apps(&sb).await.is_empty());

    // A secret's lifetime outside 1-24 months is refused by name, before any sign-in.
    let (report, _) = recorder();
    let mut long = as_admin(ADMIN, false);
    long.secret_months = Some(30);
    let e = core
        .azure_app
        .create(long, &job(&core, report.clone()))
        .await
        .unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::InvalidInput, Some("secret_months")),
        "{e:?}"
    );
    let e = core
        .azure_app
        .rotate_secret(SignInOptions::default(), Some(0), &job(&core, report))
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("secret_months"), "{e:?}");
}

#[tokio::test]
async fn show_without_an_app_says_so_before_anyone_signs_in() {
    let dir = tempfile::tempdir().unwrap();
    let browser = ScriptedBrowser::new(Decision::Accept);
    let core = services_with(
        dir.path(),
        browser,
        ResponseMode::FormPost,
        Duration::from_secs(5),
        SecretStore::memory(),
    );
    core.setup.new_profile("Contoso").unwrap();
    let events = Arc::new(Mutex::new(0));
    let seen = events.clone();
    let report: Report = Arc::new(move |_| *seen.lock().unwrap() += 1);
    let e = core
        .azure_app
        .show(SignInOptions::default(), &job(&core, report))
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("client_id"), "{e:?}");
    assert!(e.message.contains("no Azure app yet"), "{e:?}");
    assert_eq!(*events.lock().unwrap(), 0, "no sign-in was started");
}
