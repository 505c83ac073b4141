//! Microsoft's admin consent for the whole organization (`/{tenant}/v2.0/adminconsent`), then the
//! Nylas admin-consent credential that bulk auth uses.

use serde::Serialize;
use ts_rs::TS;

use super::{Keys, Run};
use crate::consent;
use crate::error::{AppError, Result};
use crate::microsoft::callback::Outcome;
use crate::microsoft::cloud::Endpoints;
use crate::microsoft::listener::Loopback;
use crate::microsoft::oauth::MsOAuth;
use crate::microsoft::{admin_consent, MsError};
use crate::nylas::{MicrosoftConnectorSettings, NylasClient};
use crate::profile::Profile;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AdminConsentResult {
    /// The tenant that approved (from Microsoft's answer; informational only).
    #[ts(optional)]
    pub tenant: Option<String>,
    pub scopes: Vec<String>,
    pub credential_id: String,
}

pub(super) async fn consent(run: &mut Run<'_>, p: &Profile, keys: &Keys) -> Result<AdminConsentResult> {
    let endpoints = Endpoints::new(&p.cloud, &p.tenant)?;
    let state = MsOAuth::new_state();
    let listener = Loopback::default().bind(state.clone()).await?;
    let redirect_uri = listener.redirect_uri();
    let url = admin_consent::url(&endpoints, &p.tenant, &p.client_id, &p.scopes, &redirect_uri, &state)?;
    run.started(url.to_string(), redirect_uri, "Microsoft's").await?;
    let (outcome, reply) = consent::wait_for(listener, run.settings.timeout, run.cancel()).await?;
    let result = record(run.http, p, keys, outcome).await;
    reply
        .settle(result, |_| {
            (
                "Approved for your organization".into(),
                "Microsoft recorded the administrator's approval and Nylas can now connect your organization's mailboxes. Return to Mailbox Connect.".into(),
            )
        })
        .await
}

/// After Microsoft's answer: the Nylas admin-consent credential for the approved app.
async fn record(http: &reqwest::Client, p: &Profile, keys: &Keys, outcome: Outcome) -> Result<AdminConsentResult> {
    let (tenant, scope) = match outcome {
        Outcome::AdminConsent { tenant, scope } => (tenant, scope),
        Outcome::Error(e) => return Err(MsError::Provider(e).into()),
        Outcome::Code(_) => return Err(AppError::internal("Unexpected sign-in code in an admin consent.")),
    };
    let directory = tenant.clone().unwrap_or_else(|| p.tenant.to_string());
    let credential_id = credential(http, p, keys, &directory).await?;
    Ok(AdminConsentResult {
        tenant,
        scopes: scope
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_string)
            .collect(),
        credential_id,
    })
}

/// The Nylas admin-consent credential for the approved app in `directory` (the Microsoft
/// connector made or brought up to date first).
pub(super) async fn credential(http: &reqwest::Client, p: &Profile, keys: &Keys, directory: &str) -> Result<String> {
    let nylas = NylasClient::for_region(http, &p.region, keys.api_key.clone())?;
    nylas
        .ensure_microsoft_connector(&MicrosoftConnectorSettings::of(p, &keys.secret))
        .await?;
    Ok(nylas
        .create_admin_consent_credential(
            &format!("Mailbox Connect admin consent ({directory})"),
            &p.client_id,
            &keys.secret,
            directory,
        )
        .await?)
}
