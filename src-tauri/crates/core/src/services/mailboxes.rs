//! Onboarding without a browser: bulk auth through the admin-consent credential, and Exchange
//! on-premises mailboxes (EWS) with their password, which goes to Nylas only.

use std::sync::Arc;

use serde::Serialize;
use tokio::sync::Semaphore;
use ts_rs::TS;

use super::nylas_for;
use super::profiles::Profiles;
use super::vault::Vault;
use crate::error::{AppError, Result};
use crate::microsoft::id_token::SignedInAccount;
use crate::microsoft::scope_report;
use crate::nylas::connectors::EWS_GRANT_SCOPES;
use crate::nylas::grant_check::check_grant;
use crate::nylas::types::{ConnectorAction, EwsAccount};
use crate::profile::ledger::{LedgerEntry, LedgerEvent, Method};
use crate::result::{now, ConnectResult, GrantCheck};
use crate::validate;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BulkRow {
    pub email: String,
    #[ts(optional)]
    pub grant_id: Option<String>,
    #[ts(optional)]
    pub check: Option<GrantCheck>,
    #[ts(optional)]
    pub error: Option<AppError>,
}

/// Bulk auth requests in flight at once (Nylas's admin APIs allow 50 requests a second).
const BULK_CONCURRENCY: usize = 8;

pub struct Mailboxes {
    profiles: Arc<Profiles>,
    vault: Arc<Vault>,
    http: reqwest::Client,
}

impl Mailboxes {
    pub(super) fn new(profiles: Arc<Profiles>, vault: Arc<Vault>, http: reqwest::Client) -> Self {
        Self { profiles, vault, http }
    }

    /// A grant for each mailbox through the admin-consent credential, no sign-ins. Every address
    /// gets a row; one failure does not stop the others.
    pub async fn bulk_connect(&self, emails: &[String]) -> Result<Vec<BulkRow>> {
        let p = self.profiles.active()?;
        let credential = p.admin_credential_id.clone().ok_or_else(|| {
            AppError::invalid(
                "emails",
                "No administrator has approved the app yet.",
                "Run admin consent first, then add mailboxes.",
            )
        })?;
        let nylas = Arc::new(nylas_for(&self.vault, &self.http, &p).await?);
        let gate = Arc::new(Semaphore::new(BULK_CONCURRENCY));
        let mut tasks = Vec::new();
        for raw in emails.iter().map(|e| e.trim()).filter(|e| !e.is_empty()) {
            let (nylas, gate, credential, email) = (nylas.clone(), gate.clone(), credential.clone(), raw.to_string());
            tasks.push(tokio::spawn(async move {
                let _permit = gate.acquire_owned().await;
                let row = |grant_id, check, error| BulkRow {
                    email: email.clone(),
                    grant_id,
                    check,
                    error,
                };
                if validate::email(&email).is_err() {
                    let e = AppError::invalid(
                        "emails",
                        format!("'{}' is not an email address.", validate::shorten(&email)),
                        "Correct it in the list (for example adele@contoso.com), or remove the line.",
                    );
                    return row(None, None, Some(e));
                }
                match nylas.connect_microsoft_bulk(&email, &credential).await {
                    Ok(g) => row(Some(g.id.clone()), Some(check_grant(&nylas, &g.id, &[]).await), None),
                    Err(e) => row(None, None, Some(super::bulk::refusal(&email, e.into()))),
                }
            }));
        }
        let mut rows = Vec::new();
        for t in tasks {
            rows.push(t.await.map_err(|e| AppError::internal(e.to_string()))?);
        }
        for r in &rows {
            if let Some(grant_id) = &r.grant_id {
                self.profiles.ledger().append(&LedgerEntry {
                    at: now(),
                    profile: p.id.clone(),
                    email: r.email.clone(),
                    grant_id: grant_id.clone(),
                    provider: "microsoft".into(),
                    event: LedgerEvent::Connected,
                    method: Some(Method::Bulk),
                    scopes: Vec::new(),
                    test_passed: r.check.as_ref().is_some_and(|c| c.ok),
                    cause: r.check.as_ref().and_then(|c| c.cause.clone()),
                })?;
            }
        }
        Ok(rows)
    }

    /// Registers an Exchange on-premises mailbox (EWS connector), with server auto-discovery
    /// unless a host is given.
    pub async fn connect_ews(&self, account: EwsAccount) -> Result<ConnectResult> {
        let p = self.profiles.active()?;
        let account = validate::ews_account(account)?;
        let nylas = nylas_for(&self.vault, &self.http, &p).await?;
        let created = nylas.ensure_ews_connector().await?;
        let grant = nylas.connect_ews(&account).await?;
        let requested: Vec<String> = EWS_GRANT_SCOPES.iter().map(|s| s.to_string()).collect();
        let result = ConnectResult {
            account: SignedInAccount::with_email(Some(account.email)),
            scopes: scope_report::compare(&requested, Some(&grant.scope.join(" ")), true),
            connector: created.unwrap_or(ConnectorAction::Unchanged),
            check: check_grant(&nylas, &grant.id, &[]).await,
            grant,
            finished_at: now(),
        };
        self.profiles.record(&result, Method::Ews)?;
        Ok(result)
    }
}
