//! The core's services wired to a fresh sandbox, as the whole-flow tests use them.

use std::sync::Arc;
use std::time::Duration;

use mailbox_connect_core::job::{ConsentStarted, Job, JobEvent, Report};
use mailbox_connect_core::microsoft::oauth::ResponseMode;
use mailbox_connect_core::result::ConnectResult;
use mailbox_connect_core::secrets::SecretStore;
use mailbox_connect_core::services::azure_app::{CreateOptions, SignInOptions};
use mailbox_connect_core::{AppError, Config, DemoEnv, Services};
use mailbox_connect_sandbox::Sandbox;

use crate::scripted_browser::{Decision, ScriptedBrowser};

/// A secret expiry `days` from today (UTC) as `YYYY-MM-DD`, so a test stays true as time passes.
pub fn expiry_in(days: i64) -> String {
    (time::OffsetDateTime::now_utc().date() + time::Duration::days(days)).to_string()
}

/// Next year: a date typed as the portal shows it, in May of next year, is always between 4 and
/// 18 months ahead (a secret's possible expiry).
pub fn next_year() -> i32 {
    time::OffsetDateTime::now_utc().year() + 1
}

pub struct Demo {
    pub sandbox: Sandbox,
    pub dir: tempfile::TempDir,
    pub core: Services,
    pub browser: ScriptedBrowser,
}

impl Demo {
    /// One mailbox sign-in through the scripted browser.
    pub async fn connect(&self, login_hint: Option<&str>) -> Result<ConnectResult, AppError> {
        self.core
            .sign_in
            .connect(login_hint.map(str::to_string), &self.core.jobs.start(|_| {}))
            .await
    }
}

/// The demo tenant's addresses and credentials, as the app's demo mode uses them.
pub fn demo_env(sb: &Sandbox) -> DemoEnv {
    mailbox_connect::demo::env_for(sb)
}

/// A job of `s` whose events go to `report` (a test's recorder).
pub fn job(s: &Services, report: Report) -> Job {
    s.jobs.start(move |e| report(e))
}

/// A sign-in's `report` that keeps the link it reports.
pub fn keep_started() -> (Report, Arc<std::sync::Mutex<Option<ConsentStarted>>>) {
    let slot = Arc::new(std::sync::Mutex::new(None));
    let keep = slot.clone();
    let report: Report = Arc::new(move |e| {
        if let JobEvent::SignIn(s) = e {
            if let Ok(mut k) = keep.lock() {
                *k = Some(s);
            }
        }
    });
    (report, slot)
}

pub fn services(dir: &std::path::Path, browser: ScriptedBrowser, mode: ResponseMode) -> Services {
    services_with(dir, browser, mode, Duration::from_secs(20), SecretStore::memory())
}

/// Services over `secrets` (share one store across "restarts", as the OS keychain would be).
pub fn services_with(
    dir: &std::path::Path,
    browser: ScriptedBrowser,
    mode: ResponseMode,
    consent_timeout: Duration,
    secrets: SecretStore,
) -> Services {
    Services::new(config(dir, browser, mode, consent_timeout, secrets)).expect("services")
}

/// The settings the tests' services run with.
pub fn config(
    dir: &std::path::Path,
    browser: ScriptedBrowser,
    mode: ResponseMode,
    consent_timeout: Duration,
    secrets: SecretStore,
) -> Config {
    Config {
        config_dir: dir.to_path_buf(),
        secrets,
        browser: Arc::new(browser),
        consent_timeout,
        response_mode: mode,
        hosted_port: 0,
        http_timeout: Duration::from_secs(3),
        log_dir: Some(dir.join("logs")),
        stand_in: Default::default(),
    }
}

/// A sandbox and services already in demo mode.
pub async fn demo(decision: Decision) -> Demo {
    let sandbox = Sandbox::start("127.0.0.1").await.expect("sandbox");
    let dir = tempfile::tempdir().expect("tempdir");
    let browser = ScriptedBrowser::new(decision);
    let core = services(dir.path(), browser.clone(), ResponseMode::FormPost);
    core.setup.begin(Some(demo_env(&sandbox))).await.expect("demo mode");
    Demo {
        sandbox,
        dir,
        core,
        browser,
    }
}

/// A demo whose organization has `people` in its directory and whose administrator approved the
/// app for everyone (Microsoft's admin consent page, then Nylas's credential): ready for runs.
pub async fn demo_organization(people: usize) -> Demo {
    let d = demo(Decision::Accept).await;
    d.sandbox.state.directory_of(people);
    d.core
        .sign_in
        .admin_consent(&d.core.jobs.start(|_| {}))
        .await
        .expect("admin consent");
    d
}

/// The client secret the keychain holds for profile `id`.
pub async fn kept_secret(secrets: &SecretStore, id: &str) -> Option<mailbox_connect_core::Sensitive<String>> {
    secrets
        .get(id, mailbox_connect_core::secrets::SecretKind::AzureClientSecret)
        .await
        .unwrap()
}

/// "Create it for me" signed in as `who` (with tenant-wide consent when `admin_consent`).
pub fn as_admin(who: &str, admin_consent: bool) -> CreateOptions {
    CreateOptions {
        sign_in: SignInOptions {
            admin_consent,
            bootstrap_client_id: None,
            login_hint: Some(who.into()),
            device_code: false,
        },
        target: None,
        secret_months: None,
    }
}

/// Services on the demo tenant `sb` (resumed, not begun), over `secrets`, for the Graph tests.
pub async fn graph_demo_services(sb: &Sandbox, dir: &std::path::Path, secrets: SecretStore) -> Services {
    let core = services_with(
        dir,
        ScriptedBrowser::new(Decision::Accept),
        ResponseMode::FormPost,
        Duration::from_secs(20),
        secrets,
    );
    core.demo.resume(demo_env(sb)).await.ok();
    core
}

/// Services on the demo tenant `sb`, begun in demo mode: a fresh demo profile (memory keychain).
pub async fn demo_begun(sb: &Sandbox, dir: &std::path::Path) -> Services {
    let core = services_with(
        dir,
        ScriptedBrowser::new(Decision::Accept),
        ResponseMode::FormPost,
        Duration::from_secs(20),
        SecretStore::memory(),
    );
    core.setup
        .begin(Some(demo_env(sb)))
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    core
}
