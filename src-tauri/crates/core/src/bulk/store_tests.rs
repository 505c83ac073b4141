//! The bulk runs' store across a reopen, as after a kill: counts, what is left, ledger lines
//! written once, addresses added once, failed ones retried.

use super::*;
use crate::error::AppError;

fn emails(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_run_keeps_each_mailboxs_state_across_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.db");
    let store = RunStore::open(&path).unwrap();
    let id = store
        .create("p1", RunKind::Connect, &emails(&["a@x.com", "b@x.com", "c@x.com"]))
        .unwrap();
    store.started(&id, "a@x.com").unwrap();
    store.connected(&id, "a@x.com", "g-a", None).unwrap();
    store.started(&id, "b@x.com").unwrap();
    store.failed(&id, "c@x.com", &AppError::internal("no")).unwrap();
    drop(store);

    // As after a kill: the file says where the run stopped.
    let store = RunStore::open(&path).unwrap();
    let s = store.unfinished("p1").unwrap().unwrap();
    assert_eq!(
        (s.id.as_str(), s.total, s.connected, s.failed, s.left),
        (id.as_str(), 3, 1, 1, 1)
    );
    assert_eq!(
        store.to_do(&id).unwrap(),
        vec![("b@x.com".to_string(), RowState::Started)]
    );
    assert_eq!(store.unledgered(&id).unwrap().len(), 1);
    store.ledgered(&id, "a@x.com").unwrap();
    assert!(store.unledgered(&id).unwrap().is_empty());
    assert!(store.unfinished("p2").unwrap().is_none());

    // New addresses join after the last; one it holds is not added twice.
    assert_eq!(store.extend(&id, &emails(&["a@x.com", "d@x.com"])).unwrap(), 1);
    assert_eq!(store.rows(&id).unwrap().last().unwrap().email, "d@x.com");
    // The failed one is tried again alone.
    assert_eq!(store.retry_failed(&id).unwrap(), 1);
    assert_eq!(store.to_do(&id).unwrap().len(), 3);
    let rows = store.rows(&id).unwrap();
    assert!(rows[2].error.is_none());
    store.set_state(&id, RunState::Finished).unwrap();
    assert!(store.unfinished("p1").unwrap().is_none());
}
