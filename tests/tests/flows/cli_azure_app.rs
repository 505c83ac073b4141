//! `mailbox-connect azure-app create --demo` as the real binary: the administrator's sign-in is
//! answered by the scripted browser on the link the binary asked $BROWSER to open; the command
//! prints its progress and the new client ID, and exits 0. Killed (SIGKILL) part-way through
//! against a demo tenant that outlives it, a second run finishes the same app.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use mailbox_connect_core::browser::BrowserOpener;
use mailbox_connect_e2e::binary::{answer_sign_in, read_until, run_against};
use mailbox_connect_e2e::graph_session::{created_apps, ADMIN};
use mailbox_connect_e2e::scripted_browser::{Decision, ScriptedBrowser};
use mailbox_connect_e2e::window::app_binary;
use mailbox_connect_sandbox::Sandbox;

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

/// `azure-app create --demo` for `home`, against the demo tenant `sb` (which outlives it).
fn create_against(sb: &Sandbox, home: &Path, urls: &Path) -> (std::process::Child, std::sync::mpsc::Receiver<String>) {
    run_against(sb, home, urls, &["azure-app", "create", "--demo", "--email", ADMIN])
}

#[tokio::test]
#[ignore = "needs the built app binary and a Secret Service: run through `make test`"]
async fn killed_during_creation_the_next_run_finishes_the_same_app() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    // Long enough to be killed while Microsoft publishes the new app.
    sb.state.lock().graph.replication = Duration::from_secs(20);
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let urls = tmp.path().join("opened-urls.txt");

    let (mut child, rx) = create_against(&sb, &home, &urls);
    answer_sign_in(&urls).await;
    read_until(&rx, "saved in the keychain").await;
    read_until(&rx, "publishing the new app").await;
    child.kill().unwrap(); // SIGKILL: no clean-up of any kind
    child.wait().unwrap();
    let apps = created_apps(&sb).await;
    assert_eq!(apps.len(), 1, "{apps:?}");
    let app_id = apps[0]["appId"].as_str().unwrap().to_string();
    let key_id = apps[0]["passwordCredentials"][0]["keyId"].clone();
    assert!(key_id.is_string(), "{apps:?}");

    sb.state.lock().graph.replication = Duration::ZERO;
    let (mut child, rx) = create_against(&sb, &home, &urls);
    answer_sign_in(&urls).await;
    let lines = read_until(&rx, "Client ID: ").await;
    assert!(child.wait().unwrap().success(), "{lines:?}");
    assert!(lines.iter().any(|l| l == &format!("Client ID: {app_id}")), "{lines:?}");
    let apps = created_apps(&sb).await;
    assert_eq!(apps.len(), 1, "a second app was made: {apps:?}");
    let secrets = apps[0]["passwordCredentials"].as_array().unwrap();
    assert_eq!(secrets.len(), 1, "{secrets:?}");

    // The secret the first run kept in the keychain is still the app's only one, and the second
    // run signed in with it ("ready" comes after Microsoft accepted the client credentials).
    assert_eq!(secrets[0]["keyId"], key_id, "{secrets:?}");
    assert!(lines.iter().any(|l| l.contains("The app is ready")), "{lines:?}");
}
