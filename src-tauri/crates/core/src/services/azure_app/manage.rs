//! Looking at the Azure app through Graph, and "Remove this app".

use serde::Serialize;
use ts_rs::TS;

use super::{AzureApp, SignInOptions};
use crate::error::{AppError, ErrorCode, Result};
use crate::graph::models::Application;
use crate::job::{Job, JobStep};
use crate::profile::Profile;
use crate::secrets::SecretKind;

/// The app as Graph describes it (no secret values: Graph never returns them again).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AppSummary {
    pub display_name: String,
    pub client_id: String,
    pub object_id: String,
    pub sign_in_audience: String,
    pub redirect_uris: Vec<String>,
    /// Each secret: its ID, first characters and expiry.
    pub secrets: Vec<SecretSummary>,
    /// Whether Mailbox Connect created it (and may remove it).
    pub created_here: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SecretSummary {
    pub key_id: String,
    pub hint: String,
    pub expires: String,
}

impl AzureApp {
    pub async fn show(&self, opts: SignInOptions, job: &Job) -> Result<AppSummary> {
        let p = self.profiles.active()?;
        // Nothing to show is said before anyone is asked to sign in.
        let path = app_path(&p)?;
        let admin = self.admin(&p, &opts, job).await?;
        let app: Application = admin.graph.find(&path).await?.ok_or_else(|| not_found(&p))?;
        Ok(AppSummary {
            redirect_uris: app.redirect_uris().to_vec(),
            secrets: app
                .password_credentials
                .into_iter()
                .map(|s| SecretSummary {
                    key_id: s.key_id,
                    hint: s.hint.unwrap_or_default(),
                    expires: s.end_date_time.unwrap_or_default(),
                })
                .collect(),
            display_name: app.display_name.unwrap_or_default(),
            client_id: app.app_id,
            object_id: app.id,
            sign_in_audience: app.sign_in_audience.unwrap_or_default(),
            created_here: p.created_app.is_some(),
        })
    }

    /// "Remove this app": deletes the app Mailbox Connect created (its service principal and
    /// consent go with it), forgets its secret and its IDs. An app made by hand is not removed.
    pub async fn remove(&self, opts: SignInOptions, job: &Job) -> Result<Profile> {
        let p = self.profiles.active()?;
        if p.created_app.is_none() {
            return Err(AppError::new(
                ErrorCode::InvalidInput,
                "Mailbox Connect did not create this profile's app, so it does not remove it.",
            )
            .with_fix("Delete it in the Azure portal (App registrations) if you no longer need it."));
        }
        let admin = self.admin(&p, &opts, job).await?;
        job.go_on()?;
        if let Some(app) = admin.graph.find::<Application>(&app_path(&p)?).await? {
            admin.graph.delete(&format!("applications/{}", app.id)).await?;
        }
        self.vault.delete(&p, SecretKind::AzureClientSecret).await?;
        let p = self.profiles.update(|p| {
            p.created_app = None;
            p.client_id.clear();
            p.secret_saved = false;
            p.secret_expires_on = None;
            p.credentials_checked = false;
            Ok(())
        })?;
        job.step(JobStep::Removed, "The app was removed from your organization.");
        Ok(p)
    }
}

fn app_path(p: &Profile) -> Result<String> {
    match (&p.created_app, p.client_id.is_empty()) {
        (Some(c), _) => Ok(format!("applications(uniqueName='{}')", c.unique_name)),
        (None, false) => Ok(format!("applications(appId='{}')", p.client_id)),
        (None, true) => Err(AppError::invalid(
            "client_id",
            "This profile has no Azure app yet.",
            "Create the app or paste its client ID first.",
        )),
    }
}

fn not_found(p: &Profile) -> AppError {
    AppError::new(
        ErrorCode::NotFound,
        format!("The app (client ID {}) is not in this organization.", p.client_id),
    )
    .with_fix("Sign in to the organization the app belongs to, or create the app again.")
}
