//! The page-object layer of the window tests: the real app under tauri-driver, headless Chromium
//! as its system browser, and the screens and controls the tests drive.

mod a11y;
pub mod file_manager;
pub mod page;
pub mod review;
pub mod save_dialog;
pub mod screen;

use std::path::{Path, PathBuf};

pub use page::{until, Page, ENTER, SPACE, WAIT};
pub use screen::*;

use crate::drivers::{self, app_caps, chromium_caps};

/// The app binary under test (built by `make app`, or named by `MAILBOX_CONNECT_APP`).
pub fn app_binary() -> PathBuf {
    let p = std::env::var_os("MAILBOX_CONNECT_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/debug/mailbox-connect"));
    assert!(
        p.is_file(),
        "app binary {} missing: build it with `make app` (custom-protocol feature)",
        p.display()
    );
    p
}

/// Where screenshots and driver logs go (target/e2e-artifacts).
pub fn artifacts() -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/e2e-artifacts");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Every regular file under `dir` small enough to read.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => out.extend(files_under(&p)),
            Ok(t) if t.is_file() && entry.metadata().is_ok_and(|m| m.len() < 8 << 20) => out.push(p),
            _ => {}
        }
    }
    out
}

/// The D-Bus name a running app holds (tauri-plugin-single-instance: its identifier and this).
const INSTANCE_NAME: &str = "com.mailboxconnect.app.SingleInstance";

/// The processes running `binary` (a killed one still unreaped has no `exe` and is not counted).
fn running(binary: &Path) -> Vec<u32> {
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_string_lossy().parse::<u32>().ok())
        .filter(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|p| p == binary))
        .collect()
}

/// The real app under tauri-driver, and headless Chromium as its system browser.
pub struct Desktop {
    tmp: tempfile::TempDir,
    /// The app's home folder (its config, data and downloads live under it).
    pub home: PathBuf,
    url_file: PathBuf,
    pub app: Page,
    pub chrome: Page,
    opened: usize,
    tauri: drivers::Server,
    _chromedriver: drivers::Server,
}

impl Desktop {
    pub async fn start() -> Self {
        Self::start_with(&[]).await
    }

    /// Starts the app on a demo tenant the test serves itself (so it can say what that tenant holds).
    pub async fn on_tenant(sb: &mailbox_connect_sandbox::Sandbox) -> Self {
        let tenant = format!("{} {} {}", sb.identity_url, sb.nylas_url, sb.graph_url);
        Self::start_with(&[("MAILBOX_CONNECT_DEMO_TENANT", tenant)]).await
    }

    /// Starts the app with a private home folder plus `extra_env`.
    pub async fn start_with(extra_env: &[(&str, String)]) -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let home = tmp.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        let url_file = tmp.path().join("opened-urls.txt");
        let recorder = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/record-url.sh");
        let env = [
            ("HOME", home.display().to_string()),
            ("XDG_CONFIG_HOME", home.join(".config").display().to_string()),
            ("XDG_DATA_HOME", home.join(".local/share").display().to_string()),
            ("XDG_CACHE_HOME", home.join(".cache").display().to_string()),
            ("XDG_DOWNLOAD_DIR", home.join("Downloads").display().to_string()),
            ("BROWSER", recorder.display().to_string()),
            ("MC_E2E_URL_FILE", url_file.display().to_string()),
        ];
        let env: Vec<(&str, String)> = env.into_iter().chain(extra_env.iter().cloned()).collect();
        let tauri = drivers::tauri_driver(&env, &artifacts().join("tauri-driver.log")).await;
        let app = Page(drivers::connect(&tauri, app_caps(&app_binary())).await);
        let chromedriver = drivers::chromedriver(&artifacts().join("chromedriver.log")).await;
        let profile = tmp.path().join("chromium-profile");
        let chrome = Page(drivers::connect(&chromedriver, chromium_caps(&profile)).await);
        Self {
            tmp,
            home,
            url_file,
            app,
            chrome,
            opened: 0,
            tauri,
            _chromedriver: chromedriver,
        }
    }

    /// Waits until the app has asked the system browser to open a page it has not opened yet.
    pub async fn next_opened_url(&mut self) -> String {
        let seen = self.opened;
        let url = until("the app to open the system browser", || async {
            let text = std::fs::read_to_string(&self.url_file).unwrap_or_default();
            text.lines().nth(seen).map(str::to_string)
        })
        .await;
        self.opened += 1;
        url
    }

    /// The system browser loads the next page the app opened, presses `button` on it, and
    /// returns the final page's verdict (`data-result`: "ok" or "err").
    pub async fn browser_presses(&mut self, button: &str) -> String {
        self.browser_presses_in_turn(&[button]).await
    }

    /// Like [`Desktop::browser_presses`], pressing each of `buttons` on the page it leads to
    /// (Microsoft's "Need admin approval" page, say, then its way back to the app).
    pub async fn browser_presses_in_turn(&mut self, buttons: &[&str]) -> String {
        let url = self.next_opened_url().await;
        self.chrome.goto(&url).await.unwrap();
        for button in buttons {
            self.chrome.click(button).await;
        }
        let result = self.chrome.element("result").await;
        result.attr("data-result").await.unwrap().unwrap_or_default()
    }

    /// The browser leaves the next page the app opened unanswered.
    pub async fn browser_ignores(&mut self) {
        self.next_opened_url().await;
    }

    /// From the welcome screen through the demo's checklist, credentials and Nylas steps (all
    /// pre-filled) to the sign-in step.
    pub async fn demo_to_sign_in(&self) {
        self.app.click("start-demo").await;
        self.checklist_to_sign_in().await;
    }

    /// The demo to the result: its first mailbox signed in (the browser accepts) and tested.
    pub async fn demo_connected(&mut self) {
        self.demo_to_sign_in().await;
        self.signed_in().await;
    }

    /// From the sign-in step: signed in (the browser accepts), on the result.
    pub async fn signed_in(&mut self) {
        self.app.click("start-consent").await;
        assert_eq!(self.browser_presses("accept").await, "ok");
        self.app.wait_for(RESULT).await;
    }

    /// From the sign-in step: signed in, on a result whose test passed.
    pub async fn signed_in_and_passing(&mut self) {
        self.signed_in().await;
        assert!(self.app.text("grant-check").await.starts_with("Passed"));
    }

    /// The Mailboxes tab's "Test all", until the row of `grant` says `verdict` ("Passed" or
    /// "Failed"); the row's whole text.
    pub async fn tested_all(&self, grant: &str, verdict: &str) -> String {
        self.app.click("tab-mailboxes").await;
        self.app.wait_for(Screen::Mailboxes).await;
        self.app.click("test-all-grants").await;
        self.app
            .text_until(&format!("row-check-{grant}"), |t| t.starts_with(verdict))
            .await
    }

    /// From the demo's checklist (as the admin left it) through its pre-filled credentials and
    /// Nylas steps to the sign-in step.
    pub async fn checklist_to_sign_in(&self) {
        let app = &self.app;
        for (screen, button) in [
            (CHECKLIST, "checklist-next"),
            (CREDENTIALS, "save-azure"),
            (NYLAS, "save-nylas"),
        ] {
            app.wait_for(screen).await;
            if screen == CREDENTIALS {
                // The saved expiry has been read (its preview shows), so the form is complete.
                app.element("expiry-preview").await;
            }
            app.click(button).await;
        }
        app.wait_for(CONSENT).await;
    }

    /// Kills the app process outright (SIGKILL, no clean-up) and opens a fresh one with the same
    /// home folder and keychain.
    pub async fn kill_and_relaunch(&mut self) {
        let binary = app_binary().canonicalize().unwrap();
        let pids = running(&binary);
        assert!(!pids.is_empty(), "the app is not running");
        for pid in pids {
            std::process::Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status()
                .unwrap();
        }
        // A launch that still finds the killed app's name on the session bus forwards to it and
        // exits (the single-instance plugin): wait until the process and its name are gone.
        let bus = zbus::Connection::session().await.unwrap();
        let dbus = zbus::fdo::DBusProxy::new(&bus).await.unwrap();
        until("the killed app to leave the session bus", || async {
            let names = dbus.list_names().await.ok()?;
            let held = names.iter().any(|n| n.as_str().starts_with(INSTANCE_NAME));
            (!held && running(&binary).is_empty()).then_some(())
        })
        .await;
        let _ = self.app.0.clone().close().await;
        self.app = Page(drivers::connect(&self.tauri, app_caps(&app_binary())).await);
    }

    pub async fn close(self) {
        self.app.0.close().await.unwrap();
        self.chrome.0.close().await.unwrap();
        drop(self.tmp);
    }
}
