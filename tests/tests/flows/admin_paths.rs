//! Hosted auth, admin consent with bulk auth, and Exchange on-premises against the sandbox.

use std::sync::Arc;

use mailbox_connect_core::bulk::RunKind;
use mailbox_connect_core::nylas::types::EwsAccount;
use mailbox_connect_core::profile::ledger::Method;
use mailbox_connect_core::profile::AuthMode;
use mailbox_connect_core::{ErrorCode, Sensitive};
use mailbox_connect_e2e::graph_session::revoke_tenant_consent;
use mailbox_connect_e2e::harness::{demo, job, keep_started};
use mailbox_connect_e2e::scripted_browser::Decision;
use mailbox_connect_sandbox::fixtures as f;

#[tokio::test]
async fn nylas_hosted_auth_registers_the_callback_and_redeems_nylas_code() {
    let d = demo(Decision::Accept).await;
    d.core.setup.set_auth_mode(AuthMode::Hosted).unwrap();
    let (report, started) = keep_started();
    let r = d
        .core
        .sign_in
        .connect(Some(f::USERS[1].email.into()), &job(&d.core, report))
        .await
        .unwrap_or_else(|e| panic!("{e:?}\n{}", d.browser.last_page()));
    let started = started.lock().unwrap().clone().unwrap();
    assert!(
        started
            .url
            .starts_with(&format!("{}/v3/connect/auth?", d.sandbox.nylas_url)),
        "{}",
        started.url
    );
    assert!(started.url.contains("code_challenge_method=S256") && started.url.contains("access_type=offline"));
    assert_eq!(r.grant.email.as_deref(), Some(f::USERS[1].email));
    assert!(r.check.ok, "{:?}", r.check);
    // The loopback callback was registered with the Nylas application, once.
    assert_eq!(d.sandbox.state.lock().callback_uris.len(), 1);
    assert_eq!(d.core.tools.ledger().unwrap()[0].method, Some(Method::Hosted));
}

#[tokio::test]
async fn admin_approval_required_then_admin_consent_then_bulk_auth() {
    let d = demo(Decision::Accept).await;
    revoke_tenant_consent(&d.sandbox).await;
    // Lee is not an administrator and user consent is off. As with Microsoft, "Need admin
    // approval" is shown on Microsoft's own page; its way back reaches the app as a decline
    // (AADSTS65004), which the app explains with the admin path.
    let e = d.connect(Some(f::USERS[2].email)).await.unwrap_err();
    assert!(d.browser.saw("Need admin approval"), "{}", d.browser.last_page());
    assert_eq!(e.code, ErrorCode::ConsentDeclined, "{e:?}");
    assert!(
        e.fix.as_deref().unwrap().contains("administrator must approve"),
        "{e:?}"
    );
    assert!(e.detail.as_deref().unwrap().starts_with("AADSTS65004"), "{e:?}");
    assert!(d.browser.final_page().await.contains("data-result=\"err\""));
    let e = d
        .core
        .bulk
        .run(
            RunKind::Connect,
            &[f::USERS[2].email.into()],
            &job(&d.core, Arc::new(|_| {})),
        )
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("emails"));
    assert!(e.message.contains("No administrator has approved"), "{e:?}");

    let (report, started) = keep_started();
    let approved = d.core.sign_in.admin_consent(&job(&d.core, report)).await.unwrap();
    let started = started.lock().unwrap().clone().unwrap();
    assert!(started.url.contains("/v2.0/adminconsent?client_id="), "{}", started.url);
    assert_eq!(approved.tenant.as_deref(), Some(f::TENANT_ID));
    assert!(!approved.credential_id.is_empty());
    assert_eq!(
        d.core.setup.state().unwrap().profile.admin_credential_id.as_deref(),
        Some(approved.credential_id.as_str())
    );

    let emails: Vec<String> = vec![f::USERS[2].email.into(), "nobody@contoso-demo.onmicrosoft.com".into()];
    let done = d
        .core
        .bulk
        .run(RunKind::Connect, &emails, &job(&d.core, Arc::new(|_| {})))
        .await
        .unwrap();
    assert_eq!((done.connected, done.failed), (1, 1), "{done:?}");
    let rows = d.core.bulk.rows(&done.id).unwrap();
    assert!(
        rows[0].grant_id.is_some() && rows[0].check.as_ref().unwrap().ok,
        "{:?}",
        rows[0]
    );
    // The refusal says what is wrong with that mailbox, and what to do about it.
    let unknown = rows[1].error.as_ref().unwrap();
    assert_eq!(
        unknown.message,
        "There is no mailbox nobody@contoso-demo.onmicrosoft.com in this organization."
    );
    assert!(
        unknown.detail.as_deref().unwrap().contains("AADSTS50034"),
        "{unknown:?}"
    );
    assert!(
        unknown.fix.as_deref().unwrap().contains("remove the line"),
        "{unknown:?}"
    );
    // Now Lee can also sign in alone.
    assert!(d.connect(Some(f::USERS[2].email)).await.unwrap().check.ok);
}

#[tokio::test]
async fn admin_consent_refused_for_common_tenant() {
    let d = demo(Decision::Accept).await;
    // A multi-tenant app (common is refused for a single-organization one, AADSTS50194).
    let token = mailbox_connect_e2e::graph_session::sign_in(&d.sandbox, f::USERS[0].email).await;
    let app = format!("applications(appId='{}')", f::CLIENT_ID);
    let body = serde_json::json!({"signInAudience": "AzureADMultipleOrgs"});
    let patched = mailbox_connect_e2e::graph_session::graph(&d.sandbox, &token, "PATCH", &app, Some(body), false).await;
    assert_eq!(patched.0, 204, "{}", patched.1);
    let input = d.core.setup.state().unwrap().profile;
    d.core
        .setup
        .save_azure_app(mailbox_connect_core::services::AzureAppInput {
            client_id: input.client_id,
            tenant: "common".into(),
            cloud: input.cloud,
            client_secret: Sensitive::from(""),
            secret_expires_on: None,
        })
        .await
        .unwrap();
    let e = d
        .core
        .sign_in
        .admin_consent(&d.core.jobs.start(|_| {}))
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("tenant"));
}

fn ews(email: &str, password: &str, host: Option<&str>) -> EwsAccount {
    EwsAccount {
        email: email.into(),
        username: String::new(),
        password: Sensitive::from(password),
        host: host.map(str::to_string),
    }
}

#[tokio::test]
async fn exchange_on_premises_with_discovery_or_explicit_host() {
    let d = demo(Decision::Accept).await;
    let (name, email, password) = f::EWS_USERS[0];
    let r = d.core.mailboxes.connect_ews(ews(email, password, None)).await.unwrap();
    assert_eq!(r.grant.provider, "ews");
    assert!(r.check.ok, "{:?}", r.check);
    assert!(d.sandbox.state.lock().grants.iter().any(|g| g.name == name));
    let again = d
        .core
        .mailboxes
        .connect_ews(ews(email, password, Some(f::EWS_HOST)))
        .await
        .unwrap();
    assert_eq!(again.grant.id, r.grant.id, "re-authentication keeps the grant");

    let e = d
        .core
        .mailboxes
        .connect_ews(ews(email, "wrong", None))
        .await
        .unwrap_err();
    assert!(e
        .detail
        .as_deref()
        .unwrap()
        .contains("rejected the username or password"));
    // Blamed on the mailbox's password, not on the Nylas API key.
    assert_eq!(e.field.as_deref(), Some("password"), "{e:?}");
    assert!(!e.message.contains("API key"), "{e:?}");
    let e = d
        .core
        .mailboxes
        .connect_ews(ews("x@unknown-domain.example", "p", None))
        .await
        .unwrap_err();
    assert!(e.detail.unwrap().contains("auto-discover"));
    let e = d
        .core
        .mailboxes
        .connect_ews(ews(email, password, Some("https://mail/ews")))
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("host"));
    let e = d.core.mailboxes.connect_ews(ews(email, "", None)).await.unwrap_err();
    assert_eq!(e.field.as_deref(), Some("password"));
    assert_eq!(e.code, ErrorCode::InvalidInput);
}
