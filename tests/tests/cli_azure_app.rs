//! `mailbox-connect azure-app create --demo` as the real binary: the administrator's sign-in is
//! answered by the scripted browser on the link the binary asked $BROWSER to open; the command
//! prints its progress and the new client ID, and exits 0.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use mailbox_connect_core::browser::BrowserOpener;
use mailbox_connect_e2e::graph_session::ADMIN;
use mailbox_connect_e2e::scripted_browser::{Decision, ScriptedBrowser};
use mailbox_connect_e2e::window::app_binary;

#[tokio::test]
#[ignore = "needs the built app binary: run through `make test`"]
async fn azure_app_create_demo_prints_the_client_id() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let urls = tmp.path().join("opened-urls.txt");
    let recorder = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/record-url.sh");
    let child = Command::new(app_binary())
        .args(["azure-app", "create", "--demo", "--target", "v3", "--email", ADMIN])
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("BROWSER", &recorder)
        .env("MC_E2E_URL_FILE", &urls)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();

    // The binary asked the system browser to open Microsoft's sign-in: answer it as a browser.
    let started = Instant::now();
    let url = loop {
        if let Some(u) = std::fs::read_to_string(&urls)
            .ok()
            .and_then(|t| t.lines().next().map(str::to_string))
        {
            break u;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "no browser was opened");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(url.contains("client_id=14d82eec-204b-4c2f-b7e8-296a70dab67e"), "{url}");
    assert!(
        url.contains("code_challenge_method=S256") && url.contains("redirect_uri=http%3A%2F%2Flocalhost%3A"),
        "{url}"
    );
    let browser = ScriptedBrowser::new(Decision::Accept);
    browser.open(&url).unwrap();

    let out = tokio::task::spawn_blocking(move || child.wait_with_output())
        .await
        .unwrap()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let client_id = stdout
        .lines()
        .find_map(|l| l.strip_prefix("Client ID: "))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(uuid_like(client_id), "{stdout}");
    for line in [
        "signed in to Microsoft Graph",
        "is registered for Nylas",
        "saved in the keychain",
        "The app is ready",
    ] {
        assert!(stdout.contains(line), "{line} missing from {stdout}");
    }
    assert!(
        browser.final_page().await.contains("Signed in"),
        "{}",
        browser.last_page()
    );
}

fn uuid_like(s: &str) -> bool {
    let groups: Vec<usize> = s.split('-').map(str::len).collect();
    groups == [8, 4, 4, 4, 12] && s.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}
