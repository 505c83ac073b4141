//! `--profile` and `--demo` on the read-only commands (#22 item 12), as the real binary: the
//! app's active profile is a new organization with no Nylas key; `grants --profile demo` and
//! `check-grants --demo` use the demo profile for that command only, and the next plain command
//! still uses the organization's. An unknown profile is a usage error naming the known ones.

use std::time::Duration;

use mailbox_connect_core::microsoft::oauth::ResponseMode;
use mailbox_connect_core::secrets::SecretStore;
use mailbox_connect_core::services::APP_IDENTIFIER;
use mailbox_connect_core::Services;
use mailbox_connect_e2e::binary::{answer_sign_in, finish, run_against};
use mailbox_connect_e2e::harness::config;
use mailbox_connect_e2e::scripted_browser::{Decision, ScriptedBrowser};
use mailbox_connect_sandbox::{fixtures as f, Sandbox};

#[tokio::test]
#[ignore = "needs the built app binary and a Secret Service: run through `make test`"]
async fn profile_and_demo_choose_a_profile_for_one_command() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let urls = home.join("opened-urls.txt");
    let run = |args: &'static [&'static str]| {
        let (child, rx) = run_against(&sb, &home, &urls, args);
        async move { finish(child, &rx).await }
    };

    let (child, rx) = run_against(&sb, &home, &urls, &["connect", "--demo", "--email", f::USERS[0].email]);
    answer_sign_in(&urls).await;
    assert_eq!(finish(child, &rx).await.0, 0);
    // The app then gets a second profile, which becomes the active one.
    let dir = home.join(".config").join(APP_IDENTIFIER);
    let cfg = config(
        &dir,
        ScriptedBrowser::new(Decision::Accept),
        ResponseMode::FormPost,
        Duration::from_secs(5),
        SecretStore::memory(),
    );
    Services::new(cfg).unwrap().setup.new_profile("Fabrikam").unwrap();

    let (code, out) = run(&["grants"]).await;
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("no Nylas API key"), "{out}");
    let (code, out) = run(&["grants", "--profile", "demo", "--json"]).await;
    assert_eq!(code, 0, "{out}");
    let grants: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(grants.as_array().unwrap().len(), 1, "{out}");
    let (code, out) = run(&["check-grants", "--demo"]).await;
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("# 1 of 1 grants passed"), "{out}");
    // Still the organization's profile for the next plain command.
    assert_eq!(run(&["grants"]).await.0, 1);
    assert_eq!(run(&["--profile", "nosuch", "grants"]).await.0, 2);
}
