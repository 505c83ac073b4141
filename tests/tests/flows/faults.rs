//! Fault injection through the sandbox: Nylas rate limits, outages and hangs; Microsoft MFA,
//! Conditional Access and redirect mismatches; and restarts at every wizard step.

use std::time::{Duration, Instant};

use mailbox_connect_core::microsoft::oauth::ResponseMode;
use mailbox_connect_core::profile::wizard::WizardStep;
use mailbox_connect_core::secrets::SecretStore;
use mailbox_connect_core::ErrorCode;
use mailbox_connect_e2e::harness::{demo, demo_env, services_with};
use mailbox_connect_e2e::scripted_browser::{Decision, ScriptedBrowser};
use mailbox_connect_sandbox::faults::{FaultPlan, NylasFault};

fn nylas(path_prefix: &str, status: u16, retry_after: Option<u64>, delay_ms: u64) -> NylasFault {
    NylasFault {
        path_prefix: path_prefix.into(),
        status,
        retry_after,
        delay_ms,
        ..NylasFault::default()
    }
}

#[tokio::test]
async fn rate_limits_are_waited_out_and_grants_are_not_duplicated() {
    let d = demo(Decision::Accept).await;
    d.sandbox.state.inject(FaultPlan {
        nylas: vec![
            nylas("/v3/connect/custom", 429, Some(1), 0),
            nylas("/v3/connect/custom", 503, None, 0),
        ],
        ..FaultPlan::default()
    });
    let started = Instant::now();
    let r = d.connect(None).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After was not honoured"
    );
    assert!(r.check.ok);
    // A full outage fails with a plain message; signing in again later reuses the grant.
    d.sandbox.state.inject(FaultPlan {
        nylas: (0..4).map(|_| nylas("/v3/connect/custom", 503, None, 0)).collect(),
        ..FaultPlan::default()
    });
    let e = d.connect(None).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Nylas);
    assert!(e.message.contains("temporary problem"), "{e:?}");
    let again = d.connect(None).await.unwrap();
    assert_eq!(again.grant.id, r.grant.id);
    assert_eq!(d.sandbox.state.lock().grants.len(), 1, "no duplicate grant");
}

#[tokio::test]
async fn a_hanging_nylas_times_out_with_a_clear_message() {
    let d = demo(Decision::Accept).await;
    d.sandbox.state.inject(FaultPlan {
        nylas: vec![nylas("/v3/grants", 0, None, 10_000)],
        ..FaultPlan::default()
    });
    let started = Instant::now();
    let e = d.core.tools.list_grants().await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(8));
    assert_eq!(e.code, ErrorCode::Network);
    assert!(e.message.contains("did not answer in time"), "{e:?}");
}

#[tokio::test]
async fn microsoft_mfa_conditional_access_and_admin_approval() {
    // 90094 is shown on Microsoft's page; its way back arrives as AADSTS65004.
    for (code, words, arrives) in [
        (50076, "multi-factor", 50076),
        (53003, "Conditional Access", 53003),
        (90094, "without permission", 65004),
    ] {
        let d = demo(Decision::Accept).await;
        d.sandbox.state.inject(FaultPlan {
            microsoft_error: Some(code),
            ..FaultPlan::default()
        });
        let e = d.connect(None).await.unwrap_err();
        assert!(e.message.contains(words), "{code}: {e:?}");
        assert!(e.detail.unwrap().starts_with(&format!("AADSTS{arrives}")));
        assert!(
            d.browser.final_page().await.contains("data-result=\"err\""),
            "the browser tab explains it too"
        );
    }
}

#[tokio::test]
async fn redirect_mismatch_shows_microsoft_page_and_the_wait_ends_with_the_fix() {
    let sb = mailbox_connect_sandbox::Sandbox::start("127.0.0.1").await.unwrap();
    sb.state.inject(FaultPlan {
        redirect_uris: Some(vec!["https://app.example.com/callback".into()]),
        ..FaultPlan::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let browser = ScriptedBrowser::new(Decision::Accept);
    let eng = services_with(
        dir.path(),
        browser.clone(),
        ResponseMode::FormPost,
        Duration::from_secs(2),
        SecretStore::memory(),
    );
    eng.setup.begin(Some(demo_env(&sb))).await.unwrap();
    let e = eng.sign_in.connect(None, &eng.jobs.start(|_| {})).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::ConsentTimeout);
    assert!(e.fix.unwrap().contains("AADSTS50011"));
    assert!(browser.saw("AADSTS50011"), "Microsoft's own error page names the code");
}

#[tokio::test]
async fn restarting_at_every_step_resumes_and_loses_nothing() {
    let sb = mailbox_connect_sandbox::Sandbox::start("127.0.0.1").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let keychain = SecretStore::memory();
    let restart = || {
        let browser = ScriptedBrowser::new(Decision::Accept);
        services_with(
            dir.path(),
            browser,
            ResponseMode::FormPost,
            Duration::from_secs(20),
            keychain.clone(),
        )
    };
    restart().setup.begin(Some(demo_env(&sb))).await.unwrap();
    for step in [
        WizardStep::Checklist,
        WizardStep::Credentials,
        WizardStep::Nylas,
        WizardStep::Consent,
    ] {
        let e = restart();
        e.setup.set_checklist_item("secret", true).unwrap();
        e.setup.go_to(step).unwrap();
        drop(e); // the process ends here
        let back = restart().setup.state().unwrap();
        assert_eq!(back.profile.step, step);
        assert!(back.profile.checklist_done.contains(&"secret".to_string()));
        assert!(back.profile.secret_saved && back.profile.api_key_saved);
    }
    // Killed while waiting for the browser: the restarted app is back on the sign-in step and
    // finishing there makes exactly one grant.
    let e = restart();
    let (started_tx, started_rx) = tokio::sync::oneshot::channel();
    let started_tx = std::sync::Mutex::new(Some(started_tx));
    let job = e.jobs.start(move |_| {
        if let Some(tx) = started_tx.lock().unwrap().take() {
            let _ = tx.send(());
        }
    });
    tokio::select! {
        biased;
        _ = started_rx => {} // the browser is open: the process ends here
        _ = e.sign_in.connect(None, &job) => panic!("finished before the kill"),
    }
    drop(e);
    let e = restart();
    assert_eq!(e.setup.state().unwrap().profile.step, WizardStep::Consent);
    e.sign_in.connect(None, &e.jobs.start(|_| {})).await.unwrap();
    e.sign_in.connect(None, &e.jobs.start(|_| {})).await.unwrap();
    assert_eq!(sb.state.lock().grants.len(), 1);
}
