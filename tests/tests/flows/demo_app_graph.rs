//! The demo tenant's ready-made app is in its Microsoft Graph too, as an app an admin registered
//! in the portal would be: "Show what Azure has" lists it with its two secrets, and replacing the
//! secret works on it (the new one signs a mailbox in; the old one is gone from Graph and sign-in).

use mailbox_connect_e2e::graph_session::admin_sign_in;
use mailbox_connect_e2e::harness::demo_begun;
use std::time::Duration;

use mailbox_connect_e2e::graph_session::{client_credentials, ADMIN};
use mailbox_connect_sandbox::fixtures as f;
use mailbox_connect_sandbox::Sandbox;

#[tokio::test]
async fn the_demo_app_is_shown_by_graph_and_its_secret_can_be_replaced() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    sb.state.lock().graph.replication = Duration::from_millis(300);
    let dir = tempfile::tempdir().unwrap();
    let core = demo_begun(&sb, dir.path()).await;

    let shown = core
        .azure_app
        .show(admin_sign_in(), &core.jobs.start(|_| {}))
        .await
        .unwrap();
    assert_eq!(shown.client_id, f::CLIENT_ID);
    assert!(
        shown.redirect_uris.iter().any(|u| u == "http://localhost/callback"),
        "{shown:?}"
    );
    let hints: Vec<&str> = shown.secrets.iter().map(|s| s.hint.as_str()).collect();
    assert_eq!(hints, ["Dm0", "Xp1"], "the current secret and the expired one");
    assert!(shown.secrets.iter().any(|s| s.key_id == f::SECRET_ID));
    assert!(!shown.created_here);

    let rotated = core
        .azure_app
        .rotate_secret(admin_sign_in(), Some(6), &core.jobs.start(|_| {}))
        .await
        .unwrap();
    assert_eq!(rotated.removed, [f::SECRET_ID], "the old secret, found by its hint");
    let old = client_credentials(&sb, f::CLIENT_ID, f::SECRET_VALUE).await;
    assert_eq!(
        old["error"], "invalid_client",
        "sign-in no longer takes the removed secret: {old}"
    );
    let connected = core
        .sign_in
        .connect(Some(ADMIN.into()), &core.jobs.start(|_| {}))
        .await
        .unwrap();
    assert!(connected.check.ok, "{connected:?}");
}
