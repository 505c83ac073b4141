//! The built-in demo keeps its tenant across restarts (#22 item 4): what a demo did is still
//! there when the app (or a command) starts again, on other ports.

use mailbox_connect_core::secrets::SecretStore;
use mailbox_connect_e2e::binary::{answer_sign_in, finish, run_with};
use mailbox_connect_e2e::graph_session::ADMIN;
use mailbox_connect_e2e::harness::{demo_begun, demo_env, graph_demo_services};
use mailbox_connect_sandbox::{fixtures as f, Sandbox};

#[tokio::test]
async fn a_kept_tenant_has_its_mailboxes_after_a_restart_on_other_ports() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo-tenant.json");
    let secrets = SecretStore::memory();
    let first = Sandbox::start_kept("127.0.0.1", &file).await.unwrap();
    let core = demo_begun(&first, dir.path()).await;
    let grant = core
        .sign_in
        .connect(Some(ADMIN.into()), &core.jobs.start(|_| {}))
        .await
        .unwrap()
        .grant
        .id;
    let old_url = first.nylas_url.clone();
    // What is kept holds no secret: client secrets only as digests, as Entra keeps them.
    let kept = std::fs::read_to_string(&file).unwrap();
    for secret in [f::SECRET_VALUE, f::NYLAS_API_KEY] {
        assert!(!kept.contains(secret), "{secret} kept in the file");
    }
    drop((core, first));

    let again = Sandbox::start_kept("127.0.0.1", &file).await.unwrap();
    assert_ne!(again.nylas_url, old_url);
    assert!(again.state.lock().grants.iter().any(|g| g.id == grant));
    let core = graph_demo_services(&again, dir.path(), secrets).await;
    core.setup.begin(Some(demo_env(&again))).await.unwrap();
    let tested = core.tools.check_grant(&grant).await.unwrap();
    assert!(tested.check.ok, "{:?}", tested.check);
    // Hosted auth's callback in the demo app follows the tenant to its new address.
    let app = again
        .state
        .lock()
        .graph
        .apps
        .iter()
        .find(|a| a.app_id() == f::CLIENT_ID)
        .unwrap()
        .to_json();
    assert!(
        app.to_string()
            .contains(&format!("{}/v3/connect/callback", again.nylas_url)),
        "{app}"
    );
}

#[tokio::test]
#[ignore = "needs the built app binary and a Secret Service: run through `make test`"]
async fn the_commands_built_in_demo_remembers_what_the_last_one_did() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let urls = home.join("opened-urls.txt");
    let (child, rx) = run_with(None, &home, &urls, &["connect", "--demo", "--email", f::USERS[0].email]);
    answer_sign_in(&urls).await;
    assert_eq!(finish(child, &rx).await.0, 0);
    let (child, rx) = run_with(None, &home, &urls, &["check-grants"]);
    let (code, out) = finish(child, &rx).await;
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("# 1 of 1 grants passed"), "{out}");
    let (child, rx) = run_with(None, &home, &urls, &["grants"]);
    let (_, out) = finish(child, &rx).await;
    assert!(out.contains(f::USERS[0].email), "{out}");
}

#[tokio::test]
#[ignore = "needs the built app binary and a Secret Service: run through `make test`"]
async fn an_app_created_in_the_built_in_demo_is_the_one_shown_next() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let urls = home.join("opened-urls.txt");
    let (child, rx) = run_with(None, &home, &urls, &["azure-app", "create", "--demo", "--email", ADMIN]);
    answer_sign_in(&urls).await;
    let (code, out) = finish(child, &rx).await;
    assert_eq!(code, 0, "{out}");
    let created = out
        .lines()
        .find_map(|l| l.strip_prefix("Client ID: "))
        .unwrap()
        .to_string();
    assert_ne!(created, f::CLIENT_ID);
    let (child, rx) = run_with(None, &home, &urls, &["azure-app", "show", "--email", ADMIN]);
    answer_sign_in(&urls).await;
    let (code, out) = finish(child, &rx).await;
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(&format!("Client ID: {created}")), "{out}");
}
