//! The About screen (#21 item 4): this build's version and commit, the licence, the settings and
//! log folders shown in the file manager, and the two sites opened in the system browser.

use mailbox_connect_e2e::window::file_manager::FileManager;
use mailbox_connect_e2e::window::{Desktop, Screen, WELCOME};

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn about_says_what_this_build_is_and_where_it_keeps_things() {
    let files = FileManager::start().await;
    let mut d = Desktop::start().await;
    let app = d.app.clone();
    app.wait_for(WELCOME).await;
    app.click("open-about").await;
    app.wait_for(Screen::About).await;
    let version = app.text_until("about-version", |t| t.contains("commit")).await;
    assert!(version.contains(env!("CARGO_PKG_VERSION")), "{version}");
    let commit = version.rsplit(' ').next().unwrap();
    assert!(
        commit == "unknown" || (commit.len() == 12 && commit.chars().all(|c| c.is_ascii_hexdigit())),
        "{version}"
    );
    assert_eq!(
        app.text("about-licence").await,
        "MIT licence. © 2026 Mailbox Connect contributors."
    );
    let settings = app.text("settings-folder").await;
    assert_eq!(
        settings,
        d.home.join(".config/com.mailboxconnect.app").display().to_string()
    );
    let logs = app.text("log-folder").await;
    assert_eq!(
        logs,
        d.home
            .join(".local/share/com.mailboxconnect.app/logs")
            .display()
            .to_string()
    );
    app.review("about").await;

    app.click("show-settings-folder").await;
    app.click("show-log-folder").await;
    let shown = mailbox_connect_e2e::window::until("the file manager to show both folders", || async {
        let shown = files.shown();
        (shown.len() == 2).then_some(shown)
    })
    .await;
    assert_eq!(shown, [format!("file://{settings}"), format!("file://{logs}")]);

    app.click("open-entra").await;
    assert_eq!(d.next_opened_url().await, "https://entra.microsoft.com/");
    app.click("open-nylas").await;
    assert_eq!(d.next_opened_url().await, "https://dashboard-v3.nylas.com/");
    app.click("about-back").await;
    app.wait_for(WELCOME).await;
    d.close().await;
}
