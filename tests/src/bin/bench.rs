//! `make bench`: speed figures measured against the in-process sandbox over real loopback HTTP.
//! Prints figures; never fails on a number (targets are printed beside them).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark: a panic is a broken setup

use std::sync::Arc;
use std::time::{Duration, Instant};

use mailbox_connect_core::legacy::{audit, V2Client, V2Input, CONCURRENCY, PAGE_SIZE};
use mailbox_connect_core::nylas::grant_check::{check_paced, ADMIN_RATE_PER_SECOND};
use mailbox_connect_core::nylas::NylasClient;
use mailbox_connect_core::services::azure_app::SignInOptions;
use mailbox_connect_core::Sensitive;
use mailbox_connect_e2e::harness::demo;
use mailbox_connect_e2e::scripted_browser::Decision;
use mailbox_connect_sandbox::faults::FaultPlan;
use mailbox_connect_sandbox::{fixtures as f, legacy, Sandbox};

#[path = "../bench/organization.rs"]
mod organization;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

async fn callback_to_grant() {
    let d = demo(Decision::Accept).await;
    let mut samples = Vec::new();
    for _ in 0..40 {
        let r = d.connect(None).await.unwrap();
        let done = Instant::now();
        assert!(r.check.ok);
        let sent = d.browser.answered_at.lock().unwrap().take().unwrap();
        samples.push(ms(done - sent));
    }
    samples.sort_by(f64::total_cmp);
    println!(
        "callback arrival → code redeemed, connector ensured, grant registered and tested: median {:.1} ms, p95 {:.1} ms (n={}; target < 30 ms)",
        percentile(&samples, 0.5),
        percentile(&samples, 0.95),
        samples.len()
    );
}

async fn migration_audit() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    {
        let mut inner = sb.state.lock();
        inner.v2_accounts = legacy::seed(10_000);
        inner.v2_latency_ms = 20;
    }
    let input = V2Input {
        base_url: sb.nylas_url.clone(),
        client_id: f::V2_CLIENT_ID.into(),
        client_secret: Sensitive::from(f::V2_CLIENT_SECRET),
    };
    let client = V2Client::new(reqwest::Client::new(), &input).unwrap();
    let t = Instant::now();
    let plain = audit(&client, 50, 1).await.unwrap();
    let plain_ms = ms(t.elapsed());
    let t = Instant::now();
    let ours = audit(&client, PAGE_SIZE, CONCURRENCY).await.unwrap();
    let ours_ms = ms(t.elapsed());
    assert_eq!(plain.affected, ours.affected);
    println!(
        "v2 migration audit, 10,000 accounts, 20 ms server latency per page: plain sequential 50-per-page loop {plain_ms:.0} ms ({} pages); Mailbox Connect {ours_ms:.0} ms ({} pages, {PAGE_SIZE} per page, {CONCURRENCY} in flight) → {:.1}× faster (target ≥ 10×); {} accounts flagged",
        plain.pages,
        ours.pages,
        plain_ms / ours_ms,
        ours.affected.len()
    );
}

async fn check_thousand_grants() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let grants: Vec<_> = {
        let mut inner = sb.state.lock();
        (0..1000)
            .map(|i| {
                let email = format!("bench{i:04}@contoso-demo.onmicrosoft.com");
                inner
                    .upsert_grant("microsoft", &email, "Bench", "oid", vec!["Mail.Read".into()], None)
                    .0
                    .id
            })
            .collect()
    };
    sb.state.inject(FaultPlan {
        admin_rate_per_second: Some(ADMIN_RATE_PER_SECOND),
        ..FaultPlan::default()
    });
    // Let the bucket refill after seeding (a fresh application starts with a full burst).
    tokio::time::sleep(Duration::from_secs(1)).await;
    let nylas = Arc::new(NylasClient::new(
        reqwest::Client::new(),
        sb.nylas_url.parse().unwrap(),
        Sensitive::from(f::NYLAS_API_KEY),
    ));
    let list: Vec<_> = {
        let mut all = Vec::new();
        for id in &grants {
            all.push(mailbox_connect_core::nylas::types::Grant {
                id: id.clone(),
                provider: "microsoft".into(),
                email: None,
                grant_status: None,
                scope: vec![],
                created_at: 0,
                updated_at: None,
            });
        }
        all
    };
    let t = Instant::now();
    let rows = check_paced(nylas, list, Default::default(), ADMIN_RATE_PER_SECOND)
        .await
        .unwrap();
    let took = t.elapsed().as_secs_f64();
    let floor = 1000.0 / ADMIN_RATE_PER_SECOND as f64;
    let limited = sb.state.lock().faults.rate_limited;
    println!(
        "check 1,000 grants (status + one mailbox read each) under Nylas's {ADMIN_RATE_PER_SECOND} req/s admin limit: {took:.1} s vs floor {floor:.1} s ({:+.1}%; target within 10%); passed {}/1000; 429 responses: {limited} (target 0)",
        (took / floor - 1.0) * 100.0,
        rows.iter().filter(|r| r.check.ok).count()
    );
}

/// The connection doctor on a healthy demo profile, the administrator already signed in: how long
/// a full check takes, and how many requests it makes (none should repeat).
async fn doctor_check() {
    let d = demo(Decision::Accept).await;
    let admin = SignInOptions {
        login_hint: Some("adele.vance@contoso-demo.onmicrosoft.com".into()),
        ..SignInOptions::default()
    };
    let check = || async {
        d.core
            .doctor
            .check(admin.clone(), &d.core.jobs.start(|_| {}))
            .await
            .unwrap()
    };
    assert!(check().await.findings.is_empty(), "the demo profile is healthy");
    d.sandbox.state.start_request_log();
    check().await;
    let asked = d.sandbox.state.take_request_log();
    let mut repeated: Vec<&String> = asked
        .iter()
        .filter(|r| asked.iter().filter(|x| x == r).count() > 1)
        .collect();
    repeated.dedup();
    let mut samples = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        check().await;
        samples.push(ms(started.elapsed()));
    }
    samples.sort_by(f64::total_cmp);
    println!(
        "doctor, full check of a healthy demo profile (administrator signed in): median {:.1} ms, p95 {:.1} ms (n={}; target < 2000 ms); {} requests, {} repeated (target: none){}",
        percentile(&samples, 0.5),
        percentile(&samples, 0.95),
        samples.len(),
        asked.len(),
        repeated.len(),
        if repeated.is_empty() { String::new() } else { format!(": {repeated:?}") }
    );
}

#[tokio::main]
async fn main() {
    println!(
        "Mailbox Connect benchmarks ({} build, {} cores)",
        if cfg!(debug_assertions) { "debug" } else { "release" },
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    );
    callback_to_grant().await;
    migration_audit().await;
    check_thousand_grants().await;
    doctor_check().await;
    organization::directory_of_five_thousand().await;
    organization::connect_thousand().await;
}
