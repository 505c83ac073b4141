//! Microsoft Graph, for creating and looking after the Azure app: a small client over `reqwest`
//! (the official Graph SDK for Rust is unmaintained and pulls in far more than these few calls),
//! the admin's sign-in as a public client, and the app registration's document per target.

pub mod directory;
mod error;
pub mod models;
pub mod registration;

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde_json::Value;
use url::Url;

pub use error::{GraphError, ADMIN_ROLES};

use crate::sensitive::Sensitive;

/// At most this many throttled answers are waited out per call, each for at most `MAX_WAIT`.
const THROTTLE_RETRIES: u32 = 3;
const MAX_WAIT: Duration = Duration::from_secs(30);

/// A signed-in administrator's Graph: the token lives here, in memory, and nowhere else.
#[derive(Clone)]
pub struct Graph {
    http: reqwest::Client,
    base: Url,
    token: Sensitive<String>,
}

impl Graph {
    pub fn new(http: reqwest::Client, base: Url, token: Sensitive<String>) -> Self {
        Self { http, base, token }
    }

    /// `GET /v1.0/{path}`; `Ok(None)` when Graph answers 404.
    pub async fn find<T: DeserializeOwned>(&self, path: &str) -> Result<Option<T>, GraphError> {
        match self.call(Method::GET, path, None, false).await {
            Ok(text) => read(path, &text).map(Some),
            Err(e) if e.status == Some(StatusCode::NOT_FOUND) => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, GraphError> {
        read(path, &self.call(Method::GET, path, None, false).await?)
    }

    pub async fn post<T: DeserializeOwned>(&self, path: &str, body: Value) -> Result<T, GraphError> {
        read(path, &self.call(Method::POST, path, Some(body), false).await?)
    }

    /// A `POST` whose answer (often none) is not needed.
    pub async fn post_only(&self, path: &str, body: Value) -> Result<(), GraphError> {
        self.post::<IgnoredAny>(path, body).await.map(|_| ())
    }

    /// `PATCH` with `Prefer: create-if-missing`: Graph's upsert by an alternate key. The new
    /// object when it was created (201); `None` when it existed and was updated (204).
    pub async fn upsert<T: DeserializeOwned>(&self, path: &str, body: Value) -> Result<Option<T>, GraphError> {
        read(path, &self.call(Method::PATCH, path, Some(body), true).await?)
    }

    pub async fn patch(&self, path: &str, body: Value) -> Result<(), GraphError> {
        self.call(Method::PATCH, path, Some(body), false).await.map(|_| ())
    }

    pub async fn delete(&self, path: &str) -> Result<(), GraphError> {
        self.call(Method::DELETE, path, None, false).await.map(|_| ())
    }

    /// A page of a collection by its full address (a `@odata.nextLink`), which must lie under
    /// this Graph's own address: the token goes nowhere else. `eventual` sends
    /// `ConsistencyLevel: eventual` (advanced queries: `$search`, `$count`).
    pub async fn get_link<T: DeserializeOwned>(&self, link: &str, eventual: bool) -> Result<T, GraphError> {
        let url = Url::parse(link)
            .ok()
            .filter(|u| u.as_str().starts_with(self.base.as_str()))
            .ok_or_else(|| GraphError::unreadable(format!("Microsoft Graph's next page is not on Graph: {link}")))?;
        read(
            "users",
            &self.send(Method::GET, url, None, consistency(eventual)).await?,
        )
    }

    /// `GET /v1.0/{path}` with `ConsistencyLevel: eventual` when asked.
    pub async fn get_with<T: DeserializeOwned>(&self, path: &str, eventual: bool) -> Result<T, GraphError> {
        let url = self.url(path)?;
        read(path, &self.send(Method::GET, url, None, consistency(eventual)).await?)
    }

    fn url(&self, path: &str) -> Result<Url, GraphError> {
        self.base
            .join(&format!("v1.0/{path}"))
            .map_err(|e| GraphError::unreadable(format!("bad Graph address {path}: {e}")))
    }

    async fn call(&self, method: Method, path: &str, body: Option<Value>, prefer: bool) -> Result<String, GraphError> {
        let headers: &[(&str, &str)] = if prefer {
            &[("Prefer", "create-if-missing")]
        } else {
            &[]
        };
        self.send(method, self.url(path)?, body, headers).await
    }

    /// One call; a 429 is waited out as its `Retry-After` says, a few times at most.
    /// The answer's text (empty when Graph sent none).
    async fn send(
        &self,
        method: Method,
        url: Url,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> Result<String, GraphError> {
        let mut throttled = 0;
        loop {
            let mut req = self
                .http
                .request(method.clone(), url.clone())
                .bearer_auth(self.token.expose());
            for (name, value) in headers {
                req = req.header(*name, *value);
            }
            if let Some(b) = &body {
                req = req.json(b);
            }
            let resp = req.send().await.map_err(GraphError::unreachable)?;
            let status = resp.status();
            let retry_after = error::retry_after(resp.headers());
            let text = resp.text().await.map_err(GraphError::unreachable)?;
            if status.is_success() {
                return Ok(text);
            }
            let err = GraphError::answer(status, &text, retry_after);
            if status != StatusCode::TOO_MANY_REQUESTS || throttled == THROTTLE_RETRIES {
                return Err(err);
            }
            throttled += 1;
            let wait = retry_after.unwrap_or(Duration::from_secs(2)).min(MAX_WAIT);
            tracing::info!("Microsoft Graph asked to wait {} s", wait.as_secs());
            tokio::time::sleep(wait).await;
        }
    }
}

/// `ConsistencyLevel: eventual` when an advanced query needs it, else no header.
fn consistency(eventual: bool) -> &'static [(&'static str, &'static str)] {
    if eventual {
        &[("ConsistencyLevel", "eventual")]
    } else {
        &[]
    }
}

/// An answer as `T`; no answer at all reads as JSON `null` (so `Option<T>` is `None`).
fn read<T: DeserializeOwned>(path: &str, text: &str) -> Result<T, GraphError> {
    let text = if text.trim().is_empty() { "null" } else { text };
    serde_json::from_str(text).map_err(|e| {
        let what = path.split(['(', '/', '?']).next().unwrap_or(path);
        GraphError::unreadable(format!("Microsoft Graph's answer about {what} could not be read: {e}"))
    })
}

/// Graph's resource prefix for delegated permissions (`https://graph.microsoft.com/`), for a
/// sign-in host; the global cloud's for the demo tenant, which plays the global cloud.
pub fn resource(identity_host: &Url) -> &'static str {
    graph_host(identity_host).unwrap_or("https://graph.microsoft.com/")
}

/// Where Graph lives for a sign-in host: the global cloud, a national cloud, or (the demo)
/// whatever the caller says.
pub fn graph_host(identity_host: &Url) -> Option<&'static str> {
    match identity_host.host_str()? {
        "login.microsoftonline.com" => Some("https://graph.microsoft.com/"),
        "login.microsoftonline.us" => Some("https://graph.microsoft.us/"),
        "login.chinacloudapi.cn" => Some("https://microsoftgraph.chinacloudapi.cn/"),
        _ => None,
    }
}
