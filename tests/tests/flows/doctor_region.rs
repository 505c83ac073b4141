//! `wrong_region` (#19): the Nylas application lives in Europe, and the admin chose the United
//! States. The demo tenant stands in for both of Nylas's regional hosts (over HTTPS, with its own
//! CA), answering only as the region its application is in, as Nylas does. The doctor names the
//! region the key belongs to; with that region chosen nothing is left and a mailbox connects and
//! passes its test through `api.eu.nylas.com`.

use std::net::SocketAddr;
use std::time::Duration;

use mailbox_connect_core::doctor::FindingCode;
use mailbox_connect_core::microsoft::oauth::ResponseMode;
use mailbox_connect_core::nylas::Region;
use mailbox_connect_core::secrets::SecretStore;
use mailbox_connect_core::services::{NylasInput, StandIn};
use mailbox_connect_core::{Sensitive, Services};
use mailbox_connect_e2e::graph_session::doctor_check;
use mailbox_connect_e2e::graph_session::ADMIN;
use mailbox_connect_e2e::harness::{config, demo_env};
use mailbox_connect_e2e::scripted_browser::{Decision, ScriptedBrowser};
use mailbox_connect_sandbox::Sandbox;

/// The region chosen on the Nylas step, keeping the saved key; whether Nylas took it.
async fn choose(core: &Services, region: Region) -> bool {
    let input = NylasInput {
        region,
        api_key: Sensitive::from(""),
    };
    core.setup.save_nylas(input).await.is_ok()
}

#[tokio::test]
async fn a_key_from_the_other_region_is_named_and_the_right_region_works() {
    let sb = Sandbox::start_https("127.0.0.1").await.unwrap();
    sb.state.lock().nylas_region = Some("eu".into());
    let ca = sb.ca_pem.clone().unwrap();
    let at: SocketAddr = sb.nylas_url.trim_start_matches("https://").parse().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let browser = ScriptedBrowser::new(Decision::Accept).trusting(&ca);
    let mut cfg = config(
        dir.path(),
        browser,
        ResponseMode::FormPost,
        Duration::from_secs(20),
        SecretStore::memory(),
    );
    cfg.stand_in = StandIn {
        hosts: vec![("api.us.nylas.com".into(), at), ("api.eu.nylas.com".into(), at)],
        ca_pem: Some(ca),
    };
    let core = Services::new(cfg).unwrap();
    core.setup.begin(Some(demo_env(&sb))).await.unwrap();

    // The step's own check refuses the key there; the region stays chosen (nothing typed is lost).
    assert!(!choose(&core, Region::Us).await);
    assert_eq!(core.setup.state().unwrap().profile.region, Region::Us);
    let found = doctor_check(&core).await;
    let codes: Vec<_> = found.findings.iter().map(|x| x.code).collect();
    assert_eq!(codes, [FindingCode::WrongRegion], "{found:?}");
    let x = &found.findings[0];
    assert!(x.message.contains("in the EU region, not the US region"), "{x:?}");
    assert!(x.fix.contains("Choose the EU region") && !x.fixable, "{x:?}");

    assert!(choose(&core, Region::Eu).await);
    assert!(doctor_check(&core).await.findings.is_empty());
    let r = core
        .sign_in
        .connect(Some(ADMIN.into()), &core.jobs.start(|_| {}))
        .await
        .unwrap();
    assert!(r.check.ok, "{:?}", r.check);
    assert!(sb.state.lock().grants.iter().any(|g| g.id == r.grant.id));
}
