//! A small Nylas v2 client: Basic auth with the client secret, native auth.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use ts_rs::TS;
use url::Url;

use super::error::V2Error;
use crate::error::{AppError, Result};
use crate::microsoft::cloud::parse_service_url;
use crate::nylas::retry::RetryPolicy;
use crate::nylas::types::EwsAccount;
use crate::sensitive::Sensitive;

pub type V2Result<T> = std::result::Result<T, V2Error>;

/// Where the v2 application is and its credentials (the secret is used, never stored).
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct V2Input {
    /// `https://api.nylas.com` (US) or `https://ireland.api.nylas.com` (EU), or the sandbox.
    pub base_url: String,
    pub client_id: String,
    #[ts(type = "string")]
    pub client_secret: Sensitive<String>,
}

/// The account `/connect/token` returns.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct V2Linked {
    pub account_id: String,
    pub email_address: String,
    pub provider: String,
    #[serde(default)]
    pub name: String,
}

#[derive(Clone)]
pub struct V2Client {
    pub(crate) http: reqwest::Client,
    pub(crate) base: Url,
    pub(crate) client_id: String,
    pub(crate) secret: Sensitive<String>,
    pub(crate) retry: RetryPolicy,
}

impl V2Client {
    pub fn new(http: reqwest::Client, input: &V2Input) -> Result<Self> {
        let base = parse_service_url(&input.base_url, "v2_base_url", "Nylas v2 API address")?;
        let client_id = input.client_id.trim();
        if client_id.is_empty() || client_id.contains(char::is_whitespace) {
            return Err(AppError::invalid(
                "v2_client_id",
                "The v2 client ID is missing or has spaces.",
                "Copy the client ID from the v2 dashboard's App Settings.",
            ));
        }
        if input.client_secret.expose().trim().is_empty() {
            return Err(AppError::invalid(
                "v2_client_secret",
                "The v2 client secret is missing.",
                "Copy the client secret from the v2 dashboard's App Settings.",
            ));
        }
        Ok(Self {
            http,
            base,
            client_id: client_id.into(),
            secret: Sensitive::new(input.client_secret.expose().trim().to_string()),
            retry: RetryPolicy::default(),
        })
    }

    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    pub(crate) fn url(&self, path: &str) -> V2Result<Url> {
        Url::parse(&format!("{}{path}", self.base.as_str().trim_end_matches('/'))).map_err(|e| V2Error::Unreadable {
            what: "build the request address",
            detail: e.to_string(),
        })
    }

    /// Links an Office 365 account: Microsoft's refresh token goes to v2's native auth.
    pub async fn link_office365(&self, app: &Office365App<'_>, name: &str, email: &str) -> V2Result<V2Linked> {
        let settings = json!({
            "microsoft_client_id": app.client_id,
            "microsoft_client_secret": app.client_secret.expose(),
            "microsoft_refresh_token": app.refresh_token.expose(),
            "redirect_uri": app.redirect_uri,
        });
        self.native_auth(name, email, "office365", settings, "email.read_only,calendar,contacts")
            .await
    }

    /// Links an Exchange account with its password (v2's native auth for `exchange`).
    pub async fn link_exchange(&self, a: &EwsAccount) -> V2Result<V2Linked> {
        let mut settings = json!({ "username": a.username, "password": a.password.expose() });
        if let Some(h) = a.host.as_deref().filter(|h| !h.trim().is_empty()) {
            settings["exchange_server_host"] = json!(h.trim());
        }
        let scopes = "email.read_only,calendar.read_only,contacts.read_only";
        self.native_auth("", &a.email, "exchange", settings, scopes).await
    }

    /// Native auth, step 1 and 2: `/connect/authorize` then `/connect/token`.
    async fn native_auth(
        &self,
        name: &str,
        email: &str,
        provider: &str,
        settings: Value,
        scopes: &str,
    ) -> V2Result<V2Linked> {
        let body = json!({ "client_id": self.client_id, "name": name, "email_address": email, "provider": provider, "settings": settings, "scopes": scopes });
        let code: Value = self.post("/connect/authorize", &body, "authorize the account").await?;
        let code = code.get("code").and_then(Value::as_str).unwrap_or_default().to_string();
        let body = json!({ "client_id": self.client_id, "client_secret": self.secret.expose(), "code": code });
        self.post("/connect/token", &body, "exchange the v2 code").await
    }

    async fn post<T: serde::de::DeserializeOwned>(&self, path: &str, body: &Value, what: &'static str) -> V2Result<T> {
        let resp = self
            .http
            .post(self.url(path)?)
            .json(body)
            .send()
            .await
            .map_err(|e| V2Error::unreachable(&e, what))?;
        let status = resp.status();
        let bytes = resp.bytes().await.map_err(|e| V2Error::unreachable(&e, what))?;
        if !status.is_success() {
            return Err(V2Error::from_response(status.as_u16(), &bytes, what));
        }
        serde_json::from_slice(&bytes).map_err(|e| V2Error::Unreadable {
            what,
            detail: e.to_string(),
        })
    }
}

/// The Azure app and refresh token an Office 365 link hands to v2.
pub struct Office365App<'a> {
    pub client_id: &'a str,
    pub client_secret: &'a Sensitive<String>,
    pub refresh_token: &'a Sensitive<String>,
    pub redirect_uri: &'a str,
}
