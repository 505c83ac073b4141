//! A small Nylas v3 client: API key check, Microsoft connector, custom auth, grant checks.

use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use url::Url;

use super::error::from_response;
use super::retry::RetryPolicy;
use super::types::{
    ApplicationInfo, CallbackUri, Connector, ConnectorAction, Data, EwsAccount, Grant, HostedToken, IdOnly,
};
use crate::error::{AppError, ErrorCode, Result};
use crate::sensitive::Sensitive;

#[derive(Clone)]
pub struct NylasClient {
    http: reqwest::Client,
    base: Url,
    api_key: Sensitive<String>,
    retry: RetryPolicy,
}

/// The Azure app details Nylas needs for its Microsoft connector.
pub struct MicrosoftConnectorSettings<'a> {
    pub client_id: &'a str,
    pub client_secret: &'a Sensitive<String>,
    pub tenant: &'a str,
    pub scopes: &'a [String],
}

impl NylasClient {
    pub fn new(http: reqwest::Client, base: Url, api_key: Sensitive<String>) -> Self {
        Self {
            http,
            base,
            api_key,
            retry: RetryPolicy::default(),
        }
    }

    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Checks the key against `GET /v3/applications`.
    pub async fn application(&self) -> Result<ApplicationInfo> {
        self.call::<Data<ApplicationInfo>>(Method::GET, "/v3/applications", None, "check the API key")
            .await
            .map(|d| d.data)
    }

    pub async fn microsoft_connector(&self) -> Result<Option<Connector>> {
        match self
            .call::<Data<Connector>>(
                Method::GET,
                "/v3/connectors/microsoft",
                None,
                "read the Microsoft connector",
            )
            .await
        {
            Ok(d) => Ok(Some(d.data)),
            Err(e) if e.detail.as_deref().is_some_and(|d| d.starts_with("HTTP 404")) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Creates the Microsoft connector, or updates it to this Azure app (GET, then POST or PATCH).
    pub async fn ensure_microsoft_connector(&self, s: &MicrosoftConnectorSettings<'_>) -> Result<ConnectorAction> {
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
            self.call::<Value>(
                Method::POST,
                "/v3/connectors",
                Some(body),
                "create the Microsoft connector",
            )
            .await?;
            Ok(ConnectorAction::Created)
        }
    }

    /// `POST /v3/connect/custom` with the Microsoft refresh token.
    pub async fn connect_microsoft(&self, refresh_token: &Sensitive<String>, state: Option<&str>) -> Result<Grant> {
        let mut body = json!({ "provider": "microsoft", "settings": { "refresh_token": refresh_token.expose() } });
        if let Some(s) = state {
            body["state"] = json!(s);
        }
        self.call::<Data<Grant>>(Method::POST, "/v3/connect/custom", Some(body), "register the mailbox")
            .await
            .map(|d| d.data)
    }

    /// Creates the EWS connector (Exchange on-premises) when it does not exist yet.
    pub async fn ensure_ews_connector(&self) -> Result<Option<ConnectorAction>> {
        match self
            .call::<Data<Connector>>(Method::GET, "/v3/connectors/ews", None, "read the EWS connector")
            .await
        {
            Ok(_) => Ok(None),
            Err(e) if is_404(&e) => {
                let body = json!({ "provider": "ews", "settings": {}, "scope": ["ews.messages", "ews.calendar", "ews.contacts"] });
                self.call::<Value>(Method::POST, "/v3/connectors", Some(body), "create the EWS connector")
                    .await?;
                Ok(Some(ConnectorAction::Created))
            }
            Err(e) => Err(e),
        }
    }

    /// `POST /v3/connect/custom` for an Exchange on-premises mailbox.
    pub async fn connect_ews(&self, a: &EwsAccount) -> Result<Grant> {
        let mut settings = json!({ "email": a.email, "ews_username": a.username, "ews_password": a.password.expose() });
        if let Some(host) = a.host.as_deref().filter(|h| !h.is_empty()) {
            settings["ews_host"] = json!(host);
        }
        let body = json!({ "provider": "ews", "settings": settings, "scope": ["ews.messages", "ews.calendars", "ews.contacts"] });
        self.call::<Data<Grant>>(
            Method::POST,
            "/v3/connect/custom",
            Some(body),
            "register the Exchange mailbox",
        )
        .await
        .map(|d| d.data)
    }

    /// Creates an admin-consent credential on the Microsoft connector (bulk auth).
    pub async fn create_admin_consent_credential(
        &self,
        name: &str,
        client_id: &str,
        secret: &Sensitive<String>,
        tenant: &str,
    ) -> Result<String> {
        let body = json!({
            "name": name,
            "credential_type": "adminconsent",
            "credential_data": { "client_id": client_id, "client_secret": secret.expose(), "tenant": tenant },
        });
        self.call::<Data<IdOnly>>(
            Method::POST,
            "/v3/connectors/microsoft/creds",
            Some(body),
            "create the admin-consent credential",
        )
        .await
        .map(|d| d.data.id)
    }

    /// Bulk auth: a grant for `email` through an admin-consent credential, no user sign-in.
    pub async fn connect_microsoft_bulk(&self, email: &str, credential_id: &str) -> Result<Grant> {
        let body =
            json!({ "provider": "microsoft", "settings": { "email_address": email, "credential_id": credential_id } });
        self.call::<Data<Grant>>(Method::POST, "/v3/connect/custom", Some(body), "register the mailbox")
            .await
            .map(|d| d.data)
    }

    /// One page of grants (offset pagination).
    pub async fn grants_page(&self, limit: usize, offset: usize) -> Result<Vec<Grant>> {
        let path = format!("/v3/grants?limit={limit}&offset={offset}");
        self.call::<Data<Vec<Grant>>>(Method::GET, &path, None, "list grants")
            .await
            .map(|d| d.data)
    }

    /// Every grant, 200 at a time.
    pub async fn all_grants(&self) -> Result<Vec<Grant>> {
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

    /// The application's registered callback URIs.
    pub async fn callback_uris(&self) -> Result<Vec<String>> {
        self.call::<Data<Vec<CallbackUri>>>(
            Method::GET,
            "/v3/applications/redirect-uris",
            None,
            "list callback URIs",
        )
        .await
        .map(|d| d.data.into_iter().map(|c| c.url).collect())
    }

    /// Registers `url` as a callback URI unless it already is. Returns whether it was added.
    pub async fn ensure_callback_uri(&self, url: &str) -> Result<bool> {
        if self.callback_uris().await?.iter().any(|u| u == url) {
            return Ok(false);
        }
        let body = json!({ "url": url, "platform": "web" });
        self.call::<Value>(
            Method::POST,
            "/v3/applications/redirect-uris",
            Some(body),
            "register the callback URI",
        )
        .await?;
        Ok(true)
    }

    /// Hosted auth: redeems Nylas's code (`POST /v3/connect/token`, API key as client secret).
    pub async fn exchange_hosted_code(
        &self,
        client_id: &str,
        code: &str,
        redirect_uri: &str,
        verifier: &str,
    ) -> Result<HostedToken> {
        let url = self.url("/v3/connect/token")?;
        let body = json!({
            "client_id": client_id,
            "client_secret": self.api_key.expose(),
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "code_verifier": verifier,
        });
        let resp = self
            .http
            .post(url)
            .json(&body)
            .send()
            .await
            .map_err(|e| network_error(&e, "redeem the sign-in code"))?;
        let status = resp.status();
        let bytes = resp
            .bytes()
            .await
            .map_err(|e| network_error(&e, "redeem the sign-in code"))?;
        if status.is_success() {
            return serde_json::from_slice(&bytes).map_err(|e| {
                AppError::new(ErrorCode::Nylas, "Nylas's token answer could not be read.").with_detail(e.to_string())
            });
        }
        Err(super::error::from_oauth_response(status.as_u16(), &bytes))
    }

    pub fn base(&self) -> &Url {
        &self.base
    }

    fn url(&self, path_and_query: &str) -> Result<Url> {
        let base = self.base.as_str().trim_end_matches('/');
        Url::parse(&format!("{base}{path_and_query}")).map_err(|e| AppError::internal(format!("Bad Nylas URL: {e}")))
    }

    pub async fn grant(&self, grant_id: &str) -> Result<Grant> {
        let path = format!("/v3/grants/{}", encode(grant_id));
        self.call::<Data<Grant>>(Method::GET, &path, None, "read the grant")
            .await
            .map(|d| d.data)
    }

    /// One cheap data call through the grant: the newest message id.
    pub async fn newest_message_count(&self, grant_id: &str) -> Result<usize> {
        let path = format!("/v3/grants/{}/messages?limit=1&select=id", encode(grant_id));
        self.call::<Data<Vec<Value>>>(Method::GET, &path, None, "read the mailbox")
            .await
            .map(|d| d.data.len())
    }

    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path_and_query: &str,
        body: Option<Value>,
        what: &str,
    ) -> Result<T> {
        let url = self.url(path_and_query)?;
        let build = || {
            let req = self
                .http
                .request(method.clone(), url.clone())
                .bearer_auth(self.api_key.expose())
                .header("Accept", "application/json");
            match &body {
                Some(b) => req.json(b),
                None => req,
            }
        };
        let resp = self.retry.send(build).await.map_err(|e| network_error(&e, what))?;
        let status = resp.status();
        if !status.is_success() {
            let bytes = resp.bytes().await.unwrap_or_default();
            return Err(from_response(status.as_u16(), &bytes, what));
        }
        let bytes = resp.bytes().await.map_err(|e| network_error(&e, what))?;
        serde_json::from_slice(&bytes).map_err(|e| {
            AppError::new(
                ErrorCode::Nylas,
                format!("Nylas's answer could not be read when trying to {what}."),
            )
            .with_fix("Check that the Nylas API address is right.")
            .with_detail(e.to_string())
        })
    }
}

fn network_error(e: &reqwest::Error, what: &str) -> AppError {
    let timeout = e.is_timeout();
    AppError::new(
        ErrorCode::Network,
        if timeout {
            format!("Nylas did not answer in time when trying to {what}.")
        } else {
            format!("Could not reach Nylas to {what}.")
        },
    )
    .with_fix("Check your internet connection and the Nylas region, then try again.")
    .with_detail(e.to_string())
}

fn is_404(e: &AppError) -> bool {
    e.detail.as_deref().is_some_and(|d| d.starts_with("HTTP 404"))
}

fn encode(segment: &str) -> String {
    url::form_urlencoded::byte_serialize(segment.as_bytes()).collect()
}
