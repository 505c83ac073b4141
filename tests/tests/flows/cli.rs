//! The command line: the same engine as the app, driven in-process and as the real binary.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use clap::Parser;
use mailbox_connect::cli::{execute, Cli};
use mailbox_connect_e2e::harness::{demo, demo_env};
use mailbox_connect_e2e::scripted_browser::Decision;
use mailbox_connect_sandbox::fixtures as f;

pub(crate) async fn run(
    core: &mailbox_connect_core::Services,
    args: &[&str],
    env: Option<mailbox_connect_core::DemoEnv>,
) -> (i32, String) {
    let cli = Cli::try_parse_from(std::iter::once("mailbox-connect").chain(args.iter().copied())).unwrap();
    let mut out = Vec::new();
    let code = execute(cli.command, core, env, &mut out).await;
    (code, String::from_utf8(out).unwrap())
}

#[tokio::test]
async fn connect_check_grants_ledger_audit() {
    let d = demo(Decision::Accept).await;
    let (code, out) = run(
        &d.core,
        &["connect", "--demo", "--email", f::USERS[1].email],
        Some(demo_env(&d.sandbox)),
    )
    .await;
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(&format!("Signed in: {}", f::USERS[1].email)) && out.contains("Test: passed."),
        "{out}"
    );
    let grant_id = out
        .lines()
        .find_map(|l| l.strip_prefix("Grant: "))
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .to_string();

    let (code, out) = run(&d.core, &["check-grant", &grant_id], None).await;
    assert_eq!(code, 0, "{out}");
    let (code, out) = run(&d.core, &["check-grant", "no-such-grant"], None).await;
    assert_eq!(code, 1);
    assert!(
        out.starts_with("error: Nylas has no grant") && out.contains("\nfix: "),
        "{out}"
    );

    let (code, out) = run(&d.core, &["check-grants"], None).await;
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("# 1 of 1 grants passed"), "{out}");
    // The same for scripts: one JSON document, errors too.
    let json = |out: &str| serde_json::from_str::<serde_json::Value>(out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let (code, out) = run(&d.core, &["check-grants", "--json"], None).await;
    let rows = json(&out);
    assert_eq!((code, rows[0]["check"]["ok"].as_bool()), (0, Some(true)), "{out}");
    let (code, out) = run(&d.core, &["grants", "--json"], None).await;
    assert_eq!(
        (code, json(&out)[0]["email"].as_str()),
        (0, Some(f::USERS[1].email)),
        "{out}"
    );
    let (code, out) = run(&d.core, &["check-grant", &grant_id, "--json"], None).await;
    assert_eq!(
        (code, json(&out)["grant"]["id"].as_str()),
        (0, Some(grant_id.as_str())),
        "{out}"
    );
    let (code, out) = run(
        &d.core,
        &["check-grant", "nobody@contoso-demo.onmicrosoft.com", "--json"],
        None,
    )
    .await;
    assert_eq!(
        (code, json(&out)["error"]["code"].as_str()),
        (1, Some("not_found")),
        "{out}"
    );
    let (_, out) = run(&d.core, &["grants"], None).await;
    assert!(out.contains(&grant_id) && out.contains("valid"));
    // The connection and each test of it (check-grant twice, check-grants twice).
    let (_, out) = run(&d.core, &["ledger"], None).await;
    assert_eq!(out.lines().count(), 6, "{out}");
    assert_eq!(out.matches(",true,tested,").count(), 4, "{out}");

    std::env::set_var("NYLAS_V2_CLIENT_SECRET", f::V2_CLIENT_SECRET);
    let (code, out) = run(
        &d.core,
        &[
            "audit",
            "--v2-url",
            &d.sandbox.nylas_url,
            "--client-id",
            f::V2_CLIENT_ID,
        ],
        None,
    )
    .await;
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with("email,provider,account_id\n") && out.contains(&format!("of {} accounts", f::V2_DEMO_ACCOUNTS)),
        "{out}"
    );

    // Usage errors are clap's: the misspelt flag is named, with the right one suggested.
    let e = Cli::try_parse_from(["mailbox-connect", "connect", "--dmeo"]).unwrap_err();
    assert_eq!(e.exit_code(), 2);
    let text = e.to_string();
    assert!(text.contains("--dmeo") && text.contains("--demo"), "{text}");
    // Bad values are usage errors too, each naming its flag and why.
    for (args, flag, why) in [
        (
            &["azure-app", "create", "--secret-months", "30"][..],
            "--secret-months",
            "1..=24",
        ),
        (
            &["connect", "--email", "notanemail"][..],
            "--email",
            "not an email address",
        ),
        (
            &["azure-app", "show", "--email", "adele"][..],
            "--email",
            "not an email address",
        ),
        (
            &["diagnostics", "--out", "/no/such/folder"][..],
            "--out",
            "there is no folder /no/such/folder",
        ),
        (
            &["azure-app", "create", "--bootstrap-client-id", "my-app"][..],
            "--bootstrap-client-id",
            "five groups",
        ),
    ] {
        let e = Cli::try_parse_from(std::iter::once("mailbox-connect").chain(args.iter().copied())).unwrap_err();
        let text = e.to_string();
        assert_eq!(e.exit_code(), 2, "{text}");
        assert!(text.contains(flag) && text.contains(why), "{text}");
    }
}

fn app_binary() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/debug/mailbox-connect")
}

#[test]
#[ignore = "needs the built app binary and a Secret Service: run through `make test`"]
fn a_first_run_into_a_pipe_says_only_what_matters_without_colours() {
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(app_binary())
        .arg("grants")
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("MAILBOX_CONNECT_LOG", "debug")
        .output()
        .unwrap();
    let (said, err) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(1), "{said}{err}");
    assert!(said.starts_with("error: This profile has no Nylas API key"), "{said}");
    assert!(err.contains("DEBUG keyring"), "{err}");
    assert!(!err.contains('\x1b'), "colour codes in a pipe: {err:?}");
    assert!(!err.contains("Error reading the log directory"), "{err}");
}

#[test]
#[ignore = "needs the built app binary: run through `make test`"]
fn a_misspelt_flag_is_refused_and_no_display_is_said_plainly() {
    let out = Command::new(app_binary()).arg("--dmeo").output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("unexpected argument '--dmeo'"), "{err}");
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(app_binary())
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("HOME", home.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("no graphical session") && !err.contains("panicked"),
        "{err}"
    );
}

#[test]
#[ignore = "needs the built app binary: run through `make test`"]
fn the_binary_serves_the_sandbox_and_prints_help() {
    let out = Command::new(app_binary()).arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("check-grant") && help.contains("Exit codes"), "{help}");
    // The version and the commit the binary was built from (this checkout's, as the build saw it).
    let out = Command::new(app_binary()).arg("--version").output().unwrap();
    let head = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let commit = String::from_utf8_lossy(&head.stdout).trim().to_string();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("mailbox-connect {} (commit {commit})", env!("CARGO_PKG_VERSION"))
    );
    // A misspelt flag never starts a real sign-in: exit 2, naming the flag.
    let out = Command::new(app_binary()).args(["connect", "--dmeo"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--dmeo"));

    let mut child = Command::new(app_binary())
        .args(["sandbox", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    reader.read_line(&mut line).unwrap();
    let url = line.trim().rsplit(' ').next().unwrap().to_string();
    let body = http::blocking_get(&format!("{url}/common/v2.0/.well-known/openid-configuration"));
    child.kill().unwrap();
    let _ = child.wait();
    drop(reader);
    assert!(body.contains("authorization_endpoint"), "{body}");
}

mod http {
    /// A tiny blocking GET over loopback (no runtime needed in a plain test).
    pub fn blocking_get(url: &str) -> String {
        let rest = url.strip_prefix("http://").unwrap();
        let (host, path) = rest.split_once('/').unwrap();
        let mut s = std::net::TcpStream::connect(host).unwrap();
        use std::io::{Read, Write};
        write!(s, "GET /{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    }
}
