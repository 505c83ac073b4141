//! `mailbox-connect update` against an update server on loopback (#21 items 4 and 5), with a key
//! pair made for the test: a newer signed version is found and its download verified; a failed
//! download, a wrong signature, a wrong public key, a download signed for another version, a lower
//! version and an unreachable server are each refused or reported, and the binary is left as it was. The
//! install itself stops at the verified download: the binary under test was not installed from
//! a package, so it refuses to replace itself (the README says so).

use std::path::Path;
use std::process::Command;

use mailbox_connect_e2e::update_server::{Download, Release, UpdateKey, UpdateServer};
use mailbox_connect_e2e::window::app_binary;

const PACKAGE: &[u8] = b"!<arch>\ndebian-binary   mailbox-connect 9.9.9 test package";

/// Runs `mailbox-connect update [--check]` with this endpoint and public key: exit code, output.
async fn update(home: &Path, endpoint: &str, public: &str, check: bool) -> (i32, String) {
    let mut command = Command::new(app_binary());
    command
        .arg("update")
        .args(check.then_some("--check"))
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("MAILBOX_CONNECT_UPDATE_ENDPOINT", endpoint)
        .env("MAILBOX_CONNECT_UPDATE_PUBKEY", public);
    let out = tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built app binary and a display (Xvfb): run through `make test`"]
async fn update_finds_a_newer_signed_version_and_refuses_every_tampered_one() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let ours = UpdateKey::generate(dir.path(), "ours");
    let theirs = UpdateKey::generate(dir.path(), "theirs");
    let binary = std::fs::read(app_binary()).unwrap();
    let good = Release {
        version: "9.9.9".into(),
        notes: "Portal labels follow the Entra admin center's new names.".into(),
        package: PACKAGE.to_vec(),
        signature: ours.sign(PACKAGE, "9.9.9"),
        download: Download::AtOnce,
    };
    let server = UpdateServer::start(good.clone()).await;

    // Found: --check says so with its notes and exits 3; nothing is downloaded.
    let (code, out) = update(&home, &server.endpoint, &ours.public, true).await;
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("Version 9.9.9 is available (this is 0.1.0)."), "{out}");
    assert!(out.contains("Portal labels follow"), "{out}");
    assert_eq!(server.downloads(), 0);

    // Installed as far as this machine allows: downloaded, verified, then refused because this
    // binary was not installed from a package.
    let (code, out) = update(&home, &server.endpoint, &ours.public, false).await;
    assert!(out.contains("Signature verified"), "{out}");
    assert!(out.contains("was not installed from a package"), "{out}");
    assert_eq!(code, 1, "{out}");

    // The download fails: said, nothing installed.
    server.serve(Release {
        download: Download::Fails,
        ..good.clone()
    });
    let (code, out) = update(&home, &server.endpoint, &ours.public, false).await;
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("The update's download failed."), "{out}");
    assert!(
        out.contains("This version keeps working; nothing was installed."),
        "{out}"
    );

    // A signature of other bytes: refused.
    server.serve(Release {
        signature: ours.sign(b"something else", "9.9.9"),
        ..good.clone()
    });
    let (code, out) = update(&home, &server.endpoint, &ours.public, false).await;
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("The update was refused: its signature does not match"),
        "{out}"
    );
    assert!(!out.contains("Signature verified"), "{out}");

    // Signed with a key that is not the app's: refused.
    server.serve(Release {
        signature: theirs.sign(PACKAGE, "9.9.9"),
        ..good.clone()
    });
    let (code, out) = update(&home, &server.endpoint, &ours.public, false).await;
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("its signature does not match"), "{out}");

    // An older release's genuine package announced as 9.9.9: refused.
    server.serve(Release {
        signature: ours.sign(PACKAGE, "9.9.8"),
        ..good.clone()
    });
    let (code, out) = update(&home, &server.endpoint, &ours.public, false).await;
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("announced version 9.9.9, but the download is signed as version 9.9.8"),
        "{out}"
    );

    // A lower version is not an update.
    server.serve(Release {
        version: "0.0.9".into(),
        signature: ours.sign(PACKAGE, "0.0.9"),
        ..good.clone()
    });
    let (code, out) = update(&home, &server.endpoint, &ours.public, true).await;
    assert_eq!((code, out.trim()), (0, "Mailbox Connect 0.1.0 is the latest version."));

    // Nobody answers: said, exit 1.
    let (code, out) = update(&home, "http://127.0.0.1:9/latest.json", &ours.public, true).await;
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("The update server could not be reached"), "{out}");

    // A mirror address that is not one.
    let (code, out) = update(&home, "updates.example.com", &ours.public, true).await;
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("MAILBOX_CONNECT_UPDATE_ENDPOINT is not a web address"),
        "{out}"
    );

    assert_eq!(std::fs::read(app_binary()).unwrap(), binary, "the binary is unchanged");
}
