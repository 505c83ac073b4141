//! How the app uses Nylas's and Microsoft's contracts: a token answer without `scope`, 401s told
//! apart by their error type, and retries that never repeat a create that may have happened.

use std::time::{Duration, Instant};

use mailbox_connect_core::nylas::types::ConnectorAction;
use mailbox_connect_core::ErrorCode;
use mailbox_connect_e2e::harness::demo;
use mailbox_connect_e2e::scripted_browser::Decision;
use mailbox_connect_sandbox::faults::{FaultPlan, NylasFault};
use mailbox_connect_sandbox::fixtures as f;

/// The next POST to `path` is carried out, but its answer is lost: the client sees `status`.
fn answer_lost(path: &str, status: u16) -> FaultPlan {
    FaultPlan {
        nylas: vec![NylasFault {
            path_prefix: path.into(),
            method: Some("POST".into()),
            status,
            after_handling: true,
            ..NylasFault::default()
        }],
        ..FaultPlan::default()
    }
}

#[tokio::test]
async fn a_token_answer_without_scope_granted_every_requested_scope() {
    let d = demo(Decision::Accept).await;
    d.sandbox.state.inject(FaultPlan {
        omit_token_scope: true,
        ..FaultPlan::default()
    });
    let r = d.connect(None).await.unwrap();
    assert!(r.scopes.missing.is_empty(), "{:?}", r.scopes);
    assert_eq!(r.scopes.granted.len(), r.scopes.requested.len());
}

#[tokio::test]
async fn a_refresh_token_nylas_cannot_use_is_not_blamed_on_the_api_key() {
    let d = demo(Decision::Accept).await;
    d.sandbox.state.inject(FaultPlan {
        revoke_refresh_tokens: true,
        ..FaultPlan::default()
    });
    let e = d.connect(None).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Microsoft, "{e:?}");
    assert_ne!(e.field.as_deref(), Some("api_key"), "{e:?}");
    assert!(!e.message.contains("API key"), "{e:?}");
    assert!(e.detail.unwrap().contains("grant.refresh_token_invalid"));
}

#[tokio::test]
async fn a_connector_create_whose_answer_was_lost_is_looked_up_not_repeated() {
    let d = demo(Decision::Accept).await;
    d.sandbox.state.inject(answer_lost("/v3/connectors", 502));
    let r = d.connect(None).await.unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(r.connector, ConnectorAction::Created);
    assert!(r.check.ok, "{:?}", r.check);
    let connectors = d.sandbox.state.lock().connectors.len();
    assert_eq!(connectors, 1);
}

#[tokio::test]
async fn a_credential_create_whose_answer_was_lost_is_looked_up_not_repeated() {
    let d = demo(Decision::Accept).await;
    d.sandbox
        .state
        .inject(answer_lost("/v3/connectors/microsoft/creds", 500));
    let approved = d
        .core
        .sign_in
        .admin_consent(&d.core.jobs.start(|_| {}))
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let made: Vec<String> = d
        .sandbox
        .state
        .lock()
        .credentials
        .iter()
        .map(|c| c.id.clone())
        .collect();
    assert_eq!(made, [approved.credential_id], "one credential, the one that was made");
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_waited_out() {
    let d = demo(Decision::Accept).await;
    d.sandbox.state.inject(FaultPlan {
        nylas: vec![NylasFault {
            path_prefix: "/v3/connect/custom".into(),
            status: 429,
            retry_after: Some(2),
            retry_after_date: true,
            ..NylasFault::default()
        }],
        ..FaultPlan::default()
    });
    let started = Instant::now();
    let r = d.connect(Some(f::USERS[0].email)).await.unwrap();
    // An HTTP date has whole seconds: two seconds from now is between one and two seconds away.
    assert!(
        started.elapsed() >= Duration::from_millis(1000),
        "{:?}",
        started.elapsed()
    );
    assert!(r.check.ok);
}

#[tokio::test]
async fn the_id_token_is_verified_with_the_tenants_keys_and_this_sign_ins_nonce() {
    let d = demo(Decision::Accept).await;
    for (fault, why) in [
        ("bad_signature", "signature"),
        ("wrong_nonce", "nonce"),
        ("other_audience", "audience"),
    ] {
        d.sandbox.state.inject(FaultPlan {
            id_token: Some(fault.into()),
            ..FaultPlan::default()
        });
        let e = d.connect(None).await.unwrap_err();
        assert_eq!(e.code, ErrorCode::Microsoft, "{fault}: {e:?}");
        assert!(e.message.contains("ID token"), "{fault}: {e:?}");
        let detail = e.detail.unwrap_or_default().to_lowercase();
        assert!(detail.contains(why), "{fault}: {detail}");
    }
    // `aud` as an array holding this app is valid (OpenID Connect Core §2).
    d.sandbox.state.inject(FaultPlan {
        id_token: Some("audience_array".into()),
        ..FaultPlan::default()
    });
    let r = d.connect(None).await.unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(r.account.email.as_deref(), Some(f::USERS[0].email));
}
