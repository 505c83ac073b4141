//! The connection doctor for the active profile: Microsoft's answer to the app's own credentials
//! (no user needed), then, with an administrator's Graph sign-in, the registration, its service
//! principal and the keychain's secret against the app's. Nothing is changed unless a fix is
//! chosen; each fix is checked again after.

use std::sync::Arc;

use super::azure_app::{AzureApp, Reads, SignInOptions};
use super::profiles::Profiles;
use super::sign_in::AdminSession;
use super::vault::Vault;
use crate::doctor::registration::{self, Needs};
use crate::doctor::{repair, secrets, Checkup, Finding, FindingCode};
use serde_json::json;

use crate::error::{AppError, Result};
use crate::graph::models::{Application, ServicePrincipal};
use crate::job::{Job, JobStep};
use crate::microsoft::cloud::Endpoints;
use crate::microsoft::error::MsError;
use crate::microsoft::oauth::MsOAuth;
use crate::microsoft::redirect;
use crate::profile::Profile;
use crate::secrets::SecretKind;
use crate::tenant::Tenant;

mod consent_side;
mod needs;
mod nylas_side;

pub(crate) use consent_side::grant_for_organization;

/// What one look read: the app and what the profile needs of it.
struct Seen {
    app: Application,
    sp: Option<ServicePrincipal>,
    needs: Needs,
}

pub struct Doctor {
    profiles: Arc<Profiles>,
    vault: Arc<Vault>,
    http: reqwest::Client,
    azure_app: Arc<AzureApp>,
    /// Hosted auth's callback port (0: the OS picks one each time).
    hosted_port: u16,
}

impl Doctor {
    pub(crate) fn new(
        profiles: Arc<Profiles>,
        vault: Arc<Vault>,
        http: reqwest::Client,
        azure_app: Arc<AzureApp>,
        hosted_port: u16,
    ) -> Self {
        Self {
            profiles,
            vault,
            http,
            azure_app,
            hosted_port,
        }
    }

    /// Checks the active profile's connection; an error means the check itself could not run.
    pub async fn check(&self, opts: SignInOptions, job: &Job) -> Result<Checkup> {
        let p = self.profile()?;
        let (findings, _) = self.inspect(&p, &opts, job).await?;
        Ok(self.said(findings))
    }

    /// Checks, fixes the findings that can be fixed in one action (those with the codes in
    /// `only`, or all), and checks again: a finding gone on the second look is marked fixed.
    pub async fn fix(&self, opts: SignInOptions, only: Option<&[FindingCode]>, job: &Job) -> Result<Checkup> {
        let p = self.profile()?;
        let (mut findings, seen) = self.inspect(&p, &opts, job).await?;
        let chosen: Vec<FindingCode> = findings
            .iter()
            .filter(|f| f.fixable && only.is_none_or(|o| o.contains(&f.code)))
            .map(|f| f.code)
            .collect();
        if chosen.is_empty() {
            return Ok(self.said(findings));
        }
        job.go_on()?;
        if let Some(seen) = &seen {
            self.repair_azure(&p, &opts, seen, &chosen, job).await?;
        }
        let secret_codes = [
            FindingCode::SecretNotInApp,
            FindingCode::SecretExpired,
            FindingCode::SecretExpiring,
        ];
        if seen.is_some() && chosen.iter().any(|c| secret_codes.contains(c)) {
            // The existing rotation: new secret, keychain, Nylas connector, a grant tested, old removed.
            let rotated = self.azure_app.rotate_secret(widened(&opts), None, job).await?;
            job.step(
                JobStep::Fixed,
                format!(
                    "The secret was replaced; the new one lasts until {}.",
                    rotated.expires_on
                ),
            );
        }
        if let Ok(key) = self.vault.require(&p, SecretKind::NylasApiKey).await {
            let secret = self.vault.require(&p, SecretKind::AzureClientSecret).await.ok();
            for done in nylas_side::repair(&self.http, &p, key, secret.as_ref(), self.hosted_port, &chosen).await? {
                job.step(JobStep::Fixed, done);
            }
        }
        let (after, _) = self.inspect(&p, &opts, job).await?;
        for f in findings.iter_mut().filter(|f| chosen.contains(&f.code)) {
            f.fixed = !after.iter().any(|a| a.code == f.code && a.message == f.message);
        }
        // Anything the second look found that the first did not is said too.
        findings.extend(after.into_iter().filter(|a| !chosen.contains(&a.code)));
        Ok(self.said(findings))
    }

    /// The chosen Azure fixes: the registration in one PATCH, then the service principal.
    async fn repair_azure(
        &self,
        p: &Profile,
        opts: &SignInOptions,
        seen: &Seen,
        chosen: &[FindingCode],
        job: &Job,
    ) -> Result<()> {
        let admin = self.admin(p, opts, job).await?;
        let g = &admin.graph;
        if let Some(body) = repair::application_patch(&seen.app, &seen.needs, chosen) {
            g.patch(&format!("applications/{}", seen.app.id), body).await?;
            job.step(JobStep::Fixed, "The app's registration in Azure was updated.");
        }
        match &seen.sp {
            None if chosen.contains(&FindingCode::ServicePrincipalMissing) => {
                let _: ServicePrincipal = g.post("servicePrincipals", json!({ "appId": p.client_id })).await?;
                job.step(
                    JobStep::Fixed,
                    "The app was added to your organization's enterprise applications.",
                );
            }
            Some(sp) => {
                if chosen.contains(&FindingCode::ConsentMissing) {
                    consent_side::repair(g, sp, &seen.needs).await?;
                    job.step(
                        JobStep::Fixed,
                        "The app's permissions were granted for the whole organization.",
                    );
                }
                if let Some(body) = repair::principal_patch(chosen) {
                    g.patch(&format!("servicePrincipals/{}", sp.id), body).await?;
                    job.step(
                        JobStep::Fixed,
                        "The app's enterprise application settings were updated.",
                    );
                }
            }
            None => {}
        }
        Ok(())
    }

    /// The administrator's Graph sign-in, allowed to read and grant tenant-wide consent and to
    /// read the tenant's consent policy.
    async fn admin(&self, p: &Profile, opts: &SignInOptions, job: &Job) -> Result<AdminSession> {
        self.azure_app
            .admin_reading(
                p,
                &widened(opts),
                Reads {
                    policy: true,
                    directory: false,
                },
                job,
            )
            .await
    }

    fn profile(&self) -> Result<Profile> {
        let p = self.profiles.active()?;
        if p.client_id.is_empty() {
            return Err(AppError::invalid(
                "client_id",
                "This profile has no Azure app to check yet.",
                "Create the app or paste its client ID first.",
            ));
        }
        Ok(p)
    }

    fn said(&self, findings: Vec<Finding>) -> Checkup {
        let checkup = Checkup::of(findings);
        tracing::info!(
            found = checkup.findings.len(),
            "connection checked: {}",
            checkup.summary.text
        );
        checkup
    }

    /// One look at everything: the findings, and the app and needs they were read from.
    async fn inspect(&self, p: &Profile, opts: &SignInOptions, job: &Job) -> Result<(Vec<Finding>, Option<Seen>)> {
        let stored = self.vault.require(p, SecretKind::AzureClientSecret).await.ok();
        let mut findings = Vec::new();
        if let Some(secret) = &stored {
            findings.extend(self.microsofts_answer(p, secret).await?);
            job.step(
                JobStep::Checked,
                "Microsoft's sign-in was asked about the app's client ID and secret.",
            );
        }
        let mut connector_tenant = None;
        if let Ok(key) = self.vault.require(p, SecretKind::NylasApiKey).await {
            let (said, tenant) = nylas_side::look(&self.http, p, key, self.hosted_port).await?;
            findings.extend(said);
            connector_tenant = tenant;
            job.step(
                JobStep::Checked,
                "Nylas was asked about the API key, the connector and the grants.",
            );
        }
        job.go_on()?;
        let admin = self.admin(p, opts, job).await?;
        let g = &admin.graph;
        let app: Option<Application> = g.find(&format!("applications(appId='{}')", p.client_id)).await?;
        let Some(app) = app else {
            findings
                .push(secrets::app_missing().saw(format!("Graph has no application with client ID {}", p.client_id)));
            return Ok((findings, None));
        };
        let sp: Option<ServicePrincipal> = g
            .find(&format!(
                "servicePrincipals(appId='{}')?$select=id,appId,accountEnabled,appRoleAssignmentRequired",
                p.client_id
            ))
            .await?;
        let needs = needs::of(g, p).await?;
        findings.extend(registration::check(&app, sp.as_ref(), &needs));
        // The connector can be pointed at the profile's tenant only when it names one.
        let own_tenant = matches!(p.tenant, Tenant::Id(_) | Tenant::Domain(_));
        findings.extend(
            registration::audience(&app, connector_tenant.as_deref()).map(|f| Finding {
                fixable: f.fixable && own_tenant,
                ..f
            }),
        );
        if let Some(sp) = &sp {
            findings.extend(consent_side::look(g, sp, &needs).await?);
        }
        if let Some(secret) = &stored {
            findings.extend(secrets::check(
                &app.password_credentials,
                secret,
                time::OffsetDateTime::now_utc(),
            ));
        }
        job.step(
            JobStep::Checked,
            "The app's registration in Azure was read and compared.",
        );
        Ok((findings, Some(Seen { app, sp, needs })))
    }

    /// The client credentials grant: a wrong, expired or unknown secret or app, told apart by
    /// Microsoft without any user. Not reaching Microsoft stops the check.
    async fn microsofts_answer(&self, p: &Profile, secret: &crate::Sensitive<String>) -> Result<Option<Finding>> {
        let endpoints = Endpoints::new(&p.cloud, &p.tenant)?;
        let oauth = MsOAuth::new(&endpoints, &p.client_id, Some(secret), redirect::REGISTERED)?;
        let resource = crate::graph::resource(&p.cloud.host()?);
        match oauth
            .check_credentials(&self.http, &format!("{resource}.default"))
            .await
        {
            Ok(()) => Ok(None),
            Err(e @ MsError::Unreachable { .. }) => Err(e.into()),
            Err(e) => Ok(e.aadsts().and_then(secrets::from_microsoft)),
        }
    }
}

/// The administrator's sign-in as the doctor needs it: also allowed to grant tenant-wide consent,
/// so its session serves the check, the fixes and the rotation alike.
fn widened(opts: &SignInOptions) -> SignInOptions {
    SignInOptions {
        admin_consent: true,
        ..opts.clone()
    }
}
