//! Browser sign-ins as single async calls: each opens its loopback port, reports the sign-in link
//! through its [`Job`], waits for the browser, and returns its result; cancelling the job stops
//! the wait and closes the port.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::profiles::Profiles;
use super::vault::Vault;
use crate::browser::BrowserOpener;
use crate::error::{AppError, ErrorCode, Result};
use crate::job::Job;
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
mod owner_link;
mod run;
mod v2;

pub(crate) use run::Run;

pub use admin::AdminConsentResult;
pub use graph_admin::{AdminSession, GraphAdminPlan, GRAPH_POWERSHELL_CLIENT_ID};

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
    /// The waiting sign-in's link, so the browser can be opened on it again.
    link: Mutex<Option<String>>,
}

impl SignIn {
    pub(crate) fn new(profiles: Arc<Profiles>, vault: Arc<Vault>, http: reqwest::Client, settings: Settings) -> Self {
        Self {
            profiles,
            vault,
            http,
            settings,
            link: Mutex::new(None),
        }
    }

    /// Signs a mailbox in (this app's own consent, or Nylas Hosted auth, as the profile says),
    /// registers it with Nylas, tests it and records it.
    pub async fn connect(&self, login_hint: Option<String>, job: &Job) -> Result<ConnectResult> {
        let p = self.profiles.active()?;
        let hint = validate::email(login_hint.as_deref().unwrap_or(""))?;
        let keys = self.keys(&p).await?;
        let mut run = self.run(job);
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

    /// A sign-in link for the mailbox's owner to open on their own computer (reported through
    /// the job); waits until Nylas has the mailbox's grant renewed, then tests and records it.
    pub async fn send_link(&self, email: &str, job: &Job) -> Result<ConnectResult> {
        let p = self.profiles.active()?;
        let email = validate::email(email)?.ok_or_else(|| {
            AppError::invalid(
                "email",
                "Type the address of the mailbox whose owner gets the link.",
                "For example adele@contoso.com.",
            )
        })?;
        let keys = self.keys(&p).await?;
        let result = owner_link::send(&mut self.run(job), &p, &keys, &email).await?;
        tracing::info!(grant = %result.grant.id, test_read_ok = result.check.ok, "mailbox signed in again with its owner's link");
        self.profiles.record(&result, Method::Hosted)?;
        Ok(result)
    }

    /// Microsoft's admin consent for the organization, then the Nylas admin-consent credential.
    pub async fn admin_consent(&self, job: &Job) -> Result<AdminConsentResult> {
        let p = self.profiles.active()?;
        let keys = self.keys(&p).await?;
        let approved = admin::consent(&mut self.run(job), &p, &keys).await?;
        self.profiles.update(|p| {
            p.admin_credential_id = Some(approved.credential_id.clone());
            Ok(())
        })?;
        Ok(approved)
    }

    /// The Nylas admin-consent credential for an organization whose administrator approved the
    /// app another way (tenant-wide consent through Graph): no browser. Kept in the profile.
    pub async fn record_approval(&self, tenant_id: &str) -> Result<String> {
        let p = self.profiles.active()?;
        let keys = self.keys(&p).await?;
        let id = admin::credential(&self.http, &p, &keys, tenant_id).await?;
        self.profiles.update(|p| {
            p.admin_credential_id = Some(id.clone());
            Ok(())
        })?;
        Ok(id)
    }

    /// An administrator's sign-in to Microsoft Graph (to create or look after the Azure app).
    /// `resource` is the cloud's Graph resource prefix (`https://graph.microsoft.com/`).
    pub async fn graph_admin(&self, plan: &GraphAdminPlan, resource: &str, job: &Job) -> Result<AdminSession> {
        graph_admin::sign_in(&mut self.run(job), plan, resource).await
    }

    /// Legacy v2 native auth for Office 365: a Microsoft sign-in with v2's Exchange scopes, whose
    /// refresh token goes to v2's `/connect/authorize`.
    pub async fn v2_office365(&self, v2: V2Input, login_hint: Option<String>, job: &Job) -> Result<V2Linked> {
        let p = self.profiles.active()?;
        let client = crate::legacy::V2Client::new(self.http.clone(), &v2)?;
        let hint = validate::email(login_hint.as_deref().unwrap_or(""))?;
        let secret = self.vault.require(&p, SecretKind::AzureClientSecret).await?;
        v2::link(&mut self.run(job), &p, &secret, &client, hint.as_deref()).await
    }

    /// Opens the browser again on the sign-in in progress (its tab was closed or lost).
    pub fn reopen_browser(&self) -> Result<()> {
        let link = self.link.lock().ok().and_then(|l| l.clone());
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

    /// Opens the Entra admin center or the Nylas dashboard in the system browser.
    pub fn open_site(&self, site: crate::about::Site) -> Result<()> {
        self.open_browser(site.url(), &format!("Open {} in your browser yourself.", site.url()))
    }

    /// Opens `url` in the system browser; if it cannot, says so with `fix`.
    fn open_browser(&self, url: &str, fix: &str) -> Result<()> {
        self.settings.browser.open(url).map_err(|e| {
            AppError::new(ErrorCode::Internal, "The browser could not be opened.")
                .with_fix(fix)
                .with_detail(e)
        })
    }

    async fn keys(&self, p: &Profile) -> Result<Keys> {
        Ok(Keys {
            secret: self.vault.require(p, SecretKind::AzureClientSecret).await?,
            api_key: self.vault.require(p, SecretKind::NylasApiKey).await?,
        })
    }

    fn run<'a>(&'a self, job: &'a Job) -> Run<'a> {
        Run {
            http: &self.http,
            settings: &self.settings,
            job,
            link: &self.link,
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
