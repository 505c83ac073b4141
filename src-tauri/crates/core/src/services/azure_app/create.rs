//! "Create it for me": the app registration for the profile's target, its secret (straight to
//! the keychain), its service principal, optional tenant-wide consent, then the wait until
//! Microsoft's sign-in knows the new client ID. Each ID is saved the moment Graph returns it,
//! and the upsert is keyed by a `uniqueName` chosen first, so a rerun after any interruption
//! continues the same app: never a second app, never a lost secret.

use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::json;
use ts_rs::TS;

use super::app_secret::{remove_password, secret_months, SECRET_NAME};
use super::{AzureApp, SignInOptions};
use crate::azure::checklist::ChecklistTarget;
use crate::error::Result;
use crate::graph::models::{Application, Collection, OAuth2PermissionGrant, ServicePrincipal};
use crate::graph::registration::{self, AppPlan, ResourceScopes};
use crate::graph::Graph;
use crate::job::{Job, JobStep};
use crate::profile::wizard::{self, Event, WizardStep};
use crate::profile::{CreatedApp, Profile};
use crate::secrets::SecretKind;
use crate::tenant::Tenant;

/// How long service-principal creation waits for Graph to know a new app, asked every `POLL`.
const REPLICATION_PATIENCE: Duration = Duration::from_secs(180);
const POLL: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct CreateOptions {
    #[serde(default)]
    pub sign_in: SignInOptions,
    /// What the app is for (the profile's choice when absent).
    #[serde(default)]
    #[ts(optional)]
    pub target: Option<ChecklistTarget>,
    /// How long the secret lasts, 1 to 24 months (24 when absent).
    #[serde(default)]
    #[ts(optional)]
    pub secret_months: Option<u8>,
}

impl AzureApp {
    /// Creates (or finishes creating) the profile's Azure app and leaves the wizard at the next
    /// step with nothing to copy or paste.
    pub async fn create(&self, opts: CreateOptions, job: &Job) -> Result<Profile> {
        let months = secret_months(opts.secret_months)?;
        let mut p = self.profiles.active()?;
        let admin = self.admin(&p, &opts.sign_in, job).await?;
        let g = &admin.graph;
        p = self.profiles.update(|p| {
            if let Some(t) = opts.target {
                p.target = t;
            }
            p.tenant = Tenant::Id(admin.tenant_id.clone());
            p.created_app.get_or_insert_with(|| CreatedApp {
                unique_name: unique_name(&p.id),
                ..CreatedApp::default()
            });
            Ok(())
        })?;
        // Each step is recorded in the profile as it finishes, so a cancel (or a kill) between
        // two steps loses nothing: the next run goes on from there.
        job.go_on()?;
        let (app, resources) = self.register(g, &p, job).await?;
        job.go_on()?;
        p = self.profiles.active()?;
        self.secret(g, &p, &app, &app.id, months, job).await?;
        job.go_on()?;
        p = self.principal(g, &p, job).await?;
        if opts.sign_in.admin_consent && !created(&p).consented {
            job.go_on()?;
            p = self.consent(g, &p, &resources, job).await?;
        }
        if !created(&p).ready {
            self.wait_until_known(&p, job).await?;
        }
        let p = self.profiles.update(|p| {
            if let Some(c) = p.created_app.as_mut() {
                c.ready = true;
            }
            p.credentials_checked = true;
            if matches!(
                p.step,
                WizardStep::Welcome | WizardStep::Checklist | WizardStep::Credentials
            ) {
                wizard::advance(p, Event::AzureAppSaved)?;
            }
            if p.step == WizardStep::Nylas && p.api_key_saved {
                wizard::advance(p, Event::Open(WizardStep::Consent))?;
            }
            Ok(())
        })?;
        job.step(JobStep::Ready, "The app is ready: you can connect mailboxes now.");
        Ok(p)
    }

    /// The upsert by `uniqueName`: creates the app or brings it to the target's settings.
    async fn register(&self, g: &Graph, p: &Profile, job: &Job) -> Result<(Application, Vec<ResourceScopes>)> {
        let plan = AppPlan {
            display_name: "Mailbox Connect",
            target: p.target,
            region: &p.region,
            mode: p.auth_mode,
            scopes: &p.scopes,
        };
        let resources = registration::resolve(g, &registration::selected(&plan)).await?;
        let unique = &created(p).unique_name;
        let path = format!("applications(uniqueName='{unique}')");
        // 201 returns the new app; 204 (it existed) returns nothing.
        let app: Application = match g
            .upsert(&path, registration::document(&plan, unique, &resources))
            .await?
        {
            Some(app) => app,
            None => g.get(&path).await?,
        };
        let (object_id, app_id) = (app.id.clone(), app.app_id.clone());
        self.profiles.update(|p| {
            if p.client_id != app_id {
                p.credentials_checked = false;
            }
            p.client_id = app_id.clone();
            if let Some(c) = p.created_app.as_mut() {
                c.object_id = Some(object_id.clone());
            }
            Ok(())
        })?;
        let what = match p.target {
            ChecklistTarget::NylasV3 => "Nylas",
            ChecklistTarget::LegacyV2 => "Nylas v2",
            ChecklistTarget::Streams => "Nylas Streams",
        };
        job.step(
            JobStep::Registered,
            format!("The app \"Mailbox Connect\" is registered for {what} (client ID {app_id})."),
        );
        Ok((app, resources))
    }

    /// A new secret, unless one made earlier is still in the keychain: its value goes to the
    /// keychain before anything else, its expiry comes from Graph's answer.
    async fn secret(
        &self,
        g: &Graph,
        p: &Profile,
        app: &Application,
        object_id: &str,
        months: u8,
        job: &Job,
    ) -> Result<()> {
        let kept =
            created(p).secret_key_id.is_some() && self.vault.require(p, SecretKind::AzureClientSecret).await.is_ok();
        if kept {
            return Ok(());
        }
        let (_, added) = self.new_secret(g, p, object_id, months).await?;
        // A secret an interrupted run added, whose value never reached the keychain: useless.
        for old in &app.password_credentials {
            if old.display_name.as_deref() == Some(SECRET_NAME) && old.key_id != added.key_id {
                remove_password(g, object_id, &old.key_id).await?;
            }
        }
        job.step(
            JobStep::SecretSaved,
            format!(
                "A client secret was made and saved in the keychain; it expires on {}.",
                added.expires_on
            ),
        );
        Ok(())
    }

    /// The app's service principal in the tenant; Graph may not know the new app for a moment.
    async fn principal(&self, g: &Graph, p: &Profile, job: &Job) -> Result<Profile> {
        let path = format!("servicePrincipals(appId='{}')", p.client_id);
        let started = Instant::now();
        let sp: ServicePrincipal = loop {
            if let Some(sp) = g.find(&path).await? {
                break sp;
            }
            match g.post("servicePrincipals", json!({ "appId": p.client_id })).await {
                Ok(sp) => break sp,
                Err(e) if e.no_backing_application() && started.elapsed() < REPLICATION_PATIENCE => {
                    job.step(JobStep::Waiting, "Microsoft is still publishing the new app…");
                    job.pause(POLL).await?;
                }
                Err(e) => return Err(e.into()),
            }
        };
        let id = sp.id;
        let p = self.profiles.update(|p| {
            if let Some(c) = p.created_app.as_mut() {
                c.principal_id = Some(id.clone());
            }
            Ok(())
        })?;
        job.step(
            JobStep::PrincipalCreated,
            "The app was added to your organization's enterprise applications.",
        );
        Ok(p)
    }

    /// Tenant-wide consent (`AllPrincipals`) for each API's permissions.
    async fn consent(&self, g: &Graph, p: &Profile, resources: &[ResourceScopes], job: &Job) -> Result<Profile> {
        let client = created(p).principal_id.clone().unwrap_or_default();
        for r in resources {
            let Some(resource) = &r.principal_id else { continue };
            let scope = r.names.join(" ");
            let filter = format!("oauth2PermissionGrants?$filter=clientId eq '{client}' and resourceId eq '{resource}' and consentType eq 'AllPrincipals'");
            let existing: Collection<OAuth2PermissionGrant> = g.get(&filter).await?;
            match existing.value.first() {
                Some(grant) => {
                    g.patch(
                        &format!("oauth2PermissionGrants/{}", grant.id),
                        json!({ "scope": scope }),
                    )
                    .await?
                }
                None => {
                    let body = json!({ "clientId": client, "consentType": "AllPrincipals", "resourceId": resource, "scope": scope });
                    g.post_only("oauth2PermissionGrants", body).await?
                }
            };
        }
        let p = self.profiles.update(|p| {
            if let Some(c) = p.created_app.as_mut() {
                c.consented = true;
            }
            Ok(())
        })?;
        job.step(
            JobStep::Consented,
            "Consent was granted for everyone in your organization.",
        );
        Ok(p)
    }
}

pub(super) fn created(p: &Profile) -> &CreatedApp {
    static NONE: std::sync::OnceLock<CreatedApp> = std::sync::OnceLock::new();
    p.created_app
        .as_ref()
        .unwrap_or_else(|| NONE.get_or_init(CreatedApp::default))
}

/// The upsert key: the profile's, plus randomness so two profiles or tenants never collide.
fn unique_name(profile_id: &str) -> String {
    let tag: String = uuid::Uuid::new_v4().simple().to_string().chars().take(8).collect();
    format!("mailbox-connect-{profile_id}-{tag}")
}
