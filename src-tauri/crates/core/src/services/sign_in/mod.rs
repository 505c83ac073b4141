//! Browser sign-ins as single async calls: each opens its loopback port, reports the sign-in link
//! once through `report`, waits for the browser, and returns its result. One runs at a time: a
//! new one cancels the one before, and [`SignIn::cancel`] stops the current one.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;
use tokio::sync::Notify;
use ts_rs::TS;

use super::profiles::Profiles;
use super::vault::Vault;
use crate::browser::BrowserOpener;
use crate::error::{AppError, ErrorCode, Result};
use crate::legacy::{V2Input, V2Linked};
use crate::microsoft::oauth::ResponseMode;
use crate::profile::ledger::Method;
use crate::profile::{AuthMode, Profile};
use crate::result::ConnectResult;
use crate::secrets::SecretKind;
use crate::sensitive::Sensitive;
use crate::validate;

mod admin;
mod graph_admin;
mod hosted;
mod own;
mod run;
mod v2;

pub(crate) use run::Run;

pub use admin::AdminConsentResult;
pub use graph_admin::{AdminSession, GraphAdminPlan, GRAPH_POWERSHELL_CLIENT_ID};

/// The sign-in link, reported as soon as the browser has been asked to open it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ConsentStarted {
    pub url: String,
    pub redirect_uri: String,
    /// How long the sign-in waits for Microsoft's answer, in seconds.
    #[ts(type = "number")]
    pub wait_secs: u64,
    pub browser_opened: bool,
    #[ts(optional)]
    pub browser_error: Option<String>,
}

/// A sign-in on another device: the code to enter and where (no browser could open here).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DeviceCodeStarted {
    pub user_code: String,
    pub verification_uri: String,
    /// How long the code lasts, in seconds.
    #[ts(type = "number")]
    pub expires_secs: u64,
    /// Why this computer's browser was not used, when it was tried.
    #[ts(optional)]
    pub browser_error: Option<String>,
}

/// What a running sign-in reports before it returns.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "event", content = "data", rename_all = "snake_case")]
#[ts(export)]
pub enum SignInEvent {
    Started(ConsentStarted),
    DeviceCode(DeviceCodeStarted),
}

pub(crate) type Report = Box<dyn FnOnce(SignInEvent) + Send>;

pub(crate) struct Settings {
    pub browser: Arc<dyn BrowserOpener>,
    pub timeout: Duration,
    pub response_mode: ResponseMode,
    pub hosted_port: u16,
}

pub struct SignIn {
    profiles: Arc<Profiles>,
    vault: Arc<Vault>,
    http: reqwest::Client,
    settings: Settings,
    current: Mutex<Option<Arc<Notify>>>,
    link: Mutex<Option<String>>,
}

impl SignIn {
    pub(crate) fn new(profiles: Arc<Profiles>, vault: Arc<Vault>, http: reqwest::Client, settings: Settings) -> Self {
        Self {
            profiles,
            vault,
            http,
            settings,
            current: Mutex::new(None),
            link: Mutex::new(None),
        }
    }

    /// Signs a mailbox in (this app's own consent, or Nylas Hosted auth, as the profile says),
    /// registers it with Nylas, tests it and records it.
    pub async fn connect(
        &self,
        login_hint: Option<String>,
        report: impl FnOnce(SignInEvent) + Send + 'static,
    ) -> Result<ConnectResult> {
        let p = self.profiles.active()?;
        let hint = validate::email(login_hint.as_deref().unwrap_or(""))?;
        let keys = self.keys(&p).await?;
        let attempt = self.attempt();
        let mut run = self.run(&attempt, report);
        let (result, method) = match p.auth_mode {
            AuthMode::Byo => (own::connect(&mut run, &p, &keys, hint.as_deref()).await, Method::Byo),
            AuthMode::Hosted => (
                hosted::connect(&mut run, &p, &keys, hint.as_deref()).await,
                Method::Hosted,
            ),
        };
        let result = result.inspect_err(|e| tracing::warn!(code = ?e.code, "sign-in did not finish: {}", e.message))?;
        tracing::info!(grant = %result.grant.id, ?method, connector = ?result.connector, test_read_ok = result.check.ok, "mailbox connected");
        self.profiles.record(&result, method)?;
        Ok(result)
    }

    /// Microsoft's admin consent for the organization, then the Nylas admin-consent credential.
    pub async fn admin_consent(&self, report: impl FnOnce(SignInEvent) + Send + 'static) -> Result<AdminConsentResult> {
        let p = self.profiles.active()?;
        let keys = self.keys(&p).await?;
        let attempt = self.attempt();
        let approved = admin::consent(&mut self.run(&attempt, report), &p, &keys).await?;
        self.profiles.update(|p| {
            p.admin_credential_id = Some(approved.credential_id.clone());
            Ok(())
        })?;
        Ok(approved)
    }

    /// An administrator's sign-in to Microsoft Graph (to create or look after the Azure app).
    /// `resource` is the cloud's Graph resource prefix (`https://graph.microsoft.com/`).
    pub async fn graph_admin(
        &self,
        plan: &GraphAdminPlan,
        resource: &str,
        report: impl FnOnce(SignInEvent) + Send + 'static,
    ) -> Result<AdminSession> {
        let attempt = self.attempt();
        graph_admin::sign_in(&mut self.run(&attempt, report), plan, resource).await
    }

    /// Legacy v2 native auth for Office 365: a Microsoft sign-in with v2's Exchange scopes, whose
    /// refresh token goes to v2's `/connect/authorize`.
    pub async fn v2_office365(
        &self,
        v2: V2Input,
        login_hint: Option<String>,
        report: impl FnOnce(SignInEvent) + Send + 'static,
    ) -> Result<V2Linked> {
        let p = self.profiles.active()?;
        let client = crate::legacy::V2Client::new(self.http.clone(), &v2)?;
        let hint = validate::email(login_hint.as_deref().unwrap_or(""))?;
        let secret = self.vault.require(&p, SecretKind::AzureClientSecret).await?;
        let attempt = self.attempt();
        v2::link(&mut self.run(&attempt, report), &p, &secret, &client, hint.as_deref()).await
    }

    /// Opens the browser again on the sign-in in progress (its tab was closed or lost).
    pub fn reopen_browser(&self) -> Result<()> {
        let waiting = self.current.lock().map(|c| c.is_some()).unwrap_or(false);
        let link = self.link.lock().ok().and_then(|l| l.clone()).filter(|_| waiting);
        let Some(url) = link else {
            return Err(
                AppError::new(ErrorCode::InvalidInput, "No sign-in is waiting for the browser.")
                    .with_fix("Start the sign-in again."),
            );
        };
        self.open_browser(&url, "Copy the sign-in link into your browser instead.")
    }

    /// Opens a page of the Azure portal in the browser (the app's own page when its ID is known).
    pub fn open_portal(&self, page: crate::azure::portal::PortalPage, client_id: &str) -> Result<()> {
        self.open_browser(
            &page.url(client_id),
            "Open portal.azure.com yourself and go to App registrations.",
        )
    }

    /// Opens `url` in the system browser; if it cannot, says so with `fix`.
    fn open_browser(&self, url: &str, fix: &str) -> Result<()> {
        self.settings.browser.open(url).map_err(|e| {
            AppError::new(ErrorCode::Internal, "The browser could not be opened.")
                .with_fix(fix)
                .with_detail(e)
        })
    }

    /// Stops waiting for the browser and closes the loopback port.
    pub fn cancel(&self) {
        if let Some(cancel) = self.current.lock().ok().and_then(|c| c.clone()) {
            cancel.notify_one();
        }
    }

    async fn keys(&self, p: &Profile) -> Result<Keys> {
        Ok(Keys {
            secret: self.vault.require(p, SecretKind::AzureClientSecret).await?,
            api_key: self.vault.require(p, SecretKind::NylasApiKey).await?,
        })
    }

    /// Becomes the current sign-in; the one before stops waiting and closes its port.
    fn attempt(&self) -> Attempt<'_> {
        let cancel = Arc::new(Notify::new());
        if let Ok(mut slot) = self.current.lock() {
            if let Some(old) = slot.replace(cancel.clone()) {
                old.notify_one();
            }
        }
        Attempt {
            slot: &self.current,
            cancel,
        }
    }

    fn run<'a>(&'a self, attempt: &'a Attempt<'_>, report: impl FnOnce(SignInEvent) + Send + 'static) -> Run<'a> {
        Run {
            http: &self.http,
            settings: &self.settings,
            cancel: &attempt.cancel,
            link: &self.link,
            report: Some(Box::new(report)),
        }
    }
}

/// The current sign-in's cancel signal, cleared when it ends (unless a newer one replaced it).
struct Attempt<'a> {
    slot: &'a Mutex<Option<Arc<Notify>>>,
    cancel: Arc<Notify>,
}

impl Drop for Attempt<'_> {
    fn drop(&mut self) {
        if let Ok(mut slot) = self.slot.lock() {
            if slot.as_ref().is_some_and(|c| Arc::ptr_eq(c, &self.cancel)) {
                slot.take();
            }
        }
    }
}

/// The profile's Azure client secret and Nylas API key, read from the keychain once.
pub(crate) struct Keys {
    pub secret: Sensitive<String>,
    pub api_key: Sensitive<String>,
}

/// The browser tab's words for a connected mailbox.
pub(crate) fn connected_page(r: &ConnectResult) -> (String, String) {
    let who = r
        .grant
        .email
        .clone()
        .or_else(|| r.account.email.clone())
        .unwrap_or_else(|| "The mailbox".into());
    let test = if r.check.ok {
        "A test read through Nylas worked."
    } else {
        "The test read through Nylas did not work yet; Mailbox Connect shows why."
    };
    (
        "Connected".into(),
        format!("{who} is connected to Nylas. {test} You can close this tab and return to Mailbox Connect."),
    )
}
