//! Nylas v2 (legacy) tools that need no browser: the Basic-Auth migration audit and linking an
//! Exchange account with its password.

use crate::error::Result;
use crate::legacy::{self, AuditReport, V2Client, V2Input, V2Linked};
use crate::nylas::types::EwsAccount;
use crate::validate;

pub struct Legacy {
    http: reqwest::Client,
}

impl Legacy {
    pub(super) fn new(http: reqwest::Client) -> Self {
        Self { http }
    }

    /// Every v2 account still on Exchange passwords (pages fetched concurrently).
    pub async fn migration_audit(&self, v2: V2Input) -> Result<AuditReport> {
        let client = V2Client::new(self.http.clone(), &v2)?;
        legacy::audit(&client, legacy::PAGE_SIZE, legacy::CONCURRENCY).await
    }

    /// v2 native auth for an Exchange (password) account.
    pub async fn link_exchange(&self, v2: V2Input, account: EwsAccount) -> Result<V2Linked> {
        let client = V2Client::new(self.http.clone(), &v2)?;
        let account = validate::ews_account(account)?;
        Ok(client.link_exchange(&account).await?)
    }
}
