//! #20's "done when" in the real window: on a demo tenant of 600 people, the administrator
//! signs in once, sees the directory with connected and not-connected people, selects the
//! not-connected ones and connects them with the progress bar moving (paused and resumed, then
//! the app killed part-way and the run resumed after the restart), and the table then shows
//! them connected; the table is saved as CSV through the Save dialog.

use mailbox_connect_e2e::window::{save_dialog, until, Desktop, Screen};
use mailbox_connect_sandbox::Sandbox;
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn the_administrator_connects_everyone_not_connected_from_the_directory() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    sb.state.directory_of(600);
    let with_mail = sb.state.lock().directory.iter().filter(|p| p.mail.is_some()).count();
    let mut d = Desktop::on_tenant(&sb).await;
    let app = d.app.clone();
    d.demo_connected().await;

    app.click("tab-admin").await;
    app.wait_for(Screen::Admin).await;
    assert!(app.text("why-read-users").await.contains("User.Read.All"));
    app.review("organization-before").await;
    // The one sign-in: the directory, and the organization's approval with it.
    app.click("read-directory").await;
    assert_eq!(d.browser_presses("accept").await, "ok");
    let counts = app
        .text_until("directory-counts", |t| t.contains("people with a mailbox"))
        .await;
    assert!(
        counts.starts_with(&format!(
            "{with_mail} people with a mailbox: 1 connected, 0 not working, {} not connected",
            with_mail - 1
        )),
        "{counts}"
    );
    assert_eq!(
        app.text("page-of").await,
        format!("Page 1 of {}", with_mail.div_ceil(100))
    );
    app.review("organization-directory").await;

    app.click("filter-not_connected").await;
    app.click("select-shown").await;
    let button = app.text("connect-selected").await;
    assert_eq!(button, format!("Connect the {} selected", with_mail - 1));
    app.click("connect-selected").await;
    // The bar moves.
    let value = || async {
        let v = app
            .execute("return document.getElementById('run-progress')?.value ?? null", vec![])
            .await
            .unwrap();
        v.as_f64()
    };
    let first = until("the run to start", || async { value().await.filter(|v| *v > 0.0) }).await;
    let later = until("the bar to move", || async { value().await.filter(|v| *v > first) }).await;
    assert!(later < (with_mail - 1) as f64, "{later}");
    app.review("organization-running").await;
    // Paused part-way, then resumed.
    app.click("pause-run").await;
    until("the run to pause", || async {
        let state = app
            .execute(
                "return document.getElementById('run-panel')?.dataset.state ?? null",
                vec![],
            )
            .await
            .unwrap();
        (state == json!("paused")).then_some(())
    })
    .await;
    assert!(app.text("run-counts").await.contains("was paused"));
    app.click("resume-run").await;
    let resumed = until("the bar to move again", || async {
        value().await.filter(|v| *v > later)
    })
    .await;
    // Killed part-way: after the restart the run is offered again, and finishes the rest.
    d.kill_and_relaunch().await;
    let app = d.app.clone();
    app.click("tab-admin").await;
    app.wait_for(Screen::Admin).await;
    let left = app.text_until("run-counts", |t| t.contains("was interrupted")).await;
    assert!(
        left.starts_with(&format!("A run of {} mailboxes was interrupted", with_mail - 1)),
        "{left}"
    );
    assert!(
        sb.state.lock().grants.len() as f64 > resumed,
        "done before the kill stays done"
    );
    app.review("organization-interrupted").await;
    app.click("resume-run").await;
    let done = app.text_until("run-counts", |t| t.starts_with("Last run:")).await;
    assert_eq!(
        done,
        format!("Last run: {} connected, 0 failed, 0 left.", with_mail - 1)
    );

    // The table shows them connected: nobody is left under "Not connected".
    let counts = app
        .text_until("directory-counts", |t| t.contains(&format!("{with_mail} connected")))
        .await;
    assert!(counts.contains("0 not connected"), "{counts}");
    app.click("filter-not_connected").await;
    assert!(app.text("directory-empty").await.starts_with("Nobody here"));
    app.click("filter-all").await;
    let row = app
        .text(&format!("connection-{}", sb.state.lock().directory[5].upn))
        .await;
    assert_eq!(row, "Connected");
    app.review("organization-connected").await;
    // The table as CSV, where the administrator chooses.
    let saved = d.home.join("Documents/directory.csv");
    std::fs::create_dir_all(saved.parent().unwrap()).unwrap();
    app.click("export-directory").await;
    save_dialog::save_as("Save the directory", &saved);
    app.text_until("directory-saved", |t| t.contains("directory.csv")).await;
    let csv = std::fs::read_to_string(&saved).unwrap();
    assert_eq!(csv.lines().count(), with_mail + 1, "a header and a line each");
    assert!(
        csv.starts_with("name,email,connection,grant_id,shared_mailbox,reason"),
        "{csv}"
    );
    assert_eq!(csv.matches(",connected,").count(), with_mail);
    // Only two pages were opened in the browser: the first mailbox's sign-in and the directory's.
    let opened = std::fs::read_to_string(d.home.parent().unwrap().join("opened-urls.txt")).unwrap();
    assert_eq!(opened.lines().count(), 2, "{opened}");
    assert_eq!(sb.state.lock().grants.len(), with_mail);
}
