//! #19's "done when", as the real binary against a demo tenant that outlives it: `doctor --demo
//! --json` on a fresh demo profile exits 0 with no findings; after an administrator removes the
//! app's loopback redirect URI and User.Read through the demo Graph it exits 3 naming both;
//! `--fix` repairs both and exits 0, and a last check finds nothing.

use mailbox_connect_e2e::binary::{answer_sign_in, finish, run_against};
use mailbox_connect_e2e::graph_session::{remove_loopback_and_user_read, ADMIN};
use mailbox_connect_sandbox::Sandbox;
use serde_json::Value;

/// One run of `doctor --demo --json [extra]`, its administrator's sign-in answered.
async fn doctor(sb: &Sandbox, home: &std::path::Path, extra: &[&str]) -> (i32, Value) {
    let urls = home.join("opened-urls.txt");
    let mut args = vec!["doctor", "--demo", "--json", "--email", ADMIN];
    args.extend_from_slice(extra);
    let (child, rx) = run_against(sb, home, &urls, &args);
    answer_sign_in(&urls).await;
    let (code, out) = finish(child, &rx).await;
    let doc = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    (code, doc)
}

fn codes(doc: &Value) -> Vec<&str> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect()
}

#[tokio::test]
#[ignore = "needs the built app binary and a Secret Service: run through `make test`"]
async fn doctor_demo_json_finds_and_fixes_a_broken_app_as_the_real_binary() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).unwrap();

    let (code, doc) = doctor(&sb, &home, &[]).await;
    assert_eq!((code, codes(&doc)), (0, vec![]), "{doc}");

    remove_loopback_and_user_read(&sb).await;
    let (code, doc) = doctor(&sb, &home, &[]).await;
    assert_eq!(
        (code, codes(&doc)),
        (3, vec!["redirect_uri_missing", "permission_missing"]),
        "{doc}"
    );
    for f in doc["findings"].as_array().unwrap() {
        for key in ["severity", "where", "message", "fix", "fixable", "fixed"] {
            assert!(!f[key].is_null(), "{key} missing: {f}");
        }
    }

    let (code, doc) = doctor(&sb, &home, &["--fix"]).await;
    assert_eq!(code, 0, "{doc}");
    assert!(
        doc["findings"].as_array().unwrap().iter().all(|f| f["fixed"] == true),
        "{doc}"
    );
    assert_eq!(doc["summary"]["remaining"], 0, "{doc}");
    let (code, doc) = doctor(&sb, &home, &[]).await;
    assert_eq!((code, codes(&doc)), (0, vec![]), "{doc}");
}
