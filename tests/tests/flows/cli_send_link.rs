//! `mailbox-connect send-link` as the real binary: it prints a link for the mailbox's owner,
//! the owner's own browser opens it, and the command sees Nylas renew the grant, tests it and
//! exits 0. A missing or malformed address is a usage error (exit 2).

use std::process::Command;

use mailbox_connect_core::browser::BrowserOpener;
use mailbox_connect_e2e::binary::{answer_sign_in, finish, read_until, run_against};
use mailbox_connect_e2e::graph_session::{point_connector_elsewhere, put_connector_back};
use mailbox_connect_e2e::scripted_browser::{Decision, ScriptedBrowser};
use mailbox_connect_e2e::window::app_binary;
use mailbox_connect_sandbox::{fixtures as f, Sandbox};

#[tokio::test]
#[ignore = "needs the built app binary and a Secret Service: run through `make test`"]
async fn send_link_prints_the_owners_link_and_waits_for_their_sign_in() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let urls = home.join("opened-urls.txt");
    let owner = f::USERS[1].email;

    let (child, rx) = run_against(&sb, &home, &urls, &["connect", "--demo", "--email", owner]);
    answer_sign_in(&urls).await;
    let (code, out) = finish(child, &rx).await;
    assert_eq!(code, 0, "{out}");
    // Nylas gives up on the grant while its connector points at another app; then it is put back.
    point_connector_elsewhere(&sb).await;
    let (child, rx) = run_against(&sb, &home, &urls, &["check-grant", owner]);
    assert_eq!(finish(child, &rx).await.0, 2);
    put_connector_back(&sb).await;

    let (child, rx) = run_against(&sb, &home, &urls, &["send-link", "--email", owner]);
    let lines = read_until(&rx, "/v3/connect/auth?").await;
    let link = lines.last().unwrap().trim().to_string();
    assert!(
        lines.iter().any(|l| l.contains(&format!("Send this link to {owner}"))),
        "{lines:?}"
    );
    assert!(
        !std::fs::read_to_string(&urls)
            .unwrap_or_default()
            .contains("connect/auth"),
        "not opened here"
    );
    let browser = ScriptedBrowser::new(Decision::Accept);
    browser.open(&link).unwrap();
    let (code, out) = finish(child, &rx).await;
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(&format!("Signed in again: {owner}")) && out.contains("Test: passed."),
        "{out}"
    );

    let bad = Command::new(app_binary())
        .args(["send-link", "--email", "not-an-address"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2), "{}", String::from_utf8_lossy(&bad.stderr));
    let none = Command::new(app_binary()).arg("send-link").output().unwrap();
    assert_eq!(none.status.code(), Some(2));
}
