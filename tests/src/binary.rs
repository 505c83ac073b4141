//! The real `mailbox-connect` binary against a demo tenant of the test's own (which outlives
//! it): its home folder, the sign-ins it asks $BROWSER to open answered by the scripted
//! browser, and its output read line by line.

use std::io::BufRead;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use mailbox_connect_core::browser::BrowserOpener;
use mailbox_connect_sandbox::Sandbox;

use crate::scripted_browser::{Decision, ScriptedBrowser};
use crate::window::app_binary;

/// Runs `args` for `home` against `sb`; the URLs it opens are written to `urls` (emptied first),
/// and its output arrives line by line on the returned channel.
pub fn run_against(sb: &Sandbox, home: &Path, urls: &Path, args: &[&str]) -> (Child, Receiver<String>) {
    run_with(Some(sb), home, urls, args)
}

/// As [`run_against`]; with no tenant given, `--demo` uses the app's own built-in one.
pub fn run_with(sb: Option<&Sandbox>, home: &Path, urls: &Path, args: &[&str]) -> (Child, Receiver<String>) {
    let recorder = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/record-url.sh");
    let _ = std::fs::remove_file(urls);
    let mut command = Command::new(app_binary());
    command
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("BROWSER", &recorder)
        .env("MC_E2E_URL_FILE", urls)
        .env_remove("MAILBOX_CONNECT_DEMO_TENANT");
    if let Some(sb) = sb {
        let tenant = format!("{} {} {}", sb.identity_url, sb.nylas_url, sb.graph_url);
        command.env("MAILBOX_CONNECT_DEMO_TENANT", tenant);
    }
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
    let (tx, rx) = channel();
    let out = std::io::BufReader::new(child.stdout.take().unwrap());
    std::thread::spawn(move || {
        for line in out.lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    (child, rx)
}

/// Answers, as a browser accepting, the sign-in the binary asked $BROWSER to open.
pub async fn answer_sign_in(urls: &Path) {
    let started = Instant::now();
    let url = loop {
        if let Some(u) = std::fs::read_to_string(urls)
            .ok()
            .and_then(|t| t.lines().next().map(str::to_string))
        {
            break u;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "no browser was opened");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    ScriptedBrowser::new(Decision::Accept).open(&url).unwrap();
}

/// Lines until one contains `needle` (all of them, for the failure message). Polled, so the
/// sandbox and the scripted browser keep running on this test's runtime meanwhile.
pub async fn read_until(rx: &Receiver<String>, needle: &str) -> Vec<String> {
    let mut seen = Vec::new();
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        match rx.try_recv() {
            Ok(line) => {
                let found = line.contains(needle);
                seen.push(line);
                if found {
                    return seen;
                }
            }
            Err(TryRecvError::Empty) => tokio::time::sleep(Duration::from_millis(50)).await,
            Err(TryRecvError::Disconnected) => break,
        }
    }
    panic!("{needle:?} never came: {seen:?}");
}

/// Everything the binary prints until it ends, and its exit code (polled, as above).
pub async fn finish(mut child: Child, rx: &Receiver<String>) -> (i32, String) {
    let mut seen = Vec::new();
    let started = Instant::now();
    loop {
        match rx.try_recv() {
            Ok(line) => seen.push(line),
            Err(TryRecvError::Empty) => tokio::time::sleep(Duration::from_millis(50)).await,
            Err(TryRecvError::Disconnected) => break,
        }
        assert!(started.elapsed() < Duration::from_secs(90), "still running: {seen:?}");
    }
    let code = child.wait().unwrap().code().unwrap_or(-1);
    (code, seen.join("\n"))
}
