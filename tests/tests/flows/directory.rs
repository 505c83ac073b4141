//! The organization's directory through the administrator's Graph sign-in: every person with a
//! mailbox across Graph's pages (throttling waited out), each joined with its Nylas grant:
//! valid, invalid with the reason its last test gave, or not connected.

use std::sync::{Arc, Mutex};

use mailbox_connect_core::bulk::RunKind;
use mailbox_connect_core::job::JobEvent;
use mailbox_connect_core::services::directory::{Connection, DirectoryFilter, Pick};
use mailbox_connect_e2e::graph_session::admin_sign_in;
use mailbox_connect_e2e::harness::{demo_organization, job};
use mailbox_connect_sandbox::faults::{FaultPlan, GraphThrottle};

#[tokio::test]
async fn the_directory_lists_everyone_with_a_mailbox_joined_with_their_grants() {
    let d = demo_organization(1200).await;
    let people = d.sandbox.state.lock().directory.clone();
    let with_mail = d.sandbox.state.mailboxes();
    let (fine, revoked) = (with_mail[20].clone(), with_mail[21].clone());
    let done = d
        .core
        .bulk
        .run(
            RunKind::Connect,
            &[fine.clone(), revoked.clone()],
            &job(&d.core, Arc::new(|_| {})),
        )
        .await
        .unwrap();
    assert_eq!(done.connected, 2, "{done:?}");
    // One owner's sign-in is revoked; the test that finds it out says why.
    d.sandbox.state.revoke_sign_in_sessions(&revoked);
    let report = d.core.tools.check_grant(&revoked).await.unwrap();
    assert!(!report.check.ok);

    // Graph throttles the first page: waited out, not failed.
    d.sandbox.state.inject(FaultPlan {
        graph_throttle: Some(GraphThrottle {
            count: 1,
            retry_after: 1,
        }),
        ..Default::default()
    });
    let read = Arc::new(Mutex::new(Vec::new()));
    let seen = read.clone();
    let listing = job(
        &d.core,
        Arc::new(move |e| {
            if let JobEvent::Progress(p) = e {
                seen.lock().unwrap().push(p.done);
            }
        }),
    );
    let t = d
        .core
        .directory
        .list(&admin_sign_in(), None, DirectoryFilter::All, &listing)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    // Every page: 999 then the rest (the users without a mailbox read but not shown).
    assert_eq!(*read.lock().unwrap(), vec![999, 1200]);
    assert_eq!(t.total as usize, with_mail.len());
    assert_eq!(t.rows.len(), with_mail.len());
    assert_eq!((t.valid, t.invalid), (1, 1));
    assert_eq!(t.not_connected as usize, with_mail.len() - 2);
    let row = |email: &str| t.rows.iter().find(|r| r.email == email).unwrap().clone();
    assert_eq!(row(&fine).connection, Connection::Valid);
    let invalid = row(&revoked);
    assert_eq!(invalid.connection, Connection::Invalid);
    assert!(
        invalid.reason.as_deref().unwrap().contains("sign in again"),
        "{invalid:?}"
    );
    let shared = people.iter().find(|p| p.shared).unwrap();
    assert!(row(shared.mail.as_deref().unwrap()).shared);

    // A search is Graph's; the filter is applied to the joined rows.
    let found = d
        .core
        .directory
        .list(
            &admin_sign_in(),
            Some("vance"),
            DirectoryFilter::All,
            &job(&d.core, Arc::new(|_| {})),
        )
        .await
        .unwrap();
    assert_eq!(found.rows.len(), 1);
    assert_eq!(found.rows[0].name, "Adele Vance");
    let invalid_only = d
        .core
        .directory
        .list(
            &admin_sign_in(),
            None,
            DirectoryFilter::Invalid,
            &job(&d.core, Arc::new(|_| {})),
        )
        .await
        .unwrap();
    assert_eq!(invalid_only.rows.len(), 1);
    assert_eq!(invalid_only.rows[0].email, revoked);

    // "Renew the not working": the invalid one signed in again through the organization's
    // approval, the same grant renewed.
    let renew = d.core.directory.choose(Pick::Invalid).unwrap();
    assert_eq!(
        (renew.kind, renew.emails.clone()),
        (RunKind::Reauthenticate, vec![revoked.clone()])
    );
    let done = d
        .core
        .bulk
        .run(renew.kind, &renew.emails, &job(&d.core, Arc::new(|_| {})))
        .await
        .unwrap();
    assert_eq!(done.connected, 1, "{done:?}");
    let rows = d.core.bulk.rows(&done.id).unwrap();
    assert_eq!(rows[0].grant_id, invalid.grant_id, "the same grant");
    assert!(rows[0].check.as_ref().unwrap().ok);
    let page = d.core.directory.page(DirectoryFilter::Invalid, 0).unwrap().unwrap();
    assert_eq!((page.invalid, page.shown), (0, 0));
}
