//! The administrator's sign-in on another device (the device code flow), against the demo
//! tenant over HTTP: used when this computer cannot open a browser, or when asked. The code is
//! entered at the demo tenant's `/devicelogin` and answered on its consent page; the app polls
//! until then. A declined code, a non-administrator and a cancel each end with their own message.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use mailbox_connect_core::job::{DeviceCodeStarted, JobEvent, Report};
use mailbox_connect_core::microsoft::oauth::ResponseMode;
use mailbox_connect_core::secrets::SecretStore;
use mailbox_connect_core::services::azure_app::{CreateOptions, SignInOptions};
use mailbox_connect_core::{ErrorCode, Services};
use mailbox_connect_e2e::graph_session::{client_credentials, ADMIN, USER};
use mailbox_connect_e2e::harness::{demo_env, job, kept_secret, services_with};
use mailbox_connect_e2e::scripted_browser::{Decision, ScriptedBrowser};
use mailbox_connect_sandbox::Sandbox;

type Seen = Arc<Mutex<Option<DeviceCodeStarted>>>;

async fn setup(browser: &ScriptedBrowser) -> (Sandbox, Services, SecretStore, tempfile::TempDir) {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    sb.state.lock().devices.interval = Duration::from_secs(1);
    let dir = tempfile::tempdir().unwrap();
    let secrets = SecretStore::memory();
    let core = services_with(
        dir.path(),
        browser.clone(),
        ResponseMode::FormPost,
        Duration::from_secs(20),
        secrets.clone(),
    );
    core.demo.resume(demo_env(&sb)).await.ok();
    core.setup.begin(Some(demo_env(&sb))).await.unwrap();
    (sb, core, secrets, dir)
}

/// Answers the code on "another device" (the scripted browser) as soon as it is shown.
fn answering(device: ScriptedBrowser) -> (Report, Seen) {
    let seen: Seen = Arc::default();
    let keep = seen.clone();
    let report: Report = Arc::new(move |e| {
        if let JobEvent::DeviceCode(d) = e {
            *keep.lock().unwrap() = Some(d.clone());
            let device = device.clone();
            tokio::spawn(async move { device.enter_code(&d.verification_uri, &d.user_code).await });
        }
    });
    (report, seen)
}

fn options(who: &str, device_code: bool) -> CreateOptions {
    CreateOptions {
        sign_in: SignInOptions {
            admin_consent: false,
            bootstrap_client_id: None,
            login_hint: Some(who.into()),
            device_code,
        },
        target: None,
        secret_months: None,
    }
}

#[tokio::test]
async fn without_a_browser_the_administrator_signs_in_on_another_device() {
    let here = ScriptedBrowser::new(Decision::NoBrowser);
    let (sb, core, secrets, _dir) = setup(&here).await;
    let device = ScriptedBrowser::new(Decision::Accept);
    let (report, seen) = answering(device.clone());

    let p = core
        .azure_app
        .create(options(ADMIN, false), &job(&core, report))
        .await
        .unwrap();

    let shown = seen.lock().unwrap().clone().expect("a code was shown");
    assert_eq!(shown.browser_error.as_deref(), Some("no display"));
    assert_eq!(shown.user_code.len(), 9, "{shown:?}");
    assert!(shown.verification_uri.ends_with("/devicelogin"), "{shown:?}");
    assert!(shown.expires_secs >= 600, "{shown:?}");
    assert!(device.saw("Enter code"), "the code was typed on Microsoft's page");
    assert!(device.final_page().await.contains("data-result=\"ok\""));
    // The app was made and its secret works.
    let secret = kept_secret(&secrets, &p.id).await.unwrap();
    assert!(client_credentials(&sb, &p.client_id, secret.expose()).await["access_token"].is_string());
}

#[tokio::test]
async fn a_declined_code_a_non_administrator_and_a_cancel_each_say_so() {
    // Asked for explicitly: the browser here is never opened.
    let here = ScriptedBrowser::new(Decision::Accept);
    let (_sb, core, _secrets, _dir) = setup(&here).await;

    let (report, _) = answering(ScriptedBrowser::new(Decision::Cancel));
    let e = core
        .azure_app
        .create(options(ADMIN, true), &job(&core, report))
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::AdminRoleRequired, "{e:?}");
    assert!(
        here.pages.lock().unwrap().is_empty(),
        "this computer's browser was not used"
    );

    // A device code carries no login hint: the person picks the account on the other device.
    let (report, _) = answering(ScriptedBrowser::new(Decision::Accept).as_account(USER));
    let e = core
        .azure_app
        .create(options(USER, true), &job(&core, report))
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::AdminRoleRequired, "{e:?}");
    assert!(e.fix.unwrap_or_default().contains("Application Administrator"));

    // Nobody enters the code; Cancel stops the polling at once.
    let seen: Seen = Arc::default();
    let keep = seen.clone();
    let report: Report = Arc::new(move |e| {
        if let JobEvent::DeviceCode(d) = e {
            *keep.lock().unwrap() = Some(d);
        }
    });
    let jobs = core.jobs.clone();
    let cancel = tokio::spawn(async move {
        while seen.lock().unwrap().is_none() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        jobs.cancel();
    });
    let started = std::time::Instant::now();
    let e = core
        .azure_app
        .create(options(ADMIN, true), &job(&core, report))
        .await
        .unwrap_err();
    cancel.await.unwrap();
    assert_eq!(e.code, ErrorCode::ConsentCancelled, "{e:?}");
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
}

#[tokio::test]
async fn a_created_demo_app_is_kept_on_its_own_tenant_and_forgotten_with_a_fresh_one() {
    let device = ScriptedBrowser::new(Decision::Accept);
    let (sb, core, secrets, _dir) = setup(&device).await;
    let (report, _) = answering(device);
    let p = core
        .azure_app
        .create(options(ADMIN, true), &job(&core, report))
        .await
        .unwrap();
    let created_secret = kept_secret(&secrets, &p.id).await.unwrap();

    // The same tenant again (one served by another process): the created app stays.
    let again = core.demo.resume(demo_env(&sb)).await.unwrap();
    assert_eq!(again.client_id, p.client_id);
    assert!(again.created_app.is_some());
    let kept = kept_secret(&secrets, &p.id).await.unwrap();
    assert_eq!(kept.expose(), created_secret.expose());

    // A fresh demo tenant (the app restarted with its own): back to the demo's ready-made app.
    let fresh = Sandbox::start("127.0.0.1").await.unwrap();
    let reset = core.demo.resume(demo_env(&fresh)).await.unwrap();
    assert_eq!(reset.client_id, mailbox_connect_sandbox::fixtures::CLIENT_ID);
    assert!(reset.created_app.is_none());
    let demo_secret = kept_secret(&secrets, &p.id).await.unwrap();
    assert_eq!(demo_secret.expose(), mailbox_connect_sandbox::fixtures::SECRET_VALUE);
}
