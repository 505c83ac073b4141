//! The real Secret Service (gnome-keyring under dbus-run-session): secrets round-trip through the
//! OS keychain, and a missing Secret Service fails fast with a specific message.

use mailbox_connect_core::secrets::{SecretKind, SecretStore};
use mailbox_connect_core::{ErrorCode, Sensitive};

fn service() -> String {
    format!("mailbox-connect-test-{}", std::process::id())
}

#[tokio::test]
#[ignore = "needs a Secret Service (gnome-keyring in a D-Bus session): run through `make test`"]
async fn secrets_round_trip_through_the_os_keychain() {
    let store = SecretStore::keychain(service());
    let value = Sensitive::from("Kc9Q~keychain.round.trip.value-0123456789");
    store
        .put("profile-a", SecretKind::AzureClientSecret, &value)
        .await
        .unwrap();
    assert_eq!(
        store.get("profile-a", SecretKind::AzureClientSecret).await.unwrap(),
        Some(value)
    );
    assert_eq!(store.get("profile-a", SecretKind::NylasApiKey).await.unwrap(), None);
    assert_eq!(
        store.get("profile-b", SecretKind::AzureClientSecret).await.unwrap(),
        None
    );
    store.delete("profile-a", SecretKind::AzureClientSecret).await.unwrap();
    assert_eq!(
        store.get("profile-a", SecretKind::AzureClientSecret).await.unwrap(),
        None
    );
}

#[tokio::test]
async fn no_secret_service_gives_a_clear_message_quickly() {
    // A session bus address where nothing listens: like a desktop without a keyring.
    let dir = tempfile::tempdir().unwrap();
    let bus = format!("unix:path={}/no-bus", dir.path().display());
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "keychain::child_keychain_probe", "--ignored", "--nocapture"])
        .env("DBUS_SESSION_BUS_ADDRESS", bus)
        .env("MC_KEYCHAIN_PROBE", "1")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("PROBE code=Keychain"), "{text}");
    assert!(
        text.contains("not available") || text.contains("did not answer"),
        "{text}"
    );
}

/// Runs in a child process with a broken session bus (see above).
#[tokio::test]
#[ignore = "helper for no_secret_service_gives_a_clear_message_quickly"]
async fn child_keychain_probe() {
    if std::env::var_os("MC_KEYCHAIN_PROBE").is_none() {
        return;
    }
    let started = std::time::Instant::now();
    let err = SecretStore::keychain(service())
        .put("p", SecretKind::NylasApiKey, &Sensitive::from("x"))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Keychain);
    assert!(started.elapsed().as_secs() < 6);
    println!(
        "PROBE code={:?} message={} fix={} detail={:?}",
        err.code,
        err.message,
        err.fix.unwrap_or_default(),
        err.detail
    );
}

#[test]
#[ignore = "needs gnome-keyring and dbus-run-session: run through `make test`"]
fn a_locked_keychain_gives_a_clear_message_quickly() {
    // A private session bus with gnome-keyring whose login collection is then locked: writing a
    // secret would need an unlock prompt nobody can answer.
    let script = r#"
        echo "" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
        printf 'x' | secret-tool store --label=probe probe probe >/dev/null 2>&1
        gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets \
          --method org.freedesktop.Secret.Service.Lock "['/org/freedesktop/secrets/collection/login']" >/dev/null
        exec "$0" --exact keychain::child_keychain_probe --ignored --nocapture
    "#;
    let started = std::time::Instant::now();
    let out = std::process::Command::new("dbus-run-session")
        .args([
            "--",
            "bash",
            "-c",
            script,
            &std::env::current_exe().unwrap().display().to_string(),
        ])
        .env("MC_KEYCHAIN_PROBE", "1")
        .env_remove("DISPLAY")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("PROBE code=Keychain"), "{text}");
    assert!(text.contains("locked") || text.contains("did not answer"), "{text}");
    assert!(started.elapsed().as_secs() < 15);
}
