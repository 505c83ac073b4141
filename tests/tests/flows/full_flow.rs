//! The whole consent-to-grant flow against the sandbox over real loopback HTTP.

use mailbox_connect_core::microsoft::cloud::IdentityCloud;
use mailbox_connect_core::microsoft::oauth::ResponseMode;
use mailbox_connect_core::nylas::types::ConnectorAction;
use mailbox_connect_core::nylas::Region;
use mailbox_connect_core::profile::wizard::WizardStep;
use mailbox_connect_core::services::{AzureAppInput, NylasInput};
use mailbox_connect_core::{ErrorCode, Sensitive};
use mailbox_connect_e2e::graph_session::{graph, sign_in, ADMIN};
use mailbox_connect_e2e::harness::{demo_env, expiry_in, job, keep_started, services};
use mailbox_connect_e2e::scripted_browser::{Decision, ScriptedBrowser};
use mailbox_connect_sandbox::{fixtures as f, Sandbox};

#[tokio::test]
async fn demo_flow_registers_a_grant_in_both_response_modes() {
    for mode in [ResponseMode::FormPost, ResponseMode::Query] {
        let sb = Sandbox::start("127.0.0.1").await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let browser = ScriptedBrowser::new(Decision::Accept);
        let eng = services(dir.path(), browser.clone(), mode);
        let st = eng.setup.begin(Some(demo_env(&sb))).await.unwrap();
        assert!(st.profile.demo && st.profile.secret_saved && st.profile.api_key_saved);
        let (report, started) = keep_started();
        let result = eng.sign_in.connect(None, &job(&eng, report)).await.unwrap();
        let started = started.lock().unwrap().clone().unwrap();
        assert!(
            started.redirect_uri.starts_with("http://localhost:"),
            "{}",
            started.redirect_uri
        );
        assert!(started.url.contains("code_challenge_method=S256") && started.url.contains("state="));
        assert_eq!(result.account.email.as_deref(), Some(f::USERS[0].email));
        assert_eq!(result.account.tenant_id.as_deref(), Some(f::TENANT_ID));
        assert!(!result.account.personal);
        assert!(result.scopes.missing.is_empty(), "{:?}", result.scopes);
        assert_eq!(result.connector, ConnectorAction::Created);
        assert_eq!(result.grant.grant_status.as_deref(), Some("valid"));
        assert!(result.check.ok, "{:?}", result.check);
        // The tab was answered after Nylas registered and tested the grant, with that outcome.
        let page = browser.final_page().await;
        assert!(page.contains("Connected") && page.contains(f::USERS[0].email), "{page}");
        assert_eq!(eng.setup.state().unwrap().profile.step, WizardStep::Result);
        // The listener is single use: the port is closed after the answer.
        let port: u16 = started
            .redirect_uri
            .trim_start_matches("http://localhost:")
            .split('/')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err());
    }
}

#[tokio::test]
async fn cancel_on_the_consent_page_gives_a_specific_message_and_retry_works() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let eng = services(
        dir.path(),
        ScriptedBrowser::new(Decision::Cancel),
        ResponseMode::FormPost,
    );
    eng.setup.begin(Some(demo_env(&sb))).await.unwrap();
    let err = eng.sign_in.connect(None, &eng.jobs.start(|_| {})).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::ConsentDeclined, "{err:?}");
    assert!(err.message.contains("without permission"), "{err:?}");
    assert!(err.detail.unwrap().starts_with("AADSTS65004"));
    // Same profile, second attempt, accepted: the wizard continues.
    let eng2 = services(
        dir.path(),
        ScriptedBrowser::new(Decision::Accept),
        ResponseMode::FormPost,
    );
    eng2.setup.begin(Some(demo_env(&sb))).await.unwrap();
    assert!(
        eng2.sign_in
            .connect(None, &eng2.jobs.start(|_| {}))
            .await
            .unwrap()
            .check
            .ok
    );
}

#[tokio::test]
async fn real_mode_against_sandbox_catches_bad_ids_and_secrets_before_the_browser() {
    let (sb, _dir, eng) = real_mode().await;
    let expires = expiry_in(365);
    let input = |client_id: &str, secret: &str| azure_app(&sb, client_id, f::TENANT_ID, secret, Some(&expires));
    let e = eng
        .setup
        .save_azure_app(input("not-a-guid", f::SECRET_VALUE))
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("client_id"));
    let e = eng
        .setup
        .save_azure_app(input("0f0f0f0f-1111-4222-8333-444455556666", f::SECRET_VALUE))
        .await
        .unwrap_err();
    assert!(e.detail.as_deref().unwrap().starts_with("AADSTS700016"), "{e:?}");
    let e = eng
        .setup
        .save_azure_app(input(f::CLIENT_ID, f::SECRET_ID))
        .await
        .unwrap_err();
    assert!(e.message.contains("Secret ID"), "{e:?}");
    let e = eng
        .setup
        .save_azure_app(input(f::CLIENT_ID, "Wr0Q~this.is.not.the.right.secret.value.x"))
        .await
        .unwrap_err();
    assert!(e.detail.as_deref().unwrap().starts_with("AADSTS7000215"), "{e:?}");
    let e = eng
        .setup
        .save_azure_app(input(f::CLIENT_ID, f::EXPIRED_SECRET_VALUE))
        .await
        .unwrap_err();
    assert!(e.message.contains("expired"), "{e:?}");
    // An expiry date already past is refused at its field.
    let past = azure_app(&sb, f::CLIENT_ID, f::TENANT_ID, f::SECRET_VALUE, Some("2020-01-31"));
    let e = eng.setup.save_azure_app(past).await.unwrap_err();
    assert_eq!(e.field.as_deref(), Some("secret_expires_on"));
    assert!(e.message.contains("expired on Friday 31 January 2020"), "{e:?}");
    // Nothing typed is lost.
    assert_eq!(eng.setup.state().unwrap().profile.client_id, f::CLIENT_ID);
    let st = eng
        .setup
        .save_azure_app(input(f::CLIENT_ID, f::SECRET_VALUE))
        .await
        .unwrap();
    assert_eq!(st.profile.step, WizardStep::Nylas);
    // A key never pasted is asked for here, at its field, not sent to "the Nylas step".
    let e = eng
        .setup
        .save_nylas(NylasInput {
            region: Region::Custom(sb.nylas_url.clone()),
            api_key: Sensitive::from(" "),
        })
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("api_key"));
    assert!(
        e.message.contains("missing") && !e.fix.clone().unwrap_or_default().contains("Nylas step"),
        "{e:?}"
    );
    let e = eng
        .setup
        .save_nylas(NylasInput {
            region: Region::Custom(sb.nylas_url.clone()),
            api_key: Sensitive::from("nyk_v0_wrong_key_000000000000000000"),
        })
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("api_key"));
    let st = eng
        .setup
        .save_nylas(NylasInput {
            region: Region::Custom(sb.nylas_url.clone()),
            api_key: Sensitive::from(f::NYLAS_API_KEY),
        })
        .await
        .unwrap();
    assert_eq!(st.profile.step, WizardStep::Consent);
    let r = eng
        .sign_in
        .connect(
            Some("megan.bowen@contoso-demo.onmicrosoft.com".into()),
            &eng.jobs.start(|_| {}),
        )
        .await
        .unwrap();
    assert_eq!(r.account.email.as_deref(), Some(f::USERS[1].email));
}

#[tokio::test]
async fn with_common_a_directory_id_as_client_id_is_caught_and_what_was_not_checked_is_said() {
    let (sb, _dir, eng) = real_mode().await;
    let input = |client_id: &str, tenant: &str| azure_app(&sb, client_id, tenant, f::SECRET_VALUE, None);
    // The tenant's own ID in the client-ID field, with the tenant left at common.
    let e = eng
        .setup
        .save_azure_app(input(f::TENANT_ID, "common"))
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("client_id"), "{e:?}");
    assert!(e.message.contains("Directory (tenant) ID"), "{e:?}");
    // The demo app is for its organization only: Microsoft refuses it at common (AADSTS50194),
    // which is said at the tenant field before anyone signs in (#22 item 9).
    let e = eng
        .setup
        .save_azure_app(input(f::CLIENT_ID, "common"))
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("tenant"), "{e:?}");
    assert!(
        e.message.contains("AADSTS50194") && e.fix.as_deref().unwrap().contains("Directory (tenant) ID"),
        "{e:?}"
    );
    // Made multi-tenant in the portal: common is saved, marked as not yet checked by Microsoft.
    let token = sign_in(&sb, ADMIN).await;
    let app = format!("applications(appId='{}')", f::CLIENT_ID);
    let body = serde_json::json!({"signInAudience": "AzureADMultipleOrgs"});
    assert_eq!(graph(&sb, &token, "PATCH", &app, Some(body), false).await.0, 204);
    let st = eng.setup.save_azure_app(input(f::CLIENT_ID, "common")).await.unwrap();
    assert!(!st.profile.credentials_checked);
    // With the directory given, Microsoft checks them before the browser opens.
    eng.setup.go_to(WizardStep::Credentials).unwrap();
    let st = eng
        .setup
        .save_azure_app(input(f::CLIENT_ID, f::TENANT_ID))
        .await
        .unwrap();
    assert!(st.profile.credentials_checked);
}

/// A sandbox and services set up for the admin's own organization (not the demo).
async fn real_mode() -> (Sandbox, tempfile::TempDir, mailbox_connect_core::Services) {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let eng = services(
        dir.path(),
        ScriptedBrowser::new(Decision::Accept),
        ResponseMode::FormPost,
    );
    eng.setup.begin(None).await.unwrap();
    (sb, dir, eng)
}

/// The credentials form's input, with the sandbox as the Microsoft cloud.
fn azure_app(sb: &Sandbox, client_id: &str, tenant: &str, secret: &str, expires: Option<&str>) -> AzureAppInput {
    AzureAppInput {
        client_id: client_id.into(),
        tenant: tenant.into(),
        cloud: IdentityCloud::Custom(sb.identity_url.clone()),
        client_secret: Sensitive::from(secret),
        secret_expires_on: expires.map(str::to_string),
    }
}
