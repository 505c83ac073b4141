//! `mailbox-connect directory --demo` as the real binary against a demo tenant of 1,500 people:
//! the administrator's sign-in answered, every seeded person with a mailbox listed across
//! Graph's pages (as JSON, and as rows with a summary), the filter applied.

use std::collections::HashSet;

use mailbox_connect_e2e::binary::{answer_sign_in, finish, run_against};
use mailbox_connect_e2e::graph_session::ADMIN;
use mailbox_connect_sandbox::Sandbox;
use serde_json::Value;

async fn directory(sb: &Sandbox, home: &std::path::Path, extra: &[&str]) -> (i32, String) {
    let urls = home.join("opened-urls.txt");
    let mut args = vec!["directory", "--demo", "--email", ADMIN];
    args.extend_from_slice(extra);
    let (child, rx) = run_against(sb, home, &urls, &args);
    answer_sign_in(&urls).await;
    finish(child, &rx).await
}

#[tokio::test]
#[ignore = "needs the built app binary and a Secret Service: run through `make test`"]
async fn directory_demo_lists_every_seeded_person_across_pages() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    sb.state.directory_of(1500);
    let seeded: HashSet<String> = sb.state.mailboxes().into_iter().collect();
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).unwrap();

    sb.state.start_request_log();
    let (code, out) = directory(&sb, &home, &["--json"]).await;
    let users_pages = sb
        .state
        .take_request_log()
        .iter()
        .filter(|r| r.contains("/v1.0/users"))
        .count();
    assert_eq!(code, 0, "{out}");
    let doc: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let listed: HashSet<String> = doc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["email"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed, seeded, "every person with a mailbox, once");
    assert_eq!(doc["total"], seeded.len());
    assert_eq!(doc["not_connected"], seeded.len(), "{}", doc["valid"]);
    assert_eq!(users_pages, 2, "999 people a page");

    let (code, out) = directory(&sb, &home, &["--filter", "not-connected", "--search", "lee"]).await;
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("lee.gu@contoso-demo.onmicrosoft.com\tLee Gu\tnot connected\t-"),
        "{out}"
    );
    assert!(out.lines().last().unwrap().starts_with("# "), "{out}");
}
