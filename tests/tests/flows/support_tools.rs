//! Support tools against the sandbox: test a grant, list grants, ledger CSV, diagnostics with no
//! secrets in it, and profiles that survive a restart.

use mailbox_connect_core::microsoft::oauth::ResponseMode;
use mailbox_connect_core::profile::wizard::WizardStep;
use mailbox_connect_core::ErrorCode;
use mailbox_connect_e2e::harness::{demo, services};
use mailbox_connect_e2e::scripted_browser::{Decision, ScriptedBrowser};
use mailbox_connect_sandbox::fixtures as f;

#[tokio::test]
async fn check_list_ledger_and_diagnostics() {
    let d = demo(Decision::Accept).await;
    let r = d.connect(None).await.unwrap();

    let by_id = d.core.tools.check_grant(&r.grant.id).await.unwrap();
    assert!(by_id.check.ok);
    let by_email = d.core.tools.check_grant(f::USERS[0].email).await.unwrap();
    assert_eq!(by_email.grant.id, r.grant.id);
    let e = d
        .core
        .tools
        .check_grant("00000000-1111-2222-3333-444444444444")
        .await
        .unwrap_err();
    assert!(e.message.contains("no grant"), "{e:?}");

    let grants = d.core.tools.list_grants().await.unwrap();
    assert_eq!(grants.len(), 1);
    assert_eq!(grants[0].grant_status.as_deref(), Some("valid"));

    let out = tempfile::tempdir().unwrap();
    let csv = d.core.tools.export_ledger_csv(Some(out.path().to_path_buf())).unwrap();
    assert!(std::fs::read_to_string(&csv.path).unwrap().contains(&r.grant.id));
    // The header, the connection, and the two tests that found the grant.
    assert_eq!(csv.contents.lines().count(), 4);
    assert_eq!(csv.contents.matches(",true,tested,").count(), 2, "{}", csv.contents);

    d.core
        .tools
        .note_error(&mailbox_connect_core::AppError::internal("boom").with_detail(format!("key {}", f::NYLAS_API_KEY)));
    // The log's tail goes in too (here a log the app wrote earlier, as its file layer does).
    let logs = d.dir.path().join("logs");
    std::fs::create_dir_all(&logs).unwrap();
    std::fs::write(
        logs.join("mailbox-connect.2026-11-23.log"),
        "INFO older line\nINFO mailbox connected grant=g-123\n",
    )
    .unwrap();
    // A folder that does not exist is refused, not made.
    let missing = out.path().join("typo");
    let e = d.core.tools.diagnostics(Some(missing.clone())).unwrap_err();
    assert!(e.message.contains("There is no folder") && !missing.exists(), "{e:?}");
    let diag = d.core.tools.diagnostics(Some(out.path().to_path_buf())).unwrap();
    let text = std::fs::read_to_string(&diag.path).unwrap();
    for secret in [f::SECRET_VALUE, f::NYLAS_API_KEY, f::USERS[0].email] {
        assert!(!text.contains(secret), "diagnostics leak: {secret}");
    }
    assert!(text.contains(&r.grant.id) && text.contains("a***@contoso-demo.onmicrosoft.com"));
    let bundle: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        bundle["log_tail"].as_array().unwrap().last().unwrap(),
        "INFO mailbox connected grant=g-123"
    );
    // Nothing under the config dir holds a secret either.
    for entry in std::fs::read_dir(d.dir.path()).unwrap() {
        let body = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
        assert!(!body.contains(f::SECRET_VALUE) && !body.contains(f::NYLAS_API_KEY));
    }
}

#[tokio::test]
async fn profiles_survive_a_restart_and_resume_where_left() {
    let d = demo(Decision::Accept).await;
    d.core.setup.go_to(WizardStep::Nylas).unwrap();
    let second = d.core.setup.new_profile("Fabrikam staging").unwrap();
    assert_eq!(second.profile.step, WizardStep::Checklist);
    assert!(d.core.setup.new_profile("  ").is_err());
    assert_eq!(d.core.setup.profiles().unwrap().len(), 2);
    drop(d.core);

    let restarted = services(
        d.dir.path(),
        ScriptedBrowser::new(Decision::Accept),
        ResponseMode::FormPost,
    );
    assert_eq!(restarted.setup.state().unwrap().profile.name, "Fabrikam staging");
    let list = restarted.setup.profiles().unwrap();
    let demo_id = list.iter().find(|p| p.demo).unwrap().id.clone();
    let back = restarted.setup.switch_profile(&demo_id).unwrap();
    assert_eq!(
        back.profile.step,
        WizardStep::Nylas,
        "the wizard resumes where it was left"
    );
    // Renaming an inactive profile changes its name only: the active one stays active.
    let renamed = restarted
        .setup
        .rename_profile(&second.profile.id, " Fabrikam production ")
        .unwrap();
    let fabrikam = renamed.iter().find(|p| p.id == second.profile.id).unwrap();
    assert_eq!(
        (fabrikam.name.as_str(), fabrikam.active),
        ("Fabrikam production", false)
    );
    let e = restarted.setup.rename_profile(&demo_id, " ").unwrap_err();
    assert_eq!(e.field.as_deref(), Some("profile_rename"));
    assert_eq!(
        restarted.setup.rename_profile("gone", "x").unwrap_err().code,
        ErrorCode::NotFound
    );
    let left = restarted.setup.delete_profile(&second.profile.id).await.unwrap();
    assert_eq!(left.len(), 1);
}
