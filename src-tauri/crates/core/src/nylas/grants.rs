//! Grants: made by `POST /v3/connect/custom` (refresh token, bulk, EWS) or by Hosted auth's
//! `/v3/connect/token`; read, listed, and read through (one message) to test them.

use reqwest::Method;
use serde_json::{json, Value};

use super::client::{encode, unreachable, NylasClient, NylasResult};
use super::connectors::EWS_GRANT_SCOPES;
use super::error::NylasError;
use super::retry::Replay;
use super::types::{Data, EwsAccount, Grant, HostedToken};
use crate::sensitive::Sensitive;

impl NylasClient {
    /// `POST /v3/connect/custom` with the Microsoft refresh token.
    pub async fn connect_microsoft(&self, refresh_token: &Sensitive<String>) -> NylasResult<Grant> {
        let body = json!({ "provider": "microsoft", "settings": { "refresh_token": refresh_token.expose() } });
        self.connect_custom(body, "register the mailbox").await
    }

    /// Bulk auth: a grant for `email` through an admin-consent credential, no user sign-in.
    pub async fn connect_microsoft_bulk(&self, email: &str, credential_id: &str) -> NylasResult<Grant> {
        let body =
            json!({ "provider": "microsoft", "settings": { "email_address": email, "credential_id": credential_id } });
        self.connect_custom(body, "register the mailbox").await
    }

    /// `POST /v3/connect/custom` for an Exchange on-premises mailbox.
    pub async fn connect_ews(&self, a: &EwsAccount) -> NylasResult<Grant> {
        let mut settings = json!({ "email": a.email, "ews_username": a.username, "ews_password": a.password.expose() });
        if let Some(host) = a.host.as_deref().filter(|h| !h.is_empty()) {
            settings["ews_host"] = json!(host);
        }
        let body = json!({ "provider": "ews", "settings": settings, "scope": EWS_GRANT_SCOPES });
        self.connect_custom(body, "register the Exchange mailbox").await
    }

    /// Safe to repeat: Nylas answers a second sign-in of the same mailbox with its existing grant
    /// ("re-authenticates their existing grant instead of creating a new one").
    async fn connect_custom(&self, body: Value, what: &'static str) -> NylasResult<Grant> {
        let path = "/v3/connect/custom";
        self.call_with::<Data<Grant>>(Method::POST, path, Some(body), what, Replay::Safe)
            .await
            .map(|d| d.data)
    }

    pub async fn grant(&self, grant_id: &str) -> NylasResult<Grant> {
        let path = format!("/v3/grants/{}", encode(grant_id));
        self.call::<Data<Grant>>(Method::GET, &path, None, "read the grant")
            .await
            .map(|d| d.data)
    }

    /// One page of grants (offset pagination).
    pub async fn grants_page(&self, limit: usize, offset: usize) -> NylasResult<Vec<Grant>> {
        let path = format!("/v3/grants?limit={limit}&offset={offset}");
        self.call::<Data<Vec<Grant>>>(Method::GET, &path, None, "list grants")
            .await
            .map(|d| d.data)
    }

    /// Every grant, 200 at a time.
    pub async fn all_grants(&self) -> NylasResult<Vec<Grant>> {
        let mut all = Vec::new();
        loop {
            let page = self.grants_page(200, all.len()).await?;
            let done = page.len() < 200;
            all.extend(page);
            if done {
                return Ok(all);
            }
        }
    }

    /// The grants of one mailbox (`GET /v3/grants?email=`).
    pub async fn grants_of(&self, email: &str) -> NylasResult<Vec<Grant>> {
        let path = format!("/v3/grants?limit=50&email={}", encode(email));
        self.call::<Data<Vec<Grant>>>(Method::GET, &path, None, "look up the mailbox's grant")
            .await
            .map(|d| d.data)
    }

    /// One cheap data call through the grant: the newest message id.
    pub async fn newest_message_count(&self, grant_id: &str) -> NylasResult<usize> {
        let path = format!("/v3/grants/{}/messages?limit=1&select=id", encode(grant_id));
        self.call::<Data<Vec<Value>>>(Method::GET, &path, None, "read the mailbox")
            .await
            .map(|d| d.data.len())
    }

    /// Hosted auth: redeems Nylas's code (`POST /v3/connect/token`, API key as client secret).
    pub async fn exchange_hosted_code(
        &self,
        client_id: &str,
        code: &Sensitive<String>,
        redirect_uri: &str,
        verifier: &Sensitive<String>,
    ) -> NylasResult<HostedToken> {
        const WHAT: &str = "redeem the sign-in code";
        let body = json!({
            "client_id": client_id,
            "client_secret": self.api_key.expose(),
            "grant_type": "authorization_code",
            "code": code.expose(),
            "redirect_uri": redirect_uri,
            "code_verifier": verifier.expose(),
        });
        let url = self.url("/v3/connect/token")?;
        let resp = self
            .http
            .post(url)
            .json(&body)
            .send()
            .await
            .map_err(|e| unreachable(&e, WHAT))?;
        let status = resp.status();
        let bytes = resp.bytes().await.map_err(|e| unreachable(&e, WHAT))?;
        if status.is_success() {
            return serde_json::from_slice(&bytes).map_err(|e| NylasError::Unreadable {
                what: WHAT,
                detail: e.to_string(),
            });
        }
        Err(NylasError::from_oauth_response(status.as_u16(), &bytes))
    }
}
