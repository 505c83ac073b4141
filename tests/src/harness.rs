//! An engine wired to a fresh sandbox, as the whole-flow tests use it.

use std::sync::Arc;
use std::time::Duration;

use mailbox_connect_core::engine::DemoSamples;
use mailbox_connect_core::microsoft::oauth::ResponseMode;
use mailbox_connect_core::secrets::SecretStore;
use mailbox_connect_core::{DemoEnv, Engine, EngineConfig, Sensitive};
use mailbox_connect_sandbox::{fixtures as f, Sandbox};

use crate::scripted_browser::{Decision, ScriptedBrowser};

pub struct Demo {
    pub sandbox: Sandbox,
    pub dir: tempfile::TempDir,
    pub engine: Engine,
    pub browser: ScriptedBrowser,
}

pub fn demo_env(sb: &Sandbox) -> DemoEnv {
    DemoEnv {
        identity_host: sb.identity_url.clone(),
        nylas_url: sb.nylas_url.clone(),
        tenant: f::TENANT_ID.into(),
        client_id: f::CLIENT_ID.into(),
        client_secret: Sensitive::from(f::SECRET_VALUE),
        api_key: Sensitive::from(f::NYLAS_API_KEY),
        samples: DemoSamples {
            nylas_url: sb.nylas_url.clone(),
            v2_client_id: f::V2_CLIENT_ID.into(),
            v2_client_secret: f::V2_CLIENT_SECRET.into(),
            ews_email: f::EWS_USERS[0].1.into(),
            ews_password: f::EWS_USERS[0].2.into(),
            mailboxes: f::USERS.iter().map(|u| u.email.to_string()).collect(),
        },
    }
}

pub fn engine(dir: &std::path::Path, browser: ScriptedBrowser, mode: ResponseMode) -> Engine {
    engine_with(dir, browser, mode, Duration::from_secs(20), SecretStore::memory())
}

pub fn engine_with_timeout(
    dir: &std::path::Path,
    browser: ScriptedBrowser,
    mode: ResponseMode,
    timeout: Duration,
) -> Engine {
    engine_with(dir, browser, mode, timeout, SecretStore::memory())
}

/// An engine over `secrets` (share one store across "restarts", as the OS keychain would be).
pub fn engine_with(
    dir: &std::path::Path,
    browser: ScriptedBrowser,
    mode: ResponseMode,
    consent_timeout: Duration,
    secrets: SecretStore,
) -> Engine {
    Engine::new(EngineConfig {
        config_dir: dir.to_path_buf(),
        secrets,
        browser: Arc::new(browser),
        consent_timeout,
        response_mode: mode,
        hosted_port: 0,
        http_timeout: Duration::from_secs(3),
    })
    .expect("engine")
}

/// A sandbox and an engine already in demo mode.
pub async fn demo(decision: Decision) -> Demo {
    let sandbox = Sandbox::start("127.0.0.1").await.expect("sandbox");
    let dir = tempfile::tempdir().expect("tempdir");
    let browser = ScriptedBrowser::new(decision);
    let engine = engine(dir.path(), browser.clone(), ResponseMode::FormPost);
    engine.choose_mode(Some(demo_env(&sandbox))).await.expect("demo mode");
    Demo {
        sandbox,
        dir,
        engine,
        browser,
    }
}
