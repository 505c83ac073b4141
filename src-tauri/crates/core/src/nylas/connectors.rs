//! Connectors and credentials: the Microsoft connector (created or updated to this Azure app),
//! the EWS connector, and the admin-consent credential for bulk auth.

use reqwest::Method;
use serde_json::{json, Value};

use super::client::{NylasClient, NylasResult};
use super::types::{Connector, ConnectorAction, Data, IdOnly, NamedId};
use crate::profile::Profile;
use crate::sensitive::Sensitive;

/// Nylas's EWS connector scopes. The connector schema names calendars `ews.calendar`, while a
/// grant's scopes say `ews.calendars` (as the reference documents both).
pub const EWS_CONNECTOR_SCOPES: &[&str] = &["ews.messages", "ews.calendar", "ews.contacts"];
pub const EWS_GRANT_SCOPES: &[&str] = &["ews.messages", "ews.calendars", "ews.contacts"];

/// The Azure app details Nylas needs for its Microsoft connector.
pub struct MicrosoftConnectorSettings<'a> {
    pub client_id: &'a str,
    pub client_secret: &'a Sensitive<String>,
    pub tenant: &'a str,
    pub scopes: &'a [String],
}

impl<'a> MicrosoftConnectorSettings<'a> {
    /// The profile's Azure app, with `client_secret` as its secret.
    pub fn of(p: &'a Profile, client_secret: &'a Sensitive<String>) -> Self {
        Self {
            client_id: &p.client_id,
            client_secret,
            tenant: p.tenant.as_path(),
            scopes: &p.scopes,
        }
    }
}

impl NylasClient {
    pub async fn microsoft_connector(&self) -> NylasResult<Option<Connector>> {
        self.connector("microsoft", "read the Microsoft connector").await
    }

    /// The connector for `provider`, or none.
    async fn connector(&self, provider: &str, what: &'static str) -> NylasResult<Option<Connector>> {
        let path = format!("/v3/connectors/{provider}");
        match self.call::<Data<Connector>>(Method::GET, &path, None, what).await {
            Ok(d) => Ok(Some(d.data)),
            Err(e) if e.is_not_found() => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// `POST /v3/connectors`, looking for the connector before sending it again after a 5xx.
    async fn create_connector(&self, provider: &str, body: Value, what: &'static str) -> NylasResult<()> {
        let made = || async {
            let found = self.connector(provider, "check whether the connector was made").await?;
            Ok(found.map(|_| Value::Null))
        };
        self.create::<Value, _, _>("/v3/connectors", body, what, made).await?;
        Ok(())
    }

    /// Creates the Microsoft connector, or updates it to this Azure app (GET, then POST or PATCH).
    pub async fn ensure_microsoft_connector(&self, s: &MicrosoftConnectorSettings<'_>) -> NylasResult<ConnectorAction> {
        let settings = json!({
            "client_id": s.client_id,
            "client_secret": s.client_secret.expose(),
            "tenant": s.tenant,
        });
        if self.microsoft_connector().await?.is_some() {
            let body = json!({ "settings": settings, "scope": s.scopes });
            self.call::<Value>(
                Method::PATCH,
                "/v3/connectors/microsoft",
                Some(body),
                "update the Microsoft connector",
            )
            .await?;
            Ok(ConnectorAction::Updated)
        } else {
            let body = json!({ "name": "Microsoft (Mailbox Connect)", "provider": "microsoft", "settings": settings, "scope": s.scopes });
            self.create_connector("microsoft", body, "create the Microsoft connector")
                .await?;
            Ok(ConnectorAction::Created)
        }
    }

    /// Creates the EWS connector (Exchange on-premises) when it does not exist yet.
    pub async fn ensure_ews_connector(&self) -> NylasResult<Option<ConnectorAction>> {
        if self.connector("ews", "read the EWS connector").await?.is_some() {
            return Ok(None);
        }
        let body = json!({ "provider": "ews", "settings": {}, "scope": EWS_CONNECTOR_SCOPES });
        self.create_connector("ews", body, "create the EWS connector").await?;
        Ok(Some(ConnectorAction::Created))
    }

    /// Creates an admin-consent credential on the Microsoft connector (bulk auth).
    pub async fn create_admin_consent_credential(
        &self,
        name: &str,
        client_id: &str,
        secret: &Sensitive<String>,
        tenant: &str,
    ) -> NylasResult<String> {
        let body = json!({
            "name": name,
            "credential_type": "adminconsent",
            "credential_data": { "client_id": client_id, "client_secret": secret.expose(), "tenant": tenant },
        });
        let path = "/v3/connectors/microsoft/creds";
        let made = || async {
            let what = "check whether the credential was made";
            let all = self.call::<Data<Vec<NamedId>>>(Method::GET, path, None, what).await?;
            let found = all.data.into_iter().find(|c| c.name == name);
            Ok(found.map(|c| Data {
                data: IdOnly { id: c.id },
            }))
        };
        let what = "create the admin-consent credential";
        self.create::<Data<IdOnly>, _, _>(path, body, what, made)
            .await
            .map(|d| d.data.id)
    }
}
