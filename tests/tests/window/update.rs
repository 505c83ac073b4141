//! A new version in the real window (#21 items 3 and 5): the banner appears by itself a few
//! seconds after the first screen, with the version and its notes; a tampered download is refused
//! and the app keeps working; "Later" hides the banner and About's "Check for updates" finds it
//! again; the download shows its progress and can be cancelled; no update starts while a sign-in
//! is under way; the setting that turns the daily look off survives a restart. The install stops
//! at the verified download (this build was not installed from a package), as the README says.

use mailbox_connect_e2e::update_server::{Download, Release, UpdateKey, UpdateServer};
use mailbox_connect_e2e::window::{Desktop, Screen, CONSENT, WELCOME};

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn a_new_version_is_offered_verified_and_never_installed_tampered() {
    let dir = tempfile::tempdir().unwrap();
    let ours = UpdateKey::generate(dir.path(), "ours");
    let theirs = UpdateKey::generate(dir.path(), "theirs");
    // A megabyte, handed out slowly enough to watch its progress.
    let mut package = b"!<arch>\ndebian-binary   9.9.9\n".to_vec();
    package.resize(1024 * 1024, b'.');
    let good = Release {
        version: "9.9.9".into(),
        notes: "The checklist follows the Entra admin center's new labels.".into(),
        package: package.clone(),
        signature: ours.sign(&package, "9.9.9"),
        download: Download::Slowly,
    };
    // First the server hands out a package signed with somebody else's key.
    let server = UpdateServer::start(Release {
        signature: theirs.sign(&package, "9.9.9"),
        ..good.clone()
    })
    .await;
    let mut d = Desktop::start_with(&[
        ("MAILBOX_CONNECT_UPDATE_ENDPOINT", server.endpoint.clone()),
        ("MAILBOX_CONNECT_UPDATE_PUBKEY", ours.public.clone()),
    ])
    .await;
    let app = d.app.clone();
    app.wait_for(WELCOME).await;
    let banner = app.text_until("update-banner", |t| t.contains("9.9.9")).await;
    assert!(
        banner.contains("Version 9.9.9 of Mailbox Connect is available (you have 0.1.0)."),
        "{banner}"
    );
    app.review("update-offered").await;

    app.click("update-install").await;
    let refused = app.text_until("update-error", |t| !t.is_empty()).await;
    assert!(refused.contains("its signature does not match"), "{refused}");
    assert!(refused.contains("This version keeps working"), "{refused}");
    app.review("update-refused").await;
    // The app goes on as before.
    app.click("open-about").await;
    app.wait_for(Screen::About).await;

    // "Later" hides it; About's "Check for updates" finds the genuine package.
    server.serve(good.clone());
    app.click("update-later").await;
    assert!(app.absent("update-banner").await);
    app.click("check-updates").await;
    assert_eq!(
        app.text_until("update-status", |t| !t.is_empty()).await,
        "Version 9.9.9 is available: see the banner above."
    );
    // A download that stalls can be stopped: back to the offer, nothing said as failed.
    server.serve(Release {
        download: Download::Stalls,
        ..good.clone()
    });
    app.click("update-install").await;
    app.text_until("update-progress", |t| t.contains("Downloading version 9.9.9: "))
        .await;
    app.click("update-cancel").await;
    app.element("update-install").await;
    assert!(app.absent("update-error").await);
    server.serve(good.clone());
    app.click("update-install").await;
    let progress = app
        .text_until("update-progress", |t| t.contains("Downloading version 9.9.9: "))
        .await;
    assert!(progress.ends_with('%'), "{progress}");
    let stopped = app.text_until("update-error", |t| !t.is_empty()).await;
    assert!(
        stopped.contains("Version 9.9.9 was downloaded and its signature verified, but this copy of Mailbox Connect was not installed from a package"),
        "{stopped}"
    );
    assert_eq!(server.downloads(), 3);

    // No update while a sign-in is under way.
    app.click("about-back").await;
    app.wait_for(WELCOME).await;
    d.demo_to_sign_in().await;
    app.click("start-consent").await;
    app.element("cancel-consent").await;
    let install = app.element("update-install").await;
    assert!(
        !install.is_enabled().await.unwrap(),
        "Install waits while the sign-in runs"
    );
    assert!(app
        .text("update-banner")
        .await
        .contains("waits until the work under way has finished"));
    app.click("cancel-consent").await;
    app.wait_for(CONSENT).await;

    // The daily look turned off stays off after a restart.
    app.click("open-about").await;
    app.click("automatic-updates").await;
    until_unchecked(&app).await;
    d.kill_and_relaunch().await;
    let app = d.app.clone();
    app.click("open-about").await;
    app.wait_for(Screen::About).await;
    until_unchecked(&app).await;
    d.close().await;
}

async fn until_unchecked(app: &mailbox_connect_e2e::window::Page) {
    mailbox_connect_e2e::window::until("the daily look to be off", || async {
        let on = app
            .execute("return document.getElementById('automatic-updates')?.checked", vec![])
            .await
            .ok()?;
        (on == serde_json::json!(false)).then_some(())
    })
    .await;
}
