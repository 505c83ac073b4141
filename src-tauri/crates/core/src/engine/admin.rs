//! Admin paths: Microsoft admin consent + Nylas bulk auth, and Exchange on-premises (EWS).

use std::sync::Arc;

use serde::Serialize;
use tokio::sync::Semaphore;
use ts_rs::TS;

use super::flows::{ensure_connector, now, Pending};
use super::{check_grant, nylas_for, Engine};
use crate::consent;
use crate::error::{AppError, Result};
use crate::microsoft::callback::Outcome;
use crate::microsoft::id_token::SignedInAccount;
use crate::microsoft::scope_report;
use crate::nylas::types::{ConnectorAction, EwsAccount};
use crate::result::{ConnectResult, GrantCheck};
use crate::secrets::SecretKind;
use crate::validate;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AdminConsentResult {
    /// The tenant that approved (from Microsoft's answer; informational only).
    #[ts(optional)]
    pub tenant: Option<String>,
    pub scopes: Vec<String>,
    pub credential_id: String,
}

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

impl Engine {
    /// Waits for the administrator's answer, then creates the Nylas admin-consent credential.
    pub async fn finish_admin_consent(&self) -> Result<AdminConsentResult> {
        let t = self.take_flow()?;
        let cancel = t.cancel.clone();
        let outcome = match t.pending {
            Pending::Admin { listener } => consent::wait_for(listener, self.cfg.consent_timeout, &cancel).await,
            _ => Err(AppError::internal("A sign-in is in progress, not an admin consent.")),
        };
        self.clear_flow(&cancel)?;
        let (tenant, scope) = match outcome? {
            Outcome::AdminConsent { tenant, scope } => (tenant, scope),
            Outcome::Error(e) => return Err(crate::microsoft::aadsts::explain(&e)),
            Outcome::Code(_) => return Err(AppError::internal("Unexpected sign-in code in an admin consent.")),
        };
        let p = t.profile;
        let nylas = nylas_for(&self.http, &p, t.api_key)?;
        ensure_connector(&nylas, &p, &t.secret).await?;
        let directory = tenant.clone().unwrap_or_else(|| p.tenant.clone());
        let credential_id = nylas
            .create_admin_consent_credential(
                &format!("Mailbox Connect admin consent ({directory})"),
                &p.client_id,
                &t.secret,
                &directory,
            )
            .await?;
        let mut p = self.active()?;
        p.admin_credential_id = Some(credential_id.clone());
        self.save(p)?;
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

    /// Bulk auth: a grant for each mailbox through the admin-consent credential, no sign-ins.
    /// Every address gets a row; one failure does not stop the others.
    pub async fn bulk_connect(&self, emails: &[String]) -> Result<Vec<BulkRow>> {
        let p = self.active()?;
        let credential = p.admin_credential_id.clone().ok_or_else(|| {
            AppError::invalid(
                "emails",
                "No administrator has approved the app yet.",
                "Run admin consent first, then add mailboxes.",
            )
        })?;
        let nylas = Arc::new(nylas_for(
            &self.http,
            &p,
            self.secret(&p, SecretKind::NylasApiKey).await?,
        )?);
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
                if let Err(e) = validate::email(&email) {
                    return row(None, None, Some(e));
                }
                match nylas.connect_microsoft_bulk(&email, &credential).await {
                    Ok(g) => row(Some(g.id.clone()), Some(check_grant(&nylas, &g.id).await), None),
                    Err(e) => row(None, None, Some(e)),
                }
            }));
        }
        let mut rows = Vec::new();
        for t in tasks {
            rows.push(t.await.map_err(|e| AppError::internal(e.to_string()))?);
        }
        for r in rows.iter().filter(|r| r.grant_id.is_some()) {
            self.ledger_bulk(r)?;
        }
        Ok(rows)
    }

    fn ledger_bulk(&self, r: &BulkRow) -> Result<()> {
        crate::ledger::Ledger::new(&self.cfg.config_dir).append(&crate::ledger::LedgerEntry {
            at: now(),
            profile: self.active()?.id,
            email: r.email.clone(),
            grant_id: r.grant_id.clone().unwrap_or_default(),
            provider: "microsoft".into(),
            method: "bulk".into(),
            scopes: Vec::new(),
            test_passed: r.check.as_ref().is_some_and(|c| c.ok),
        })
    }

    /// Registers an Exchange on-premises mailbox (EWS connector), with server auto-discovery
    /// unless a host is given. The password goes to Nylas only.
    pub async fn connect_ews(&self, account: EwsAccount) -> Result<ConnectResult> {
        let p = self.active()?;
        let email = validate::email(&account.email)?.ok_or_else(|| {
            AppError::invalid(
                "email",
                "The mailbox address is missing.",
                "Type the mailbox's email address.",
            )
        })?;
        let username = match account.username.trim() {
            "" => email.clone(),
            u => u.to_string(),
        };
        if account.password.expose().is_empty() {
            return Err(AppError::invalid(
                "password",
                "The password is missing.",
                "Type the mailbox's Exchange password.",
            ));
        }
        let host = account
            .host
            .as_deref()
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .map(str::to_string);
        if let Some(h) = &host {
            if !validate::is_dns_name(&h.to_ascii_lowercase()) {
                return Err(AppError::invalid(
                    "host",
                    format!("'{h}' is not a server name."),
                    "Type the Exchange server's host name (for example mail.contoso.com), without https:// or a path, or leave it empty to discover it.",
                ));
            }
        }
        let nylas = nylas_for(&self.http, &p, self.secret(&p, SecretKind::NylasApiKey).await?)?;
        let created = nylas.ensure_ews_connector().await?;
        let grant = nylas
            .connect_ews(&EwsAccount {
                email: email.clone(),
                username,
                password: account.password,
                host,
            })
            .await?;
        let requested = vec![
            "ews.messages".to_string(),
            "ews.calendars".into(),
            "ews.contacts".into(),
        ];
        let result = ConnectResult {
            account: SignedInAccount {
                email: Some(email),
                name: None,
                tenant_id: None,
                object_id: None,
                personal: false,
            },
            scopes: scope_report::compare(&requested, Some(&grant.scope.join(" ")), true),
            connector: created.unwrap_or(ConnectorAction::Unchanged),
            check: check_grant(&nylas, &grant.id).await,
            grant,
            finished_at: now(),
        };
        self.record(&result, "ews")?;
        Ok(result)
    }
}
