//! Starting and stopping the WebDriver servers the window tests use: tauri-driver (which runs
//! the app through WebKitWebDriver) and chromedriver (headless Chromium as the system browser).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Map, Value};

/// A child process killed when dropped.
pub struct Server {
    child: Child,
    pub url: String,
}

impl Drop for Server {
    /// Ends the whole process group: tauri-driver's WebKitWebDriver and the app with it.
    fn drop(&mut self) {
        let pgid = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &pgid]).status();
        std::thread::sleep(std::time::Duration::from_millis(200));
        let _ = Command::new("kill").args(["-KILL", "--", &pgid]).status();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

fn which(name: &str) -> Option<PathBuf> {
    let home_bin = std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo/bin").join(name));
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|d| d.join(name))
        .chain(home_bin)
        .find(|p| p.is_file())
}

pub fn require(name: &str) -> PathBuf {
    which(name)
        .unwrap_or_else(|| panic!("{name} is not installed; run the tests through `make test`, which installs it"))
}

async fn ready(url: &str, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    let http = reqwest::Client::new();
    while Instant::now() < deadline {
        if let Ok(r) = http.get(format!("{url}/status")).send().await {
            if r.status().is_success() {
                return true;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

/// Starts a WebDriver server in its own process group on fresh ports, retrying (a port taken
/// between choosing and binding, or a slow start on a loaded machine).
async fn spawn_ready(
    program: &str,
    log: &Path,
    args: impl Fn(u16, u16) -> Vec<String>,
    env: &[(&str, String)],
) -> Server {
    use std::os::unix::process::CommandExt;
    for attempt in 1..=3 {
        let (port, native) = (free_port(), free_port());
        let out = std::fs::File::create(log).expect("log file");
        let mut cmd = Command::new(require(program));
        cmd.args(args(port, native)).process_group(0);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = cmd
            .stdout(Stdio::from(out.try_clone().expect("log")))
            .stderr(Stdio::from(out))
            .spawn()
            .unwrap_or_else(|e| panic!("{program}: {e}"));
        let server = Server {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        if ready(&server.url, Duration::from_secs(20)).await {
            return server;
        }
        eprintln!("{program} did not answer on attempt {attempt}; retrying");
    }
    panic!("{program} did not start; see {}", log.display());
}

/// tauri-driver with the app's environment (HOME, XDG dirs, BROWSER) set by the caller.
pub async fn tauri_driver(env: &[(&str, String)], log: &Path) -> Server {
    let args = |port: u16, native: u16| {
        vec![
            "--port".into(),
            port.to_string(),
            "--native-port".into(),
            native.to_string(),
        ]
    };
    spawn_ready("tauri-driver", log, args, env).await
}

pub async fn chromedriver(log: &Path) -> Server {
    spawn_ready("chromedriver", log, |port, _| vec![format!("--port={port}")], &[]).await
}

/// How long a new WebDriver session (the program starting under its driver) may take.
const SESSION_WAIT: Duration = Duration::from_secs(90);

pub async fn connect(server: &Server, caps: Value) -> Client {
    let caps: Map<String, Value> = caps.as_object().cloned().unwrap_or_default();
    // WebDriver servers here are plain HTTP on loopback.
    let mut builder = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
    let session = builder.capabilities(caps).connect(&server.url);
    // A program that never comes up would leave the session request waiting for ever.
    match tokio::time::timeout(SESSION_WAIT, session).await {
        Ok(client) => client.unwrap_or_else(|e| panic!("WebDriver session at {}: {e}", server.url)),
        Err(_) => panic!(
            "no WebDriver session at {} within {SESSION_WAIT:?}: the program did not start (see its driver's log in target/e2e-artifacts)",
            server.url
        ),
    }
}

pub fn app_caps(app: &Path) -> Value {
    json!({ "tauri:options": { "application": app } })
}

/// Headless Chromium with a fresh profile and no background traffic.
pub fn chromium_caps(profile: &Path) -> Value {
    json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": require("chromium"),
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                format!("--user-data-dir={}", profile.display()),
            ]
        }
    })
}
