//! Legacy v2: the Basic-Auth migration audit (all pages, concurrent) and native auth.

use mailbox_connect_core::legacy::{audit, V2Client, V2Input};
use mailbox_connect_core::nylas::types::EwsAccount;
use mailbox_connect_core::Sensitive;
use mailbox_connect_e2e::harness::{demo, job, keep_started};
use mailbox_connect_e2e::scripted_browser::Decision;
use mailbox_connect_sandbox::{fixtures as f, legacy};

fn v2(url: &str, secret: &str) -> V2Input {
    V2Input {
        base_url: url.into(),
        client_id: f::V2_CLIENT_ID.into(),
        client_secret: Sensitive::from(secret),
    }
}

#[tokio::test]
async fn audit_finds_every_exchange_password_account_across_pages() {
    let d = demo(Decision::Accept).await;
    let expected: Vec<String> = legacy::seed(f::V2_DEMO_ACCOUNTS)
        .into_iter()
        .filter(|a| matches!(a.provider.as_str(), "eas" | "ews") && a.authentication_type == "password")
        .map(|a| a.email)
        .collect();
    assert!(!expected.is_empty());
    let report = d
        .core
        .legacy
        .migration_audit(v2(&d.sandbox.nylas_url, f::V2_CLIENT_SECRET))
        .await
        .unwrap();
    assert_eq!(report.total_accounts, f::V2_DEMO_ACCOUNTS);
    assert_eq!(
        report.affected.iter().map(|a| a.email.clone()).collect::<Vec<_>>(),
        expected
    );

    // Small pages, sequential and concurrent, give the same answer.
    let client = V2Client::new(reqwest::Client::new(), &v2(&d.sandbox.nylas_url, f::V2_CLIENT_SECRET)).unwrap();
    let seq = audit(&client, 50, 1).await.unwrap();
    let par = audit(&client, 50, 8).await.unwrap();
    assert_eq!(seq.affected, par.affected);
    assert_eq!(seq.pages, 5);
    assert_eq!(seq.total_accounts, par.total_accounts);

    let e = d
        .core
        .legacy
        .migration_audit(v2(&d.sandbox.nylas_url, "wrong-secret"))
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("v2_client_secret"));
    let e = d
        .core
        .legacy
        .migration_audit(v2("ftp://x", f::V2_CLIENT_SECRET))
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("v2_base_url"));
}

#[tokio::test]
async fn v2_native_auth_for_exchange_and_office365() {
    let d = demo(Decision::Accept).await;
    let (_, email, password) = f::EWS_USERS[1];
    let account = EwsAccount {
        email: email.into(),
        username: String::new(),
        password: Sensitive::from(password),
        host: None,
    };
    let linked = d
        .core
        .legacy
        .link_exchange(v2(&d.sandbox.nylas_url, f::V2_CLIENT_SECRET), account)
        .await
        .unwrap();
    assert_eq!(linked.email_address, email);
    let bad = EwsAccount {
        email: email.into(),
        username: String::new(),
        password: Sensitive::from("nope"),
        host: None,
    };
    let e = d
        .core
        .legacy
        .link_exchange(v2(&d.sandbox.nylas_url, f::V2_CLIENT_SECRET), bad)
        .await
        .unwrap_err();
    assert!(e.message.contains("rejected"), "{e:?}");

    let (report, started) = keep_started();
    let linked = d
        .core
        .sign_in
        .v2_office365(
            v2(&d.sandbox.nylas_url, f::V2_CLIENT_SECRET),
            None,
            &job(&d.core, report),
        )
        .await
        .unwrap();
    let started = started.lock().unwrap().clone().unwrap();
    assert!(
        started.url.contains("EAS.AccessAsUser.All")
            && started
                .url
                .contains(&format!("/{}/oauth2/v2.0/authorize", f::TENANT_ID))
    );
    assert_eq!(linked.provider, "office365");
    assert_eq!(linked.email_address, f::USERS[0].email);
}
