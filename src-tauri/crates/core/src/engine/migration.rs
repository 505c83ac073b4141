//! Legacy v2: the migration audit and native auth.

use super::Engine;
use crate::error::{AppError, Result};

impl Engine {
    /// The Basic-Auth migration audit over every v2 account (pages fetched concurrently).
    pub async fn migration_audit(&self, v2: crate::legacy::V2Input) -> Result<crate::legacy::AuditReport> {
        let client = crate::legacy::V2Client::new(self.http.clone(), &v2)?;
        crate::legacy::audit(&client, crate::legacy::PAGE_SIZE, crate::legacy::CONCURRENCY).await
    }

    /// Legacy v2 native auth for an Exchange (password) account.
    pub async fn v2_connect_exchange(
        &self,
        v2: crate::legacy::V2Input,
        account: crate::nylas::types::EwsAccount,
    ) -> Result<crate::legacy::V2Linked> {
        let client = crate::legacy::V2Client::new(self.http.clone(), &v2)?;
        let email = crate::validate::email(&account.email)?.ok_or_else(|| {
            AppError::invalid(
                "email",
                "The mailbox address is missing.",
                "Type the mailbox's email address.",
            )
        })?;
        let username = if account.username.trim().is_empty() {
            email.clone()
        } else {
            account.username.trim().to_string()
        };
        let mut settings = serde_json::json!({ "username": username, "password": account.password.expose() });
        if let Some(h) = account.host.as_deref().filter(|h| !h.trim().is_empty()) {
            settings["exchange_server_host"] = serde_json::json!(h.trim());
        }
        client
            .native_auth(
                "",
                &email,
                "exchange",
                settings,
                "email.read_only,calendar.read_only,contacts.read_only",
            )
            .await
    }
}
