//! The services the shell, the command line and the tests call: each small, each holding only
//! the handles it needs, all built together from one [`Config`].
//!
//! | service | what it does |
//! |---|---|
//! | [`Jobs`] | the long-running work under way (sign-ins, Graph jobs): one at a time, cancellable |
//! | [`Setup`] | the wizard: state, navigation, checklist choices, credentials, profiles |
//! | [`DemoTenant`] | points the demo profile at a running demo tenant |
//! | [`SignIn`] | browser sign-ins: a mailbox (own or Hosted), admin consent, v2 Office 365 |
//! | [`Doctor`] | the connection doctor: why a mailbox stopped working, across Azure, the keychain and Nylas |
//! | [`Directory`] | the organization's people with a mailbox, each with its Nylas grant |
//! | [`AzureApp`] | the Azure app through Microsoft Graph: create, rotate its secret, show, remove |
//! | [`Tools`] | grant tests, grant lists, the ledger, the diagnostics bundle |
//! | [`Mailboxes`] | Exchange on-premises mailboxes, no browser involved |
//! | [`Bulk`] | runs over many mailboxes: progress, pause, resume after a kill, retry |
//! | [`Legacy`] | the Nylas v2 migration audit and v2 Exchange links |
//! | [`Updates`] | when the app looks for a new version, and whether one may be installed now |

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::browser::BrowserOpener;
use crate::error::{AppError, Result};
use crate::job::Jobs;
use crate::microsoft::oauth::ResponseMode;
use crate::nylas::NylasClient;
use crate::profile::Profile;
use crate::secrets::{SecretKind, SecretStore};

pub mod azure_app;
mod bulk;
mod credentials;
mod demo_tenant;
mod diagnostics;
pub mod directory;
mod doctor;
mod legacy;
mod mailboxes;
mod profiles;
mod setup;
mod sign_in;
pub mod tools;
pub mod updates;
mod vault;

pub use azure_app::AzureApp;
pub use bulk::Bulk;
pub use credentials::{AzureAppInput, NylasInput};
pub use demo_tenant::DemoTenant;
pub use diagnostics::{mask_email, redact};
pub use directory::Directory;
pub use doctor::Doctor;
pub use legacy::Legacy;
pub use mailboxes::Mailboxes;
pub use profiles::{ProfileSummary, Profiles, DEFAULT_PROFILE, DEMO_PROFILE};
pub use setup::Setup;
pub use sign_in::{AdminConsentResult, GraphAdminPlan, SignIn, GRAPH_POWERSHELL_CLIENT_ID};
pub use tools::{GrantReport, SavedFile, Tools};
pub use updates::Updates;
pub use vault::Vault;

/// The app's identifier: its config folder is `<config dir>/<identifier>`.
pub const APP_IDENTIFIER: &str = "com.mailboxconnect.app";

/// The loopback port registered with Nylas for Hosted auth (its callback URI must match exactly).
pub const HOSTED_CALLBACK_PORT: u16 = 47123;

/// Where the app keeps profiles and the ledger (the same folder Tauri gives the app).
pub fn default_config_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join(APP_IDENTIFIER))
}

pub struct Config {
    pub config_dir: PathBuf,
    pub secrets: SecretStore,
    pub browser: Arc<dyn BrowserOpener>,
    pub consent_timeout: Duration,
    pub response_mode: ResponseMode,
    /// Hosted auth's loopback port (0 picks any port and registers it; tests use that).
    pub hosted_port: u16,
    /// How long one request to Microsoft or Nylas may take before it is abandoned.
    pub http_timeout: Duration,
    /// The app's log folder, whose newest file's tail goes into the diagnostics bundle.
    pub log_dir: Option<PathBuf>,
    /// Public hosts a demo tenant stands in for (tests only; empty for the app).
    pub stand_in: StandIn,
}

/// A demo tenant answering for public host names (`api.eu.nylas.com`, say): where those names
/// lead, and the demo CA that signs its certificate for them.
#[derive(Debug, Clone, Default)]
pub struct StandIn {
    pub hosts: Vec<(String, std::net::SocketAddr)>,
    pub ca_pem: Option<String>,
}

impl Config {
    /// The settings the desktop app and the command line run with.
    pub fn desktop(config_dir: PathBuf, secrets: SecretStore, browser: Arc<dyn BrowserOpener>) -> Self {
        Self {
            config_dir,
            secrets,
            browser,
            consent_timeout: Duration::from_secs(600),
            response_mode: ResponseMode::FormPost,
            hosted_port: HOSTED_CALLBACK_PORT,
            http_timeout: Duration::from_secs(30),
            log_dir: default_log_dir(),
            stand_in: StandIn::default(),
        }
    }
}

/// Where the app's rolling log files go: the OS's log folder for the app (as Tauri's
/// `app_log_dir`): `~/Library/Logs/<identifier>` on macOS, `<local data>/<identifier>/logs` elsewhere.
pub fn default_log_dir() -> Option<PathBuf> {
    if cfg!(target_os = "macos") {
        dirs::home_dir().map(|h| h.join("Library/Logs").join(APP_IDENTIFIER))
    } else {
        dirs::data_local_dir().map(|d| d.join(APP_IDENTIFIER).join("logs"))
    }
}

/// The Nylas client for a profile: its region, and the API key in its keychain.
async fn nylas_for(vault: &Vault, http: &reqwest::Client, p: &Profile) -> Result<NylasClient> {
    let key = vault.require(p, SecretKind::NylasApiKey).await?;
    NylasClient::for_region(http, &p.region, key)
}

pub struct Services {
    /// The long-running work under way: one at a time, each cancellable.
    pub jobs: Arc<Jobs>,
    pub setup: Setup,
    pub demo: Arc<DemoTenant>,
    pub sign_in: Arc<SignIn>,
    pub azure_app: Arc<AzureApp>,
    pub doctor: Doctor,
    pub directory: Arc<Directory>,
    pub tools: Tools,
    pub mailboxes: Mailboxes,
    /// Bulk runs over many mailboxes, kept in SQLite so they resume after anything.
    pub bulk: Bulk,
    pub legacy: Legacy,
    pub updates: Updates,
}

impl Services {
    pub fn new(cfg: Config) -> Result<Self> {
        let mut http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(10))
            .timeout(cfg.http_timeout)
            .user_agent(concat!("MailboxConnect/", env!("CARGO_PKG_VERSION")));
        for (host, at) in &cfg.stand_in.hosts {
            http = http.resolve(host, *at);
        }
        if let Some(pem) = &cfg.stand_in.ca_pem {
            let ca = reqwest::Certificate::from_pem(pem.as_bytes())
                .map_err(|e| AppError::internal(format!("demo CA: {e}")))?;
            http = http.add_root_certificate(ca);
        }
        let http = http
            .build()
            .map_err(|e| AppError::internal(format!("HTTP client: {e}")))?;
        let profiles = Arc::new(Profiles::open(&cfg.config_dir)?);
        let state_db = cfg.config_dir.join("state.db");
        let runs = Arc::new(crate::bulk::RunStore::open(&state_db)?);
        let directory_cache = Arc::new(directory::DirectoryCache::open(&state_db)?);
        let jobs: Arc<Jobs> = Arc::default();
        let updates = Updates::open(&state_db, jobs.clone())?;
        let vault = Arc::new(Vault::new(cfg.secrets));
        let demo = Arc::new(DemoTenant::new(profiles.clone(), vault.clone()));
        let sign_in = Arc::new(SignIn::new(
            profiles.clone(),
            vault.clone(),
            http.clone(),
            sign_in::Settings {
                browser: cfg.browser,
                timeout: cfg.consent_timeout,
                response_mode: cfg.response_mode,
                hosted_port: cfg.hosted_port,
            },
        ));
        let azure_app = Arc::new(AzureApp::new(
            profiles.clone(),
            vault.clone(),
            http.clone(),
            sign_in.clone(),
            demo.clone(),
        ));
        let directory = Arc::new(Directory::new(
            profiles.clone(),
            vault.clone(),
            http.clone(),
            azure_app.clone(),
            directory_cache,
        ));
        Ok(Self {
            jobs,
            updates,
            setup: Setup::new(profiles.clone(), vault.clone(), demo.clone(), http.clone()),
            doctor: Doctor::new(
                profiles.clone(),
                vault.clone(),
                http.clone(),
                azure_app.clone(),
                cfg.hosted_port,
            ),
            directory: directory.clone(),
            azure_app: azure_app.clone(),
            sign_in: sign_in.clone(),
            tools: Tools::new(
                profiles.clone(),
                vault.clone(),
                http.clone(),
                cfg.config_dir,
                cfg.log_dir,
            ),
            bulk: Bulk::new(
                profiles.clone(),
                vault.clone(),
                http.clone(),
                runs,
                azure_app.clone(),
                sign_in.clone(),
                directory.clone(),
            ),
            mailboxes: Mailboxes::new(profiles, vault, http.clone()),
            legacy: Legacy::new(http),
            demo,
        })
    }
}
