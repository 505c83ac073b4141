//! The Azure app through Microsoft Graph instead of the portal: create it for the profile's
//! target, rotate its secret, show it, remove it. An administrator signs in once; the Graph token
//! is kept in memory for the next call and never stored.

use std::sync::{Arc, Mutex};

use serde::Deserialize;
use ts_rs::TS;
use url::Url;

use super::demo_tenant::DemoTenant;
use super::profiles::Profiles;
use super::sign_in::{AdminSession, GraphAdminPlan, SignIn, GRAPH_POWERSHELL_CLIENT_ID};
use super::vault::Vault;
use crate::error::{AppError, ErrorCode, Result};
use crate::graph;
use crate::job::{Job, JobStep};
use crate::microsoft::cloud::{parse_service_url, Endpoints};
use crate::profile::Profile;
use crate::tenant::Tenant;
use crate::validate;

mod app_secret;
mod create;
mod manage;
mod replication;
mod rotate;

pub use create::CreateOptions;
pub use manage::AppSummary;
pub use rotate::Rotated;

pub struct AzureApp {
    profiles: Arc<Profiles>,
    vault: Arc<Vault>,
    http: reqwest::Client,
    sign_in: Arc<SignIn>,
    demo: Arc<DemoTenant>,
    session: Mutex<Option<AdminSession>>,
}

impl AzureApp {
    pub(super) fn new(
        profiles: Arc<Profiles>,
        vault: Arc<Vault>,
        http: reqwest::Client,
        sign_in: Arc<SignIn>,
        demo: Arc<DemoTenant>,
    ) -> Self {
        Self {
            profiles,
            vault,
            http,
            sign_in,
            demo,
            session: Mutex::new(None),
        }
    }

    /// Forgets the administrator's Graph sign-in.
    pub fn sign_out(&self) {
        if let Ok(mut s) = self.session.lock() {
            s.take();
        }
    }

    /// The signed-in administrator, signing in first when there is none (or it lacks what
    /// `admin_consent` needs, or its token is nearly spent).
    pub(crate) async fn admin(&self, p: &Profile, opts: &SignInOptions, job: &Job) -> Result<AdminSession> {
        self.admin_reading(p, opts, Reads::default(), job).await
    }

    /// Like [`AzureApp::admin`], also allowed to read what `reads` says: the tenant's consent
    /// policy and grants (the doctor's look), its people (the directory). A new sign-in asks
    /// again for what the one it replaces could do, so switching screens does not sign in twice.
    pub(crate) async fn admin_reading(
        &self,
        p: &Profile,
        opts: &SignInOptions,
        reads: Reads,
        job: &Job,
    ) -> Result<AdminSession> {
        let (client_id, login_hint) = opts.checked()?;
        let held = self.session.lock().ok().and_then(|s| s.clone());
        let enough = |s: &AdminSession| {
            (s.admin_consent || !opts.admin_consent)
                && (s.read_policy || !reads.policy)
                && (s.read_directory || !reads.directory)
        };
        if let Some(s) = held.as_ref().filter(|s| s.fresh() && enough(s)) {
            return Ok(s.clone());
        }
        let had = |f: fn(&AdminSession) -> bool| held.as_ref().is_some_and(f);
        let identity = p.cloud.host()?;
        let graph_base = self.graph_base(p, &identity)?;
        let tenant = match &p.tenant {
            t @ (Tenant::Id(_) | Tenant::Domain(_)) => t.clone(),
            _ => Tenant::Organizations,
        };
        let plan = GraphAdminPlan {
            endpoints: Endpoints::new(&p.cloud, &tenant)?,
            client_id,
            graph_base,
            admin_consent: opts.admin_consent || had(|s| s.admin_consent),
            read_policy: reads.policy || had(|s| s.read_policy),
            read_directory: reads.directory || had(|s| s.read_directory),
            login_hint,
            device_code: opts.device_code,
        };
        let resource = graph::resource(&identity);
        let session = self.sign_in.graph_admin(&plan, resource, job).await?;
        let who = session
            .account
            .email
            .clone()
            .unwrap_or_else(|| "The administrator".into());
        job.step(JobStep::SignedIn, format!("{who} signed in to Microsoft Graph."));
        if let Ok(mut slot) = self.session.lock() {
            *slot = Some(session.clone());
        }
        Ok(session)
    }

    fn graph_base(&self, p: &Profile, identity: &Url) -> Result<Url> {
        if p.demo {
            let env = self
                .demo
                .env()
                .ok_or_else(|| AppError::internal("The demo tenant is not running."))?;
            return parse_service_url(&format!("{}/", env.graph_url), "graph_url", "Microsoft Graph");
        }
        let base = graph::graph_host(identity).ok_or_else(|| {
            AppError::new(
                ErrorCode::InvalidInput,
                "Creating the app works only with Microsoft's own clouds.",
            )
            .with_fix("Use the manual checklist for this sign-in host.")
        })?;
        parse_service_url(base, "graph_url", "Microsoft Graph")
    }
}

/// What an administrator's Graph sign-in may read beyond the app registrations.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reads {
    /// The tenant's consent policy and permission grants (`Policy.Read.All`).
    pub policy: bool,
    /// The organization's people (`User.Read.All`).
    pub directory: bool,
}

/// How the administrator signs in to Graph.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct SignInOptions {
    /// Also grant tenant-wide consent (needs a role that may consent for everyone).
    #[serde(default)]
    pub admin_consent: bool,
    /// The tenant's own public client to sign in with, where Graph PowerShell is blocked.
    #[serde(default)]
    #[ts(optional)]
    pub bootstrap_client_id: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub login_hint: Option<String>,
    /// Sign in on another device with a code (also used when no browser opens here).
    #[serde(default)]
    pub device_code: bool,
}

impl SignInOptions {
    /// The client to sign in with and the address to pre-fill, each checked by its own field.
    fn checked(&self) -> Result<(String, Option<String>)> {
        let own = self
            .bootstrap_client_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let client_id = match own {
            Some(id) => validate::client_id(id, None).map_err(|e| e.on_field("bootstrap_client_id"))?,
            None => GRAPH_POWERSHELL_CLIENT_ID.into(),
        };
        let hint = validate::email(self.login_hint.as_deref().unwrap_or_default()).map_err(|e| {
            e.on_field("admin_email")
                .with_fix("Type the administrator's address, for example admin@contoso.com, or leave it empty.")
        })?;
        Ok((client_id, hint))
    }
}
