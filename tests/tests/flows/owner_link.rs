//! The sign-in link a mailbox's owner opens on their own computer (#19 item 2, #22 item 3):
//! A mailbox's grant broke while Nylas's connector pointed at another app; once it is put back, the
//! link (Nylas Hosted auth with her address) is opened by the owner's own browser, not this app's; the
//! job sees Nylas renew the grant, tests it and records it. A link nobody opens can be stopped.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use mailbox_connect_core::browser::BrowserOpener;
use mailbox_connect_core::job::{JobEvent, OwnerLink};
use mailbox_connect_core::nylas::grant_cause::GrantAction;
use mailbox_connect_core::profile::ledger::{LedgerEvent, Method};
use mailbox_connect_core::ErrorCode;
use mailbox_connect_e2e::graph_session::{point_connector_elsewhere, put_connector_back};
use mailbox_connect_e2e::harness::demo;
use mailbox_connect_e2e::scripted_browser::{Decision, ScriptedBrowser};
use mailbox_connect_sandbox::fixtures as f;

type Slot = Arc<Mutex<Option<OwnerLink>>>;

/// The link, once the job has reported it.
async fn link_in(slot: &Slot) -> OwnerLink {
    for _ in 0..200 {
        if let Some(l) = slot.lock().unwrap().clone() {
            return l;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("no link was reported");
}

fn keeping_link() -> (Slot, impl Fn(JobEvent) + Send + Sync + 'static) {
    let slot: Slot = Arc::default();
    let keep = slot.clone();
    (slot, move |e| {
        if let JobEvent::OwnerLink(l) = e {
            *keep.lock().unwrap() = Some(l);
        }
    })
}

#[tokio::test]
async fn the_owner_signs_in_again_with_a_link_on_their_own_computer() {
    let d = demo(Decision::Accept).await;
    let owner_email = f::USERS[0].email;
    let first = d.connect(Some(owner_email)).await.unwrap();
    point_connector_elsewhere(&d.sandbox).await;
    let broken = d.core.tools.check_grant(owner_email).await.unwrap().check;
    assert_eq!(
        (broken.ok, broken.action),
        (false, Some(GrantAction::Reauthenticate)),
        "{broken:?}"
    );
    put_connector_back(&d.sandbox).await;
    assert!(
        !d.core.tools.check_grant(owner_email).await.unwrap().check.ok,
        "Nylas gave up on it"
    );

    let (slot, report) = keeping_link();
    let job = d.core.jobs.start(report);
    let owner = ScriptedBrowser::new(Decision::Accept);
    let (result, _) = tokio::join!(d.core.sign_in.send_link(owner_email, &job), async {
        let link = link_in(&slot).await;
        assert_eq!(link.email, owner_email);
        assert!(
            link.url
                .starts_with(&format!("{}/v3/connect/auth?", d.sandbox.nylas_url)),
            "{}",
            link.url
        );
        assert!(
            link.url
                .contains(&format!("login_hint={}", owner_email.replace('@', "%40")))
                && !link.url.contains("code_challenge"),
            "{}",
            link.url
        );
        owner.open(&link.url).unwrap();
    });
    let result = result.unwrap();
    assert_eq!(result.grant.id, first.grant.id, "the same grant, renewed");
    assert!(result.check.ok, "{:?}", result.check);
    assert!(
        owner.saw("Permissions requested"),
        "the owner saw Microsoft's consent: {}",
        owner.last_page()
    );
    let last = d.core.tools.ledger().unwrap().pop().unwrap();
    assert_eq!(
        (last.event, last.method, last.test_passed),
        (LedgerEvent::Connected, Some(Method::Hosted), true)
    );
    assert!(d.core.tools.check_grant(owner_email).await.unwrap().check.ok);
}

#[tokio::test]
async fn a_link_nobody_opens_is_stopped_and_a_missing_address_is_refused() {
    let d = demo(Decision::Accept).await;
    let e = d
        .core
        .sign_in
        .send_link("  ", &d.core.jobs.start(|_| {}))
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("email"), "{e:?}");

    let (slot, report) = keeping_link();
    let job = d.core.jobs.start(report);
    let (result, _) = tokio::join!(d.core.sign_in.send_link(f::USERS[1].email, &job), async {
        link_in(&slot).await;
        d.core.jobs.cancel();
    });
    assert_eq!(result.unwrap_err().code, ErrorCode::Cancelled);
}
