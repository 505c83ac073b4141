//! A bulk run over the demo directory: paused part-way, a mailbox left "started" as a kill
//! during Nylas's call would leave it, then resumed: every mailbox connected once (no second
//! call for the one Nylas had already made), one grant and one ledger line each, and the
//! mailbox without an Exchange mailbox failed in plain words, retried alone. A stopped run is not
//! offered again.

use std::sync::{Arc, Mutex, OnceLock};

use mailbox_connect_core::bulk::{RowState, RunKind, RunState, RunStore};
use mailbox_connect_core::job::{Job, JobEvent};
use mailbox_connect_core::profile::ledger::{LedgerEvent, Method};
use mailbox_connect_core::ErrorCode;
use mailbox_connect_e2e::harness::{demo_organization, job};

#[tokio::test]
async fn a_paused_run_resumes_with_nothing_done_twice_and_nothing_missed() {
    let d = demo_organization(60).await;
    let people = d.sandbox.state.lock().directory.clone();
    let mut emails: Vec<String> = people.iter().skip(3).filter_map(|p| p.mail.clone()).collect();
    let no_mailbox = people.iter().find(|p| p.mail.is_none()).unwrap().upn.clone();
    emails.push(no_mailbox.clone());
    let total = emails.len();

    // Paused after ten mailboxes: the job is cancelled, the run kept.
    let stop: Arc<OnceLock<Job>> = Arc::default();
    let (seen, stopper) = (Arc::new(Mutex::new(0)), stop.clone());
    let counter = seen.clone();
    let first = job(
        &d.core,
        Arc::new(move |e| {
            if let JobEvent::Bulk(p) = e {
                assert!(p.total as usize == total && p.per_minute >= 0.0, "{p:?}");
                let mut n = counter.lock().unwrap();
                *n += 1;
                if *n == 10 {
                    stopper.get().unwrap().cancel_signal().cancel();
                }
            }
        }),
    );
    assert!(stop.set(first.clone()).is_ok());
    let e = d.core.bulk.run(RunKind::Connect, &emails, &first).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Cancelled, "{e:?}");
    let run = d.core.bulk.unfinished().unwrap().expect("a run to resume");
    assert_eq!(run.state, RunState::Running);
    assert!(run.connected >= 10 && run.left > 0, "{run:?}");

    // As if killed while Nylas was being asked for one mailbox, and Nylas had made its grant.
    let store = RunStore::open(&d.dir.path().join("state.db")).unwrap();
    let (asked, _) = store.to_do(&run.id).unwrap().into_iter().next().unwrap();
    store.started(&run.id, &asked).unwrap();
    let p = people
        .iter()
        .find(|p| p.mail.as_deref() == Some(asked.as_str()))
        .unwrap();
    d.sandbox
        .state
        .lock()
        .upsert_grant("microsoft", &asked, &p.name, &p.oid, vec!["Mail.Read".into()], None);

    d.sandbox.state.start_request_log();
    let done = d
        .core
        .bulk
        .resume(&run.id, &job(&d.core, Arc::new(|_| {})))
        .await
        .unwrap();
    let requests = d.sandbox.state.take_request_log();
    let connects = requests
        .iter()
        .filter(|r| r.starts_with("POST /v3/connect/custom"))
        .count();
    assert_eq!(
        connects,
        run.left as usize - 1,
        "the started one was looked up, not asked again"
    );
    assert!(
        requests
            .iter()
            .any(|r| r.contains("/v3/grants?") && r.contains("email=")),
        "{requests:?}"
    );
    assert_eq!(done.state, RunState::Finished);
    assert_eq!(
        (done.connected as usize, done.failed, done.left),
        (total - 1, 1, 0),
        "{done:?}"
    );

    // One grant and one ledger line per mailbox.
    let grants = d.sandbox.state.lock().grants.clone();
    for e in &emails[..total - 1] {
        let n = grants.iter().filter(|g| g.email.as_deref() == Some(e.as_str())).count();
        assert_eq!(n, 1, "{e}");
    }
    let ledger = d.core.tools.ledger().unwrap();
    let connected: Vec<_> = ledger
        .iter()
        .filter(|l| l.event == LedgerEvent::Connected && l.method == Some(Method::Bulk))
        .collect();
    assert_eq!(connected.len(), total - 1);

    // The mailbox-less user failed in plain words; retried alone, it fails the same way.
    let rows = d.core.bulk.rows(&run.id).unwrap();
    let failed = rows.iter().find(|r| r.state == RowState::Failed).unwrap();
    assert_eq!(failed.email, no_mailbox);
    let said = failed.error.as_ref().unwrap();
    assert!(said.message.contains("has no Exchange Online mailbox"), "{said:?}");
    d.sandbox.state.start_request_log();
    let again = d
        .core
        .bulk
        .retry_failed(&run.id, &job(&d.core, Arc::new(|_| {})))
        .await
        .unwrap();
    let requests = d.sandbox.state.take_request_log();
    assert_eq!(
        requests
            .iter()
            .filter(|r| r.starts_with("POST /v3/connect/custom"))
            .count(),
        1
    );
    assert_eq!((again.failed, again.left), (1, 0));
    assert!(d.core.bulk.unfinished().unwrap().is_none());
}

#[tokio::test]
async fn a_stopped_run_is_not_offered_again_and_keeps_what_it_did() {
    let d = demo_organization(20).await;
    let emails: Vec<String> = d
        .sandbox
        .state
        .lock()
        .directory
        .iter()
        .skip(3)
        .filter_map(|p| p.mail.clone())
        .take(3)
        .collect();
    // Stopped before it began: the run is kept, its mailboxes pending.
    let stopped = job(&d.core, Arc::new(|_| {}));
    stopped.cancel_signal().cancel();
    let e = d.core.bulk.run(RunKind::Connect, &emails, &stopped).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Cancelled);
    let run = d.core.bulk.unfinished().unwrap().unwrap();
    assert_eq!((run.total, run.left), (3, 3));
    // "Stop it": not offered again; a new selection starts a run of its own.
    d.core.bulk.cancel(&run.id).unwrap();
    assert!(d.core.bulk.unfinished().unwrap().is_none());
    assert_eq!(d.core.bulk.rows(&run.id).unwrap().len(), 3);
    let again = d
        .core
        .bulk
        .run(RunKind::Connect, &emails[..1], &job(&d.core, Arc::new(|_| {})))
        .await
        .unwrap();
    assert_ne!(again.id, run.id);
    assert_eq!((again.total, again.connected), (1, 1));
}
