//! A failed grant test explains itself and is kept (#22 items 1 and 2): Megan's grant was made
//! when the profile asked only for calendars; now that it asks to read mail, her test names the
//! missing scope, Nylas's refusal and its request ID, says to sign in again, and is written to
//! the ledger, the last result and the diagnostics bundle, on the command line as in the core.

use mailbox_connect_core::nylas::grant_cause::GrantAction;
use mailbox_connect_core::profile::ledger::LedgerEvent;
use mailbox_connect_e2e::harness::demo;
use mailbox_connect_e2e::scripted_browser::Decision;
use mailbox_connect_sandbox::fixtures as f;

use crate::cli::run;

#[tokio::test]
async fn a_grant_without_the_mail_scope_says_why_and_what_to_do() {
    let d = demo(Decision::Accept).await;
    let megan = f::USERS[0].email;
    d.core.setup.set_scopes(&["Calendars.Read".to_string()]).unwrap();
    let r = d.connect(Some(megan)).await.unwrap();
    assert!(
        r.check.ok,
        "a calendar-only profile is not tested by reading mail: {:?}",
        r.check
    );
    assert!(r.check.detail.contains("does not ask to read mail"), "{:?}", r.check);

    d.core
        .setup
        .set_scopes(&["Calendars.Read".to_string(), "Mail.Read".to_string()])
        .unwrap();
    let report = d.core.tools.check_grant(megan).await.unwrap();
    let c = &report.check;
    assert!(!c.ok, "{c:?}");
    assert_eq!(c.missing_scopes, ["Mail.Read"]);
    assert!(c.scopes.iter().any(|s| s == "Calendars.Read"), "{c:?}");
    let refusal = c.refusal.as_ref().expect("Nylas's refusal is kept");
    assert_eq!(
        (refusal.status, refusal.kind.as_deref()),
        (Some(403), Some("insufficient_scopes"))
    );
    assert!(
        refusal.message.contains("Mail.Read") && refusal.request_id.is_some(),
        "{refusal:?}"
    );
    assert!(c.cause.as_deref().unwrap().contains("without Mail.Read"), "{c:?}");
    assert_eq!(c.action, Some(GrantAction::Reauthenticate));

    // The command line says the same, and what to run next.
    let (code, out) = run(&d.core, &["check-grant", megan], None).await;
    assert_eq!(code, 2, "{out}");
    for line in [
        "Test: FAILED.",
        "Nylas said: HTTP 403 insufficient_scopes:",
        "request ID ",
        "Missing for this profile: Mail.Read",
        "Cause: The mailbox was connected without Mail.Read",
        &format!("Next: sign the mailbox in again: mailbox-connect connect --email {megan}"),
    ] {
        assert!(out.contains(line), "{line:?} not in {out}");
    }
    let (_, out) = run(&d.core, &["check-grants"], None).await;
    assert!(
        out.contains("FAILED\tThe mailbox was connected without Mail.Read"),
        "{out}"
    );

    // Kept: the ledger, the last result Setup shows, and the diagnostics bundle.
    let ledger = d.core.tools.ledger().unwrap();
    let tests: Vec<_> = ledger.iter().filter(|e| e.event == LedgerEvent::Tested).collect();
    assert_eq!(tests.len(), 3, "two check-grant runs and one check-grants: {ledger:?}");
    assert!(tests
        .iter()
        .all(|e| !e.test_passed && e.cause.as_deref().is_some_and(|c| c.contains("Mail.Read"))));
    let last = d.core.setup.state().unwrap().profile.last_result.unwrap();
    assert!(
        !last.check.ok && last.check.missing_scopes == ["Mail.Read"],
        "{:?}",
        last.check
    );
    let bundle: serde_json::Value = serde_json::from_str(&d.core.tools.diagnostics_bundle().unwrap()).unwrap();
    let summary = &bundle["ledger"];
    assert_eq!(summary["failed_tests"], 1, "{summary}");
    assert_eq!(summary["last_results"][0]["test_passed"], false, "{summary}");
    assert!(summary["recent_failures"][0]["cause"]
        .as_str()
        .unwrap()
        .contains("Mail.Read"));
    assert!(
        bundle["recent_errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("failed"),
        "{bundle}"
    );
    assert_eq!(bundle["profile"]["last_result"]["check"]["ok"], false);

    // Signing in again with what the profile asks for now mends it, and the bundle agrees.
    let again = d.connect(Some(megan)).await.unwrap();
    assert!(again.check.ok, "{:?}", again.check);
    let bundle: serde_json::Value = serde_json::from_str(&d.core.tools.diagnostics_bundle().unwrap()).unwrap();
    assert_eq!(bundle["ledger"]["failed_tests"], 0, "{bundle}");
}
