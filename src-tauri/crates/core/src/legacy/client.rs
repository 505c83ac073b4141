//! A small Nylas v2 client: Basic auth with the client secret, native auth.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use ts_rs::TS;
use url::Url;

use crate::error::{AppError, ErrorCode, Result};
use crate::microsoft::cloud::parse_service_url;
use crate::nylas::retry::RetryPolicy;
use crate::sensitive::Sensitive;

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

    pub(crate) fn url(&self, path: &str) -> Result<Url> {
        Url::parse(&format!("{}{path}", self.base.as_str().trim_end_matches('/')))
            .map_err(|e| AppError::internal(e.to_string()))
    }

    /// Native auth, step 1 and 2: `/connect/authorize` then `/connect/token`.
    pub async fn native_auth(
        &self,
        name: &str,
        email: &str,
        provider: &str,
        settings: Value,
        scopes: &str,
    ) -> Result<V2Linked> {
        let body = json!({ "client_id": self.client_id, "name": name, "email_address": email, "provider": provider, "settings": settings, "scopes": scopes });
        let code: Value = self.post("/connect/authorize", &body, "authorize the account").await?;
        let code = code.get("code").and_then(Value::as_str).unwrap_or_default().to_string();
        let body = json!({ "client_id": self.client_id, "client_secret": self.secret.expose(), "code": code });
        self.post("/connect/token", &body, "exchange the v2 code").await
    }

    async fn post<T: serde::de::DeserializeOwned>(&self, path: &str, body: &Value, what: &str) -> Result<T> {
        let resp = self
            .http
            .post(self.url(path)?)
            .json(body)
            .send()
            .await
            .map_err(|e| v2_network(&e, what))?;
        let status = resp.status();
        let bytes = resp.bytes().await.map_err(|e| v2_network(&e, what))?;
        if !status.is_success() {
            return Err(v2_error(status.as_u16(), &bytes, what));
        }
        serde_json::from_slice(&bytes).map_err(|e| {
            AppError::new(
                ErrorCode::Nylas,
                format!("The v2 API's answer could not be read when trying to {what}."),
            )
            .with_detail(e.to_string())
        })
    }
}

pub(crate) fn v2_network(e: &reqwest::Error, what: &str) -> AppError {
    AppError::new(ErrorCode::Network, format!("Could not reach the Nylas v2 API to {what}."))
        .with_fix("Check the v2 API address and your connection. Nylas retired v2 in January 2025; only migrated or extended applications still answer.")
        .with_detail(e.to_string())
}

pub(crate) fn v2_error(status: u16, body: &[u8], what: &str) -> AppError {
    let v: Value = serde_json::from_slice(body).unwrap_or_default();
    let msg = v.get("message").and_then(Value::as_str).unwrap_or("");
    let (message, fix, field) = match status {
        401 => (
            "The v2 API refused the client secret.",
            "Copy the v2 client secret again (App Settings in the v2 dashboard).",
            Some("v2_client_secret"),
        ),
        404 => (
            "The v2 API does not know this client ID.",
            "Copy the v2 client ID again.",
            Some("v2_client_id"),
        ),
        403 => (
            "The provider rejected the account's credentials.",
            "Check the username and password, or sign in again.",
            None,
        ),
        _ => (
            "The v2 API could not finish.",
            "Try again; if it repeats, note the detail for Nylas support.",
            None,
        ),
    };
    let mut e = AppError::new(ErrorCode::Nylas, message)
        .with_fix(fix)
        .with_detail(format!("HTTP {status} when trying to {what}: {msg}"));
    if let Some(f) = field {
        e = e.on_field(f);
    }
    e
}
