//! `make bench`, the organization: a 5,000-person directory read (every Graph page followed)
//! and joined with 5,000 grants, and 1,000 mailboxes connected under Nylas's rate limit.

use std::sync::Arc;
use std::time::{Duration, Instant};

use mailbox_connect_core::bulk::RunKind;
use mailbox_connect_core::graph::directory::User;
use mailbox_connect_core::nylas::grant_check::ADMIN_RATE_PER_SECOND;
use mailbox_connect_core::nylas::types::Grant;
use mailbox_connect_core::services::directory::{join, DirectoryFilter};
use mailbox_connect_e2e::graph_session::admin_sign_in;
use mailbox_connect_e2e::harness::{demo, demo_organization, job};
use mailbox_connect_e2e::scripted_browser::Decision;
use mailbox_connect_sandbox::faults::FaultPlan;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Reading a 5,000-person directory with every page, joined with a grant for each person.
pub async fn directory_of_five_thousand() {
    let d = demo(Decision::Accept).await;
    d.sandbox.state.directory_of(5000);
    let people = d.sandbox.state.lock().directory.clone();
    {
        let mut inner = d.sandbox.state.lock();
        for p in people.iter().filter(|p| p.mail.is_some()) {
            inner.upsert_grant("microsoft", p.email(), &p.name, &p.oid, vec!["Mail.Read".into()], None);
        }
        // Grants of addresses outside the directory too, up to 5,000.
        let n = inner.grants.len();
        for i in n..5000 {
            let email = format!("left{i}@fabrikam.example");
            inner.upsert_grant("microsoft", &email, "Left", "oid", vec![], None);
        }
    }
    let list = || async {
        d.core
            .directory
            .list(
                &admin_sign_in(),
                None,
                DirectoryFilter::All,
                &job(&d.core, Arc::new(|_| {})),
            )
            .await
            .unwrap()
    };
    let first = list().await; // signs the administrator in
    d.sandbox.state.start_request_log();
    let mut samples = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let table = list().await;
        samples.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(table.total, first.total);
    }
    let asked = d.sandbox.state.take_request_log();
    let graph_pages = asked.iter().filter(|r| r.contains("/v1.0/users")).count() / 5;
    let nylas_pages = asked.iter().filter(|r| r.contains("/v3/grants?")).count() / 5;
    // The join alone, in memory.
    let users: Vec<User> = people
        .iter()
        .map(|p| User {
            id: p.oid.clone(),
            display_name: Some(p.name.clone()),
            mail: p.mail.clone(),
            user_principal_name: Some(p.upn.clone()),
            account_enabled: Some(!p.shared),
        })
        .collect();
    let grants: Vec<Grant> = d
        .sandbox
        .state
        .lock()
        .grants
        .iter()
        .map(|g| Grant {
            id: g.id.clone(),
            provider: g.provider.clone(),
            email: g.email.clone(),
            grant_status: Some("valid".into()),
            scope: vec![],
            created_at: 0,
            updated_at: None,
        })
        .collect();
    let mut joins = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let rows = join(users.clone(), &grants, &Default::default());
        joins.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(rows.len() as u32, first.total);
    }
    println!(
        "directory of 5,000 people ({} with a mailbox) read and joined with {} grants: median {:.0} ms (n=5; {graph_pages} Graph pages and {nylas_pages} Nylas pages each); the join alone median {:.1} ms (n=20)",
        first.total,
        grants.len(),
        median(samples),
        median(joins)
    );
}

/// 1,000 mailboxes connected with Nylas's application limit on: how close to the floor the
/// limit sets (one admin call a mailbox), and how many 429s the demo tenant answered.
pub async fn connect_thousand() {
    let d = demo_organization(1200).await;
    let emails: Vec<String> = d.sandbox.state.mailboxes().into_iter().take(1000).collect();
    assert_eq!(emails.len(), 1000);
    d.sandbox.state.inject(FaultPlan {
        admin_rate_per_second: Some(ADMIN_RATE_PER_SECOND),
        ..FaultPlan::default()
    });
    // A fresh application starts with a full burst: let the bucket refill after the set-up.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let t = Instant::now();
    let done = d
        .core
        .bulk
        .run(RunKind::Connect, &emails, &job(&d.core, Arc::new(|_| {})))
        .await
        .unwrap();
    let took = t.elapsed().as_secs_f64();
    let floor = 1000.0 / f64::from(ADMIN_RATE_PER_SECOND);
    let limited = d.sandbox.state.lock().faults.rate_limited;
    println!(
        "connect 1,000 mailboxes (one admin call and one mailbox read each) under Nylas's {ADMIN_RATE_PER_SECOND} req/s admin limit: {took:.1} s vs floor {floor:.1} s ({:+.1}%; target within 10%); connected {}/1000; 429 responses: {limited} (target 0)",
        (took / floor - 1.0) * 100.0,
        done.connected
    );
}
