//! "Sign in again" on a broken grant opens the wizard's sign-in step, pre-filled with the
//! mailbox's address when the grant has one and empty when it has none (Nylas does not require
//! an address on a grant).

use mailbox_connect_e2e::window::{Desktop, Screen, CONSENT};
use mailbox_connect_sandbox::Sandbox;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn sign_in_again_opens_the_sign_in_step_with_or_without_an_address() {
    // A demo tenant of the test's own, so the test can say what Nylas holds.
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let mut d = Desktop::on_tenant(&sb).await;
    let app = d.app.clone();
    d.demo_connected().await;

    // Nylas now says the grant is invalid, and holds another invalid one without an address.
    let (with_email, email) = {
        let mut st = sb.state.lock();
        let g = st.grants.first_mut().unwrap();
        g.valid = false;
        let mut bare = g.clone();
        let known = (g.id.clone(), g.email.clone().unwrap());
        bare.id = "grant-without-address".into();
        bare.email = None;
        st.grants.push(bare);
        known
    };

    for (grant, address) in [("grant-without-address", ""), (with_email.as_str(), email.as_str())] {
        app.click("tab-mailboxes").await;
        app.wait_for(Screen::Mailboxes).await;
        app.click("load-grants").await;
        app.click(&format!("reauth-grant-{grant}")).await;
        app.wait_for(CONSENT).await;
        assert_eq!(app.value("login-hint").await, address, "{grant}");
        assert!(app.text("tab-wizard").await.contains("Setup"));
    }
    d.close().await;
}
