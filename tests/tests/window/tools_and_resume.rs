//! Drives the real app window through the admin, Exchange, migration, support and profile screens,
//! and kills the app at each wizard step to check it resumes where it was and loses nothing.

use mailbox_connect_e2e::graph_session::revoke_tenant_consent;
use mailbox_connect_e2e::window::file_manager::FileManager;
use mailbox_connect_e2e::window::{
    save_dialog, until, Desktop, Screen, CHECKLIST, CONSENT, CREDENTIALS, NYLAS, RESULT,
};
use mailbox_connect_sandbox::{fixtures, Sandbox};

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn admin_ews_migration_support_and_profiles_in_the_real_window() {
    // A demo tenant of the test's own whose administrator has revoked the app's tenant-wide
    // consent, so a colleague who is not an administrator needs an approval.
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    revoke_tenant_consent(&sb).await;
    let mut d = Desktop::on_tenant(&sb).await;
    let app = d.app.clone();

    // A non-administrator gets Microsoft's "Need admin approval" page and returns to the app
    // from it; the app offers the admin path.
    d.demo_to_sign_in().await;
    app.type_into("login-hint", "lee.gu@contoso-demo.onmicrosoft.com").await;
    app.click("start-consent").await;
    assert_eq!(d.browser_presses_in_turn(&["accept", "return"]).await, "err");
    assert!(app.text("admin-approval-offer").await.contains("administrator"));
    app.click("go-admin-consent").await;
    app.wait_for(Screen::Admin).await;
    app.click("approval-summary").await;
    app.click("start-admin-consent").await;
    assert_eq!(d.browser_presses("accept").await, "ok");
    assert!(app.text("admin-result").await.contains("approved"));
    // Everyone of the directory who is not connected, connected together.
    app.click("read-directory").await;
    assert_eq!(d.browser_presses("accept").await, "ok");
    app.text_until("directory-counts", |t| t.contains("people with a mailbox"))
        .await;
    app.click("filter-not_connected").await;
    app.click("select-shown").await;
    app.click("connect-selected").await;
    let done = app.text_until("run-counts", |t| t.starts_with("Last run:")).await;
    assert!(done.ends_with("0 failed, 0 left."), "{done}");
    app.review("6-organization").await;
    // A list with mistakes: each line says what is wrong with it, and nothing is sent for it.
    let nobody = "nobody@contoso-demo.onmicrosoft.com";
    let list = d.home.join("Documents/people.csv");
    std::fs::create_dir_all(list.parent().unwrap()).unwrap();
    std::fs::write(
        &list,
        format!("email\nlee.gu@contoso-demo.onmicrosoft.com\n{nobody}\nsomeone@fabrikam.com\nnot-an-address\n"),
    )
    .unwrap();
    app.click("import-addresses").await;
    save_dialog::open("Import mailbox addresses", &list);
    let report = app.text_until("import-report", |t| t.contains("Line 5")).await;
    for line in [
        "Line 2: Already connected",
        "Line 3: Nobody with a mailbox has this address in the directory.",
        "Line 4: fabrikam.com is not a domain of this organization.",
        "Line 5: No email address on this line.",
    ] {
        assert!(report.contains(line), "{line} missing from {report}");
    }
    let mailboxes = sb.state.lock().directory.iter().filter(|p| p.mail.is_some()).count();

    // Test every grant from the Mailboxes tab.
    app.click("tab-mailboxes").await;
    app.wait_for(Screen::Mailboxes).await;
    app.click("test-all-grants").await;
    app.text_until("grants-table", |t| t.matches("Passed").count() == mailboxes)
        .await;
    // A row's own Test answers in that row, not at the form above it.
    let first = app
        .execute(
            "return document.querySelector('#grants-table tbody tr code').textContent;",
            vec![],
        )
        .await
        .unwrap();
    let first = first.as_str().unwrap().to_string();
    app.click("load-grants").await;
    until("a fresh list without results", || async {
        app.absent(&format!("row-check-{first}")).await.then_some(())
    })
    .await;
    app.click(&format!("test-row-{first}")).await;
    app.text_until(&format!("row-check-{first}"), |t| t.starts_with("Passed"))
        .await;
    assert!(app.absent("grant-report").await, "the row's result went to the form");
    app.review("mailboxes").await;

    // Exchange on-premises.
    app.click("tab-ews").await;
    app.wait_for(Screen::Ews).await;
    app.type_into("ews-password", fixtures::EWS_USERS[0].2).await;
    app.click("connect-ews").await;
    assert!(app
        .text("ews-result")
        .await
        .contains("alex.wilber@fabrikam-onprem.example"));
    app.review("exchange-on-premises").await;

    // v2 migration audit, then re-authenticate one account in v3 with its address pre-filled.
    app.click("tab-migration").await;
    app.wait_for(Screen::Migration).await;
    app.click("run-audit").await;
    let summary = app.text("audit-summary").await;
    let accounts = format!("of {} accounts", fixtures::V2_DEMO_ACCOUNTS);
    assert!(summary.contains(&accounts), "{summary}");
    app.review("7-audit").await;
    app.click("reauth-0").await;
    app.wait_for(CONSENT).await;
    assert!(app.value("login-hint").await.ends_with("@contoso-demo.onmicrosoft.com"));

    // Ledger and diagnostics bundle, saved where the user chooses in the system's Save dialog,
    // then shown in the file manager.
    app.click("tab-support").await;
    app.wait_for(Screen::Support).await;
    let file_manager = FileManager::start().await;
    let chosen = d.home.join("Documents/onboarded.csv");
    std::fs::create_dir_all(chosen.parent().unwrap()).unwrap();
    app.click("export-ledger").await;
    save_dialog::save_as("Save the connection history", &chosen);
    assert_eq!(app.text("saved-path").await, chosen.display().to_string());
    let csv = std::fs::read_to_string(&chosen).unwrap();
    assert!(
        csv.lines().count() >= 4 && csv.contains("@contoso-demo.onmicrosoft.com"),
        "{csv}"
    );
    app.click("show-in-folder").await;
    let shown = until("the file manager to be asked", || async { file_manager.shown().pop() }).await;
    assert_eq!(shown, format!("file://{}", chosen.display()));
    // Closing the dialog saves nothing, and says so.
    app.click("make-diagnostics").await;
    save_dialog::close("Save the diagnostics bundle");
    assert!(app.text("save-status").await.starts_with("Not saved"));
    let bundle = d.home.join("Documents/support.json");
    app.click("make-diagnostics").await;
    save_dialog::save_as("Save the diagnostics bundle", &bundle);
    let diag = app.text("diagnostics-preview").await;
    assert_eq!(std::fs::read_to_string(&bundle).unwrap().trim(), diag.trim());
    assert!(!diag.contains(fixtures::SECRET_VALUE) && !diag.contains(fixtures::NYLAS_API_KEY));
    app.review("8-support").await;

    // A second profile with the Streams checklist.
    app.click("tab-profiles").await;
    app.wait_for(Screen::Profiles).await;
    app.review("profiles").await;
    app.type_into("new-profile-name", "Fabrikam Streams").await;
    app.click("create-profile").await;
    app.wait_for(CHECKLIST).await;
    app.click("how-manual").await;
    app.click("target-streams").await;
    let streams_permission = "311a71cc-e848-46a1-bdf8-97ff7156d8e6";
    app.text_until("manifest-snippet", |t| t.contains(streams_permission))
        .await;
    assert_eq!(app.text("profile-name").await, "Fabrikam Streams");
    app.review("9-streams").await;

    // Profiles say where each one is in words, rename, and ask before deleting.
    app.click("tab-profiles").await;
    app.wait_for(Screen::Profiles).await;
    // The list arrives after the tab opens.
    let list = app.text_until("profiles-list", |t| t.contains("Step 2 of 6")).await;
    assert!(
        list.contains("Step 2 of 6: Azure app") && !list.contains("step:"),
        "{list}"
    );
    let demo = mailbox_connect_core::services::DEMO_PROFILE;
    app.click(&format!("rename-btn-{demo}")).await;
    app.type_into(&format!("rename-{demo}"), "Contoso demo").await;
    app.click(&format!("save-name-{demo}")).await;
    app.text_until("profiles-list", |t| t.contains("Contoso demo")).await;
    app.click(&format!("delete-{demo}")).await;
    assert!(app
        .text(&format!("confirm-delete-{demo}"))
        .await
        .contains("cannot be undone"));
    assert!(
        app.text("profiles-list").await.contains("Contoso demo"),
        "deleted before confirming"
    );
    app.review("10-profiles-confirm-delete").await;
    app.click(&format!("confirm-delete-btn-{demo}")).await;
    app.text_until("profiles-list", |t| !t.contains("Contoso demo")).await;
    d.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn killed_at_each_step_the_app_resumes_and_loses_nothing() {
    let mut d = Desktop::start().await;
    d.app.click("start-demo").await;
    d.app.wait_for(CHECKLIST).await;
    d.app.click("check-secret").await;
    for (button, next) in [
        ("checklist-next", CREDENTIALS),
        ("save-azure", NYLAS),
        ("save-nylas", CONSENT),
    ] {
        d.app.click(button).await;
        d.app.wait_for(next).await;
        d.kill_and_relaunch().await;
        d.app.wait_for(next).await;
    }
    // Killed while the browser is on Microsoft's page: back on the sign-in step, sign in once.
    d.app.click("start-consent").await;
    d.app.element("consent-waiting").await;
    d.browser_ignores().await;
    d.kill_and_relaunch().await;
    d.app.wait_for(CONSENT).await;
    d.app.click("start-consent").await;
    assert_eq!(d.browser_presses("accept").await, "ok");
    d.app.wait_for(RESULT).await;
    let grant = d.app.text("grant-id").await;
    d.kill_and_relaunch().await;
    d.app.wait_for(RESULT).await;
    assert_eq!(d.app.text("grant-id").await, grant, "the result survives");
    // The ledger loads after the tab opens; it lists this grant's connection exactly once
    // (besides the test the result ran again after the restart).
    d.app.click("tab-support").await;
    d.app.wait_for(Screen::Support).await;
    let ledger = d.app.text_until("ledger-table", |t| t.contains(&grant)).await;
    let rows = "return [...document.querySelectorAll('#ledger-table tbody tr')].map(r => r.textContent);";
    let rows = d.app.execute(rows, vec![]).await.unwrap();
    let connected = rows
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r.as_str())
        .filter(|r| r.contains(&grant) && !r.contains("Tested"))
        .count();
    assert_eq!(connected, 1, "one grant, connected once: {ledger}");
    d.close().await;
}
