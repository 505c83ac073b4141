//! Exchange on-premises mailboxes (EWS), connected with their password, which goes to Nylas
//! only: no browser involved.

use std::sync::Arc;

use super::nylas_for;
use super::profiles::Profiles;
use super::vault::Vault;
use crate::error::Result;
use crate::microsoft::id_token::SignedInAccount;
use crate::microsoft::scope_report;
use crate::nylas::connectors::EWS_GRANT_SCOPES;
use crate::nylas::grant_check::check_grant;
use crate::nylas::types::{ConnectorAction, EwsAccount};
use crate::profile::ledger::Method;
use crate::result::{now, ConnectResult};
use crate::validate;

pub struct Mailboxes {
    profiles: Arc<Profiles>,
    vault: Arc<Vault>,
    http: reqwest::Client,
}

impl Mailboxes {
    pub(super) fn new(profiles: Arc<Profiles>, vault: Arc<Vault>, http: reqwest::Client) -> Self {
        Self { profiles, vault, http }
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
