//! Secret rotation for any app the administrator can manage (made here or by hand): a new secret
//! into the keychain, Microsoft's sign-in accepting it, the Nylas connector updated, a grant
//! tested, and only then the old secret removed. If any step fails the old secret stays.

use serde::Serialize;
use ts_rs::TS;

use super::app_secret::{remove_password, secret_months};
use super::{AzureApp, SignInOptions};
use crate::error::{AppError, ErrorCode, Result};
use crate::graph::models::Application;
use crate::job::{Job, JobStep};
use crate::nylas::grant_check::check_grant;
use crate::nylas::{MicrosoftConnectorSettings, NylasClient};
use crate::secrets::SecretKind;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Rotated {
    pub key_id: String,
    /// The new secret's expiry (`YYYY-MM-DD`).
    pub expires_on: String,
    /// The secrets removed from the app (the old one; none when it was not found).
    pub removed: Vec<String>,
    /// The grant tested with the new secret, when there was one.
    #[ts(optional)]
    pub grant_checked: Option<String>,
}

impl AzureApp {
    pub async fn rotate_secret(&self, opts: SignInOptions, months: Option<u8>, job: &Job) -> Result<Rotated> {
        let months = secret_months(months)?;
        let p = self.profiles.active()?;
        if p.client_id.is_empty() {
            return Err(AppError::invalid(
                "client_id",
                "This profile has no Azure app yet.",
                "Create the app or paste its client ID first.",
            ));
        }
        let old = self.vault.require(&p, SecretKind::AzureClientSecret).await.ok();
        let admin = self.admin(&p, &opts, job).await?;
        let g = &admin.graph;
        let path = format!("applications(appId='{}')", p.client_id);
        let app: Application = g.find(&path).await?.ok_or_else(|| {
            AppError::new(
                ErrorCode::NotFound,
                format!("No app with client ID {} in this organization.", p.client_id),
            )
            .with_fix(
                "Sign in to the organization the app belongs to, or check the client ID on the App credentials step.",
            )
        })?;
        let object_id = app.id.clone();
        job.go_on()?;
        let (p, added) = self.new_secret(g, &p, &object_id, months).await?;
        job.step(
            JobStep::SecretSaved,
            format!(
                "A new client secret was saved in the keychain; it expires on {}.",
                added.expires_on
            ),
        );
        self.wait_until_known(&p, job).await?;

        let grant_checked = match self.vault.require(&p, SecretKind::NylasApiKey).await {
            Ok(key) => {
                let nylas = NylasClient::for_region(&self.http, &p.region, key)?;
                if nylas.microsoft_connector().await?.is_some() {
                    nylas
                        .ensure_microsoft_connector(&MicrosoftConnectorSettings::of(&p, &added.value))
                        .await?;
                    job.step(JobStep::ConnectorUpdated, "Nylas now uses the new secret.");
                }
                self.check_a_grant(&nylas, &p, job).await?
            }
            Err(_) => {
                job.warn("Nylas was not updated or tested: this profile has no Nylas API key saved.");
                None
            }
        };
        job.go_on()?;

        // The old secret: the one recorded, else the one whose hint matches the old value.
        let recorded = p.created_app.as_ref().and_then(|c| c.secret_key_id.clone());
        let hint: Option<String> = old.as_ref().map(|v| v.expose().chars().take(3).collect());
        let mut removed = Vec::new();
        for pw in &app.password_credentials {
            let key = pw.key_id.as_str();
            let is_old = recorded.as_deref() == Some(key) || (hint.is_some() && pw.hint == hint);
            if is_old && key != added.key_id {
                remove_password(g, &object_id, key).await?;
                removed.push(key.to_string());
            }
        }
        if !removed.is_empty() {
            job.step(JobStep::OldSecretRemoved, "The old secret was removed from the app.");
        }
        Ok(Rotated {
            key_id: added.key_id,
            expires_on: added.expires_on.to_string(),
            removed,
            grant_checked,
        })
    }

    /// Tests a valid grant (the profile's last connected one when it still is) with Nylas; a
    /// failure stops the rotation before the old secret is removed. An invalid grant cannot
    /// tell whether the new secret works, so none is tested when all are invalid.
    async fn check_a_grant(
        &self,
        nylas: &NylasClient,
        p: &crate::profile::Profile,
        job: &Job,
    ) -> Result<Option<String>> {
        let grants = nylas.grants_page(50, 0).await?;
        let valid = |g: &&crate::nylas::types::Grant| g.grant_status.as_deref() == Some("valid");
        let last = p.last_result.as_ref().map(|r| r.grant.id.as_str());
        let chosen = grants
            .iter()
            .filter(valid)
            .find(|g| Some(g.id.as_str()) == last)
            .or_else(|| grants.iter().find(valid));
        let Some(id) = chosen.map(|g| g.id.clone()) else {
            if !grants.is_empty() {
                job.warn("No connected mailbox could test the new secret: Nylas marks every grant invalid. Sign them in again.");
            }
            return Ok(None);
        };
        let check = check_grant(nylas, &id, &[]).await;
        if !check.ok {
            return Err(AppError::new(
                ErrorCode::Nylas,
                "With the new secret, a mailbox test through Nylas failed, so the old secret was kept.",
            )
            .with_fix("Both secrets work for now. Check the grant on the History & support tab, then rotate again.")
            .with_detail(check.detail));
        }
        job.step(
            JobStep::GrantChecked,
            format!("A mailbox test through Nylas passed with the new secret ({id})."),
        );
        Ok(Some(id))
    }
}
