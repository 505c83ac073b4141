//! What the browser tab says after the redirect: the real outcome, known only after the code is
//! redeemed and the mailbox registered with Nylas. And Microsoft's "Need admin approval" page
//! for a non-administrator, with its two ways on.

use mailbox_connect_core::ErrorCode;
use mailbox_connect_e2e::graph_session::revoke_tenant_consent;
use mailbox_connect_e2e::harness::demo;
use mailbox_connect_e2e::scripted_browser::Decision;
use mailbox_connect_sandbox::faults::{FaultPlan, NylasFault};
use mailbox_connect_sandbox::fixtures as f;

#[tokio::test]
async fn a_nylas_refusal_after_microsoft_accepted_is_what_the_tab_shows() {
    let d = demo(Decision::Accept).await;
    d.sandbox.state.inject(FaultPlan {
        nylas: vec![NylasFault {
            path_prefix: "/v3/connect/custom".into(),
            status: 400,
            ..NylasFault::default()
        }],
        ..FaultPlan::default()
    });
    let e = d.connect(None).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Nylas, "{e:?}");
    let page = d.browser.final_page().await;
    assert!(page.contains("data-result=\"err\""), "{page}");
    assert!(page.contains("did not finish") && !page.contains("Connected"), "{page}");
    // Nothing was registered, and a second attempt ends with "Connected" in the tab.
    let d2 = d.connect(None).await.unwrap();
    assert!(d2.check.ok);
    let page = d.browser.final_page().await;
    assert!(page.contains("Connected") && page.contains(f::USERS[0].email), "{page}");
}

#[tokio::test]
async fn need_admin_approval_offers_an_administrators_account_or_the_way_back() {
    let d = demo(Decision::Accept).await;
    revoke_tenant_consent(&d.sandbox).await;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    // Lee's sign-in, by hand: authorize, choose Lee, accept.
    let e = d.connect(Some(f::USERS[2].email)).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::ConsentDeclined);
    let approval = d
        .browser
        .pages
        .lock()
        .unwrap()
        .iter()
        .find(|p| p.contains("Need admin approval"))
        .cloned()
        .unwrap();
    assert!(approval.contains("AADSTS90094"), "{approval}");
    assert!(approval.contains("Have an admin account? Sign in with that account"));
    // The link back is single use: the app already got its answer through it.
    let back = approval
        .split("id=\"return\" href=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let again = http
        .get(format!("{}{back}", d.sandbox.identity_url))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 400);
    assert!(again.text().await.unwrap().contains("AADSTS90015"));
}
