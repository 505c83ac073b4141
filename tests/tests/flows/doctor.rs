//! The connection doctor against the demo tenant: a fresh demo profile has nothing wrong; an app
//! broken the way an admin would break it in the portal (through the demo tenant's Graph) is
//! named finding by finding; the secret is never in what the doctor says.

use mailbox_connect_e2e::graph_session::{doctor_check, doctor_fix};
use mailbox_connect_e2e::harness::demo_begun;
use std::time::Duration;

use clap::Parser;
use mailbox_connect::cli::{execute, Cli};
use mailbox_connect_core::doctor::FindingCode;
use mailbox_connect_core::microsoft::oauth::ResponseMode;
use mailbox_connect_core::secrets::SecretStore;
use mailbox_connect_core::Services;
use mailbox_connect_e2e::graph_session::{graph, remove_loopback_and_user_read, sign_in, ADMIN};
use mailbox_connect_e2e::harness::{as_admin, demo_env, services_with};
use mailbox_connect_e2e::scripted_browser::{Decision, ScriptedBrowser};
use mailbox_connect_sandbox::fixtures as f;
use mailbox_connect_sandbox::Sandbox;
use serde_json::json;

async fn codes(core: &Services) -> Vec<FindingCode> {
    let checkup = doctor_check(core).await;
    let said = serde_json::to_string(&checkup).unwrap();
    assert!(
        !said.contains(f::SECRET_VALUE) && !said.contains(&f::SECRET_VALUE[3..]),
        "{said}"
    );
    checkup.findings.iter().map(|x| x.code).collect()
}

#[tokio::test]
async fn a_fresh_demo_profile_is_healthy_and_a_broken_app_is_named() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let core = demo_begun(&sb, dir.path()).await;
    assert_eq!(codes(&core).await, [], "nothing wrong with a fresh demo profile");

    // An admin removes the loopback redirect URI and User.Read in the portal.
    remove_loopback_and_user_read(&sb).await;
    let token = sign_in(&sb, ADMIN).await;
    let path = format!("applications(appId='{}')", f::CLIENT_ID);

    assert_eq!(
        codes(&core).await,
        [FindingCode::RedirectUriMissing, FindingCode::PermissionMissing]
    );

    // `mailbox-connect doctor --fix`: both fixed in one change that keeps the rest, checked again.
    let args = ["mailbox-connect", "doctor", "--fix", "--email", ADMIN];
    let mut out = Vec::new();
    let code = execute(Cli::try_parse_from(args).unwrap().command, &core, None, &mut out).await;
    let text = String::from_utf8(out).unwrap();
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("2 problems found, 2 fixed."), "{text}");
    assert!(
        text.contains("[fixed]: The app does not list the redirect URI http://localhost/callback"),
        "{text}"
    );
    assert_eq!(codes(&core).await, [], "healthy again");
    let (_, fixed) = graph(&sb, &token, "GET", &path, None, false).await;
    assert_eq!(
        fixed["web"]["redirectUris"].as_array().unwrap().len(),
        2,
        "the Hosted callback kept: {fixed}"
    );
    let connected = core
        .sign_in
        .connect(Some(ADMIN.into()), &core.jobs.start(|_| {}))
        .await
        .unwrap();
    assert!(
        connected.check.ok && connected.scopes.granted.iter().any(|s| s == "User.Read"),
        "{connected:?}"
    );
}

/// `mailbox-connect doctor --demo --json`: one JSON document, exit 0 when healthy, 3 when not.
async fn doctor_json(core: &Services, sb: &Sandbox) -> (i32, serde_json::Value) {
    let args = ["mailbox-connect", "doctor", "--demo", "--json", "--email", ADMIN];
    let cli = Cli::try_parse_from(args).unwrap();
    let mut out = Vec::new();
    let code = execute(cli.command, core, Some(demo_env(sb)), &mut out).await;
    let text = String::from_utf8(out).unwrap();
    (
        code,
        serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("{e}: {text}")),
    )
}

#[tokio::test]
async fn the_command_line_doctor_exits_0_when_healthy_and_3_naming_what_is_wrong() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let core = services_with(
        dir.path(),
        ScriptedBrowser::new(Decision::Accept),
        ResponseMode::FormPost,
        Duration::from_secs(20),
        SecretStore::memory(),
    );
    let (code, doc) = doctor_json(&core, &sb).await;
    assert_eq!((code, doc["findings"].clone()), (0, json!([])), "{doc}");
    assert_eq!(doc["summary"]["text"], "No problems found.");

    // Sign-in for users is switched off for the app in the portal.
    let token = sign_in(&sb, ADMIN).await;
    let sp = format!("servicePrincipals(appId='{}')", f::CLIENT_ID);
    let (status, answer) = graph(&sb, &token, "PATCH", &sp, Some(json!({"accountEnabled": false})), false).await;
    assert_eq!(status, 204, "{answer}");
    let (code, doc) = doctor_json(&core, &sb).await;
    assert_eq!(code, 3, "{doc}");
    let f = &doc["findings"][0];
    assert_eq!(
        (f["code"].as_str(), f["severity"].as_str(), f["where"].as_str()),
        (Some("service_principal_disabled"), Some("error"), Some("azure"))
    );
    assert!(
        f["fix"].as_str().unwrap().contains("Enabled for users to sign in"),
        "{f}"
    );
    assert_eq!(doc["summary"]["remaining"], 1);
}

#[tokio::test]
async fn a_secret_replaced_in_azure_is_told_apart_by_microsoft_and_by_graph() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let core = demo_begun(&sb, dir.path()).await;
    // An admin deletes the secret the app uses in the portal (a new one was made elsewhere).
    let token = sign_in(&sb, ADMIN).await;
    let path = format!("applications(appId='{}')", f::CLIENT_ID);
    let (status, answer) = graph(
        &sb,
        &token,
        "POST",
        &format!("{path}/removePassword"),
        Some(json!({"keyId": f::SECRET_ID})),
        false,
    )
    .await;
    assert_eq!(status, 204, "{answer}");
    assert_eq!(codes(&core).await, [FindingCode::SecretNotInApp]);
    // The fix replaces the secret; then nothing is left and a mailbox connects and passes.
    let fixed = doctor_fix(&core, None).await;
    assert!(fixed.findings.iter().all(|x| x.fixed), "{fixed:?}");
    assert_eq!(codes(&core).await, []);
    assert!(connects(&core).await);
}

/// A mailbox connects and its test passes.
async fn connects(core: &Services) -> bool {
    let r = core.sign_in.connect(Some(ADMIN.into()), &core.jobs.start(|_| {})).await;
    r.is_ok_and(|r| r.check.ok)
}

#[tokio::test]
async fn an_app_deleted_in_azure_is_said_once() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let core = demo_begun(&sb, dir.path()).await;
    let token = sign_in(&sb, ADMIN).await;
    let path = format!("applications(appId='{}')", f::CLIENT_ID);
    let (status, _) = graph(&sb, &token, "DELETE", &path, None, false).await;
    assert_eq!(status, 204);
    assert_eq!(
        codes(&core).await,
        [FindingCode::AppMissing],
        "Microsoft and Graph agree, said once"
    );
    // Its fix is a new app: "Create it for me" makes one (and points Nylas at it).
    core.azure_app
        .create(as_admin(ADMIN, true), &core.jobs.start(|_| {}))
        .await
        .unwrap();
    assert_eq!(codes(&core).await, []);
    assert!(connects(&core).await);
}
