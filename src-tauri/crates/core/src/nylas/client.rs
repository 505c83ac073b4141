//! A small Nylas v3 client: the shared request path (API key, JSON, retries on 429/5xx) and the
//! application calls. Connectors and grants live beside it, one file per resource.

use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::Value;
use url::Url;

use super::error::NylasError;
use super::region::Region;
use super::retry::{Replay, RetryPolicy};
use super::types::{ApplicationInfo, CallbackUri, Data};
use crate::error::Result;
use crate::sensitive::Sensitive;

pub type NylasResult<T> = std::result::Result<T, NylasError>;

#[derive(Clone)]
pub struct NylasClient {
    pub(super) http: reqwest::Client,
    base: Url,
    pub(super) api_key: Sensitive<String>,
    retry: RetryPolicy,
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

    /// The client for a profile's region and API key.
    pub fn for_region(http: &reqwest::Client, region: &Region, api_key: Sensitive<String>) -> Result<Self> {
        Ok(Self::new(http.clone(), region.base_url()?, api_key))
    }

    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    pub fn base(&self) -> &Url {
        &self.base
    }

    /// Checks the key against `GET /v3/applications`.
    pub async fn application(&self) -> NylasResult<ApplicationInfo> {
        self.call::<Data<ApplicationInfo>>(Method::GET, "/v3/applications", None, "check the API key")
            .await
            .map(|d| d.data)
    }

    /// The application's registered callback URIs.
    pub async fn callback_uris(&self) -> NylasResult<Vec<String>> {
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
    pub async fn ensure_callback_uri(&self, url: &str) -> NylasResult<bool> {
        let listed = || async {
            let found = self.callback_uris().await?.iter().any(|u| u == url);
            Ok(found.then_some(Value::Null))
        };
        if listed().await?.is_some() {
            return Ok(false);
        }
        let body = serde_json::json!({ "url": url, "platform": "web" });
        let path = "/v3/applications/redirect-uris";
        self.create::<Value, _, _>(path, body, "register the callback URI", listed)
            .await?;
        Ok(true)
    }

    pub(super) fn url(&self, path_and_query: &str) -> NylasResult<Url> {
        let base = self.base.as_str().trim_end_matches('/');
        Url::parse(&format!("{base}{path_and_query}")).map_err(|e| NylasError::Unreadable {
            what: "build the request address",
            detail: e.to_string(),
        })
    }

    /// One API call with the key as bearer token; 429 and 5xx are retried by the policy, except
    /// that a POST (which creates something) is repeated only after a 429: see [`Self::create`].
    pub(super) async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path_and_query: &str,
        body: Option<Value>,
        what: &'static str,
    ) -> NylasResult<T> {
        let replay = if method == Method::POST {
            Replay::OnlyIfRefused
        } else {
            Replay::Safe
        };
        self.call_with(method, path_and_query, body, what, replay).await
    }

    /// A POST that creates something, safe to repeat: after a 5xx (the request may have been
    /// carried out) `find` looks for what it would have made, and only when that is absent is
    /// the POST sent again, up to the policy's retries.
    pub(super) async fn create<T, F, Fut>(&self, path: &str, body: Value, what: &'static str, find: F) -> NylasResult<T>
    where
        T: DeserializeOwned,
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = NylasResult<Option<T>>>,
    {
        let mut attempt = 0;
        loop {
            let err = match self.call::<T>(Method::POST, path, Some(body.clone()), what).await {
                Err(e) if e.status().is_some_and(|s| s >= 500) && attempt < self.retry.max_retries => e,
                done => return done,
            };
            tracing::info!(what, status = ?err.status(), "a create failed; looking before sending it again");
            tokio::time::sleep(self.retry.delay(attempt, None)).await;
            if let Some(made) = find().await? {
                return Ok(made);
            }
            attempt += 1;
        }
    }

    pub(super) async fn call_with<T: DeserializeOwned>(
        &self,
        method: Method,
        path_and_query: &str,
        body: Option<Value>,
        what: &'static str,
        replay: Replay,
    ) -> NylasResult<T> {
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
        let resp = self
            .retry
            .send(build, replay)
            .await
            .map_err(|e| unreachable(&e, what))?;
        let status = resp.status();
        if !status.is_success() {
            let bytes = resp.bytes().await.unwrap_or_default();
            return Err(NylasError::from_response(status.as_u16(), &bytes, what));
        }
        let bytes = resp.bytes().await.map_err(|e| unreachable(&e, what))?;
        serde_json::from_slice(&bytes).map_err(|e| NylasError::Unreadable {
            what,
            detail: e.to_string(),
        })
    }
}

pub(super) fn unreachable(e: &reqwest::Error, what: &'static str) -> NylasError {
    NylasError::Unreachable {
        what,
        timed_out: e.is_timeout(),
        detail: crate::error::chain(e),
    }
}

/// Percent-encodes one path segment.
pub(super) fn encode(segment: &str) -> String {
    url::form_urlencoded::byte_serialize(segment.as_bytes()).collect()
}
