//! The facade the app shell calls: one method per user action, each a few lines over the
//! domain modules. Holds the profile store, the keychain and the consent in progress.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::browser::BrowserOpener;
use crate::checklist;
use crate::error::{AppError, ErrorCode, Result};
use crate::microsoft::cloud::{Endpoints, IdentityCloud};
use crate::microsoft::oauth::{MsOAuth, ResponseMode};
use crate::nylas::{NylasClient, NylasRegion};
use crate::permissions;
use crate::profile::{Profile, ProfileStore};
use crate::result::GrantCheck;
use crate::secrets::{SecretKind, SecretStore};
use crate::sensitive::Sensitive;
use crate::validate;
use crate::wizard::{self, WizardState, WizardStep};

mod admin;
pub mod bulk_check;
mod flows;
mod migration;
mod tools;

pub use admin::{AdminConsentResult, BulkRow};
pub use tools::{Diagnostics, GrantReport, ProfileSummary, SavedFile};

pub const DEFAULT_PROFILE: &str = "default";
pub const DEMO_PROFILE: &str = "demo";

/// Where the demo tenant runs and the credentials it accepts.
#[derive(Clone, Debug)]
pub struct DemoEnv {
    pub identity_host: String,
    pub nylas_url: String,
    pub tenant: String,
    pub client_id: String,
    pub client_secret: Sensitive<String>,
    pub api_key: Sensitive<String>,
    /// Sample values the demo's forms are pre-filled with (sandbox-only credentials).
    pub samples: DemoSamples,
}

/// Values that work only against the demo tenant, shown to help people demo each path.
#[derive(Clone, Debug, Default, Serialize, TS)]
#[ts(export)]
pub struct DemoSamples {
    pub nylas_url: String,
    pub v2_client_id: String,
    pub v2_client_secret: String,
    pub ews_email: String,
    pub ews_password: String,
    pub mailboxes: Vec<String>,
}

pub struct EngineConfig {
    pub config_dir: PathBuf,
    pub secrets: SecretStore,
    pub browser: Arc<dyn BrowserOpener>,
    pub consent_timeout: Duration,
    pub response_mode: ResponseMode,
    /// The fixed loopback port for Nylas Hosted auth, whose callback URI must match exactly
    /// (0 picks any port and registers it; tests use that).
    pub hosted_port: u16,
    /// How long one request to Microsoft or Nylas may take before it is abandoned.
    pub http_timeout: Duration,
}

/// The app's identifier: its config folder is `<config dir>/<identifier>`.
pub const APP_IDENTIFIER: &str = "com.mailboxconnect.app";

/// Where the app keeps profiles and the ledger (the same folder Tauri gives the app).
pub fn default_config_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join(APP_IDENTIFIER))
}

/// The loopback port registered with Nylas for Hosted auth.
pub const HOSTED_CALLBACK_PORT: u16 = 47123;

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct AzureAppInput {
    pub client_id: String,
    pub tenant: String,
    pub cloud: IdentityCloud,
    /// Empty keeps the secret already in the keychain.
    #[ts(type = "string")]
    pub client_secret: Sensitive<String>,
    #[ts(optional)]
    pub secret_expires_on: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct NylasInput {
    pub region: NylasRegion,
    /// Empty keeps the key already in the keychain.
    #[ts(type = "string")]
    pub api_key: Sensitive<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ConsentStarted {
    pub url: String,
    pub redirect_uri: String,
    pub browser_opened: bool,
    #[ts(optional)]
    pub browser_error: Option<String>,
}

pub struct Engine {
    cfg: EngineConfig,
    http: reqwest::Client,
    store: Mutex<ProfileStore>,
    flow: Mutex<Option<flows::Flow>>,
    demo: Mutex<Option<DemoEnv>>,
    /// Demo credentials go here when there is no usable keychain (they are not secrets).
    demo_memory: SecretStore,
    demo_in_memory: AtomicBool,
    /// Recent errors, redacted, for the diagnostics bundle.
    errors: Mutex<std::collections::VecDeque<AppError>>,
}

impl Engine {
    pub fn new(cfg: EngineConfig) -> Result<Self> {
        let store = ProfileStore::open(&cfg.config_dir)?;
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(10))
            .timeout(cfg.http_timeout)
            .user_agent(concat!("MailboxConnect/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| AppError::internal(format!("HTTP client: {e}")))?;
        Ok(Self {
            cfg,
            http,
            store: Mutex::new(store),
            flow: Mutex::new(None),
            demo: Mutex::new(None),
            demo_memory: SecretStore::memory(),
            demo_in_memory: AtomicBool::new(false),
            errors: Mutex::default(),
        })
    }

    /// The wizard as the UI should show it (resuming where it was left).
    pub fn state(&self) -> Result<WizardState> {
        let profile = self.active()?;
        let today = time::OffsetDateTime::now_utc().date();
        Ok(WizardState {
            checklist: checklist::build(
                profile.target,
                data_region(&profile.region),
                profile.auth_mode,
                &profile.scopes,
            ),
            secret_warning: wizard::secret_warning(profile.secret_expires_on.as_deref(), today),
            keychain: self.store(&profile).is_keychain(),
            demo: if profile.demo {
                self.demo_env().map(|d| d.samples)
            } else {
                None
            },
            profile,
        })
    }

    /// Switches to the real profile, or to the demo profile prefilled for `demo`.
    pub async fn choose_mode(&self, demo: Option<DemoEnv>) -> Result<WizardState> {
        let Some(env) = demo else {
            let mut p = self
                .profile(DEFAULT_PROFILE)
                .unwrap_or_else(|| Profile::new(DEFAULT_PROFILE, "My organization", false));
            if p.step == WizardStep::Welcome {
                p.step = WizardStep::Checklist;
            }
            return self.save(p);
        };
        let mut p = Profile::new(DEMO_PROFILE, "Demo tenant (Contoso)", true);
        p.step = WizardStep::Checklist;
        self.adopt_demo(p, env).await
    }

    /// Whether the active profile is the demo and this process has no demo tenant running yet
    /// (the app was restarted): the shell then starts one and calls [`Engine::resume_demo`].
    pub fn needs_demo_tenant(&self) -> bool {
        self.active().is_ok_and(|p| p.demo) && self.demo_env().is_none()
    }

    /// Points the demo profile at this process's demo tenant, keeping its step and progress.
    pub async fn resume_demo(&self, env: DemoEnv) -> Result<WizardState> {
        let p = self.active()?;
        if !p.demo {
            return self.state();
        }
        self.adopt_demo(p, env).await
    }

    async fn adopt_demo(&self, mut p: Profile, env: DemoEnv) -> Result<WizardState> {
        p.client_id = env.client_id.clone();
        p.tenant = env.tenant.clone();
        p.cloud = IdentityCloud::Custom(env.identity_host.clone());
        p.region = NylasRegion::Custom(env.nylas_url.clone());
        // A demo should work even without a keychain: fall back to memory, and say so.
        if let Err(e) = self
            .cfg
            .secrets
            .put(DEMO_PROFILE, SecretKind::AzureClientSecret, &env.client_secret)
            .await
        {
            tracing::warn!("demo credentials kept in memory: {}", e.message);
            self.demo_in_memory.store(true, Ordering::SeqCst);
            self.demo_memory
                .put(DEMO_PROFILE, SecretKind::AzureClientSecret, &env.client_secret)
                .await?;
        }
        self.store(&p)
            .put(DEMO_PROFILE, SecretKind::NylasApiKey, &env.api_key)
            .await?;
        p.secret_saved = true;
        p.api_key_saved = true;
        *lock(&self.demo)? = Some(env);
        self.save(p)
    }

    pub fn demo_env(&self) -> Option<DemoEnv> {
        self.demo.lock().ok().and_then(|d| d.clone())
    }

    pub fn go_to(&self, step: WizardStep) -> Result<WizardState> {
        let mut p = self.active()?;
        if !step.allowed(&p) {
            return Err(
                AppError::new(ErrorCode::InvalidInput, "That step needs the earlier steps first.")
                    .with_fix("Complete the current step, then continue."),
            );
        }
        p.step = step;
        self.save(p)
    }

    pub fn set_checklist_item(&self, id: &str, done: bool) -> Result<WizardState> {
        let mut p = self.active()?;
        p.checklist_done.retain(|x| x != id);
        if done {
            p.checklist_done.push(id.to_string());
        }
        self.save(p)
    }

    pub fn set_auth_mode(&self, mode: crate::profile::AuthMode) -> Result<WizardState> {
        let mut p = self.active()?;
        p.auth_mode = mode;
        self.save(p)
    }

    /// What the Azure app is for, its data region and who signs in: the checklist follows.
    pub fn set_target(
        &self,
        target: checklist::ChecklistTarget,
        region: checklist::DataRegion,
        mode: crate::profile::AuthMode,
    ) -> Result<WizardState> {
        let mut p = self.active()?;
        p.target = target;
        p.auth_mode = mode;
        if !matches!(p.region, NylasRegion::Custom(_)) {
            p.region = match region {
                checklist::DataRegion::Us => NylasRegion::Us,
                checklist::DataRegion::Eu => NylasRegion::Eu,
            };
        }
        self.save(p)
    }

    pub fn set_scopes(&self, scopes: &[String]) -> Result<WizardState> {
        let mut p = self.active()?;
        p.scopes = permissions::normalize(scopes);
        self.save(p)
    }

    /// Validates the Azure app details, checks them with Microsoft where possible, and keeps the
    /// secret in the keychain. Nothing typed is lost on error: the profile keeps the inputs.
    pub async fn save_azure_app(&self, input: AzureAppInput) -> Result<WizardState> {
        let mut p = self.active()?;
        p.client_id = input.client_id.trim().to_string();
        p.tenant = input.tenant.trim().to_string();
        p.cloud = input.cloud.clone();
        p.secret_expires_on = input.secret_expires_on.clone().filter(|s| !s.trim().is_empty());
        self.save(p.clone())?;
        p.secret_expires_on = validate::expiry_date(p.secret_expires_on.as_deref().unwrap_or(""))?;
        let tenant = validate::tenant(&p.tenant)?;
        let client_id = validate::client_id(&p.client_id, Some(&tenant))?;
        let endpoints = Endpoints::new(&p.cloud, &tenant).map_err(|e| e.on_field("cloud"))?;
        let secret = if input.client_secret.expose().trim().is_empty() {
            self.secret(&p, SecretKind::AzureClientSecret).await?
        } else {
            validate::client_secret(&input.client_secret, &client_id)?
        };
        if tenant.is_specific() {
            let oauth = MsOAuth::new(&endpoints, &client_id, &secret, checklist::REDIRECT_URI_TO_REGISTER)?;
            oauth
                .check_credentials(&self.http, "https://graph.microsoft.com/.default")
                .await?;
        }
        self.cfg
            .secrets
            .put(&p.id, SecretKind::AzureClientSecret, &secret)
            .await?;
        p.client_id = client_id;
        p.secret_saved = true;
        p.step = WizardStep::Nylas;
        self.save(p)
    }

    /// Validates the API key with Nylas (`GET /v3/applications`) and keeps it in the keychain.
    pub async fn save_nylas(&self, input: NylasInput) -> Result<WizardState> {
        let mut p = self.active()?;
        p.region = input.region.clone();
        self.save(p.clone())?;
        let key = if input.api_key.expose().trim().is_empty() {
            self.secret(&p, SecretKind::NylasApiKey).await?
        } else {
            validate::nylas_api_key(&input.api_key)?
        };
        let base = p.region.base_url()?;
        NylasClient::new(self.http.clone(), base, key.clone())
            .application()
            .await?;
        self.cfg.secrets.put(&p.id, SecretKind::NylasApiKey, &key).await?;
        p.api_key_saved = true;
        p.step = WizardStep::Consent;
        self.save(p)
    }

    pub(crate) async fn secret(&self, p: &Profile, kind: SecretKind) -> Result<Sensitive<String>> {
        self.store(p).get(&p.id, kind).await?.ok_or_else(|| {
            let (field, what) = match kind {
                SecretKind::AzureClientSecret => ("client_secret", "client secret"),
                SecretKind::NylasApiKey => ("api_key", "Nylas API key"),
            };
            AppError::invalid(
                field,
                format!("No {what} is saved in the keychain for this profile."),
                format!("Paste the {what} again."),
            )
        })
    }

    pub(crate) fn store(&self, p: &Profile) -> &SecretStore {
        if p.demo && self.demo_in_memory.load(Ordering::SeqCst) {
            &self.demo_memory
        } else {
            &self.cfg.secrets
        }
    }

    fn profile(&self, id: &str) -> Option<Profile> {
        self.store.lock().ok()?.get(id).cloned()
    }

    pub(crate) fn active(&self) -> Result<Profile> {
        Ok(lock(&self.store)?
            .active()
            .cloned()
            .unwrap_or_else(|| Profile::new(DEFAULT_PROFILE, "My organization", false)))
    }

    pub(crate) fn save(&self, p: Profile) -> Result<WizardState> {
        lock(&self.store)?.save_active(p)?;
        self.state()
    }
}

fn data_region(r: &NylasRegion) -> checklist::DataRegion {
    match r {
        NylasRegion::Eu => checklist::DataRegion::Eu,
        _ => checklist::DataRegion::Us,
    }
}

/// The Nylas client for a profile's region and key.
pub(crate) fn nylas_for(http: &reqwest::Client, p: &Profile, api_key: Sensitive<String>) -> Result<NylasClient> {
    Ok(NylasClient::new(http.clone(), p.region.base_url()?, api_key))
}

/// `GET /v3/grants/{id}` plus one cheap data call through the grant.
pub async fn check_grant(nylas: &NylasClient, grant_id: &str) -> GrantCheck {
    let grant = match nylas.grant(grant_id).await {
        Ok(g) => g,
        Err(e) => {
            return GrantCheck {
                ok: false,
                status: "unknown".into(),
                detail: e.message,
            }
        }
    };
    let status = grant.grant_status.clone().unwrap_or_else(|| "unknown".into());
    match nylas.newest_message_count(grant_id).await {
        Ok(n) => GrantCheck {
            ok: status == "valid",
            detail: format!("Nylas reports the grant as {status}; reading the mailbox returned {n} message(s)."),
            status,
        },
        Err(e) => GrantCheck {
            ok: false,
            detail: format!(
                "Nylas reports the grant as {status}, but reading the mailbox failed: {}",
                e.message
            ),
            status,
        },
    }
}

pub(crate) fn no_flow() -> AppError {
    AppError::new(ErrorCode::NoFlowInProgress, "No sign-in is in progress.").with_fix("Start the sign-in again.")
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> Result<std::sync::MutexGuard<'_, T>> {
    m.lock()
        .map_err(|_| AppError::internal("Internal state is unusable; restart the app."))
}
