//! #20's "done when" for the command line, as the real binary against a demo tenant of 300
//! people that outlives it: `bulk-connect --demo --all-not-connected` killed (SIGKILL) part-way
//! and run again finishes the rest: every person with a mailbox has exactly one grant and one
//! ledger line, none is missed; a list with mistakes is reported line by line, exit 3.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use mailbox_connect_core::profile::ledger::{LedgerEntry, Method};
use mailbox_connect_e2e::binary::{answer_sign_in, finish, run_against};
use mailbox_connect_e2e::graph_session::ADMIN;
use mailbox_connect_sandbox::Sandbox;

#[tokio::test]
#[ignore = "needs the built app binary and a Secret Service: run through `make test`"]
async fn bulk_connect_killed_half_way_finishes_the_rest_with_nothing_twice() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    sb.state.directory_of(300);
    let seeded = sb.state.mailboxes();
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let urls = home.join("opened-urls.txt");
    let args = ["bulk-connect", "--demo", "--all-not-connected", "--email", ADMIN];

    // Killed once a hundred mailboxes are done.
    let (mut child, rx) = run_against(&sb, &home, &urls, &args);
    answer_sign_in(&urls).await;
    let started = Instant::now();
    let mut seen = Vec::new();
    while seen.iter().filter(|l: &&String| l.starts_with('[')).count() < 100 {
        match rx.try_recv() {
            Ok(line) => seen.push(line),
            Err(_) => tokio::time::sleep(Duration::from_millis(5)).await,
        }
        assert!(started.elapsed() < Duration::from_secs(60), "{seen:?}");
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let made = sb.state.lock().grants.len();
    assert!(
        made >= 100 && made < seeded.len(),
        "killed part-way: {made} of {}",
        seeded.len()
    );
    assert!(seen.iter().any(|l| l.contains("connected (0 failed")), "{seen:?}");

    // Run again: the rest, and nothing twice.
    let (child, rx) = run_against(&sb, &home, &urls, &args);
    answer_sign_in(&urls).await;
    let (code, out) = finish(child, &rx).await;
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Resuming the run stopped with"), "{out}");
    // One run from the first start to the end: all of it connected.
    assert!(
        out.ends_with(&format!("# {0} of {0} mailboxes connected, 0 failed", seeded.len())),
        "{out}"
    );
    let grants = sb.state.lock().grants.clone();
    let mut per_email: HashMap<String, usize> = HashMap::new();
    for g in &grants {
        *per_email.entry(g.email.clone().unwrap().to_lowercase()).or_default() += 1;
    }
    for e in &seeded {
        assert_eq!(per_email.get(e).copied(), Some(1), "{e}: one grant");
    }
    assert_eq!(grants.len(), seeded.len());
    let ledger = std::fs::read_to_string(home.join(".config/com.mailboxconnect.app/ledger.jsonl")).unwrap();
    let lines: Vec<LedgerEntry> = ledger.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(lines.iter().all(|l| l.method == Some(Method::Bulk)));
    let mut per_line: HashMap<&str, usize> = HashMap::new();
    for l in &lines {
        *per_line.entry(l.email.as_str()).or_default() += 1;
    }
    assert!(
        seeded.iter().all(|e| per_line.get(e.as_str()) == Some(&1)),
        "one ledger line each"
    );

    // A list with mistakes: each line reported, nothing sent for them, exit 3.
    let list = home.join("list.csv");
    std::fs::write(
        &list,
        "email\nadele.vance@contoso-demo.onmicrosoft.com\nsomeone@fabrikam.com\nnot-an-address\n",
    )
    .unwrap();
    let (child, rx) = run_against(
        &sb,
        &home,
        &urls,
        &[
            "bulk-connect",
            "--demo",
            "--csv",
            list.to_str().unwrap(),
            "--email",
            ADMIN,
        ],
    );
    answer_sign_in(&urls).await;
    let (code, out) = finish(child, &rx).await;
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("skipped line 2: Already connected"), "{out}");
    assert!(
        out.contains("refused line 3: fabrikam.com is not a domain of this organization."),
        "{out}"
    );
    assert!(out.contains("refused line 4: No email address on this line."), "{out}");
    assert_eq!(sb.state.lock().grants.len(), seeded.len());
}
