//! The Basic-Auth migration audit: every v2 account, all pages, keeping Exchange (eas/ews)
//! accounts that still use password authentication. Pages are fetched concurrently: the first
//! page tells whether more exist, then waves of pages run in parallel until a short page ends it.

use std::sync::Arc;
use std::time::Instant;

use serde::{Deserialize, Serialize};
use tokio::sync::Semaphore;
use ts_rs::TS;

use super::client::{V2Client, V2Result};
use super::error::V2Error;
use crate::error::{AppError, Result};
use crate::nylas::retry::Replay;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct V2Account {
    pub id: String,
    pub email: String,
    pub provider: String,
    #[serde(default)]
    pub authentication_type: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AuditReport {
    pub total_accounts: usize,
    pub pages: usize,
    /// Exchange accounts on password (Basic) authentication: re-authenticate these with OAuth.
    pub affected: Vec<V2Account>,
    #[ts(type = "number")]
    pub elapsed_ms: u64,
}

pub const PAGE_SIZE: usize = 500;
pub const CONCURRENCY: usize = 8;

impl V2Client {
    /// `GET /a/{client_id}/accounts?offset&limit` with HTTP Basic (secret as user name).
    pub async fn accounts_page(&self, offset: usize, limit: usize) -> V2Result<Vec<V2Account>> {
        let url = self.url(&format!("/a/{}/accounts?offset={offset}&limit={limit}", self.client_id))?;
        let what = "list v2 accounts";
        let build = || self.http.get(url.clone()).basic_auth(self.secret.expose(), Some(""));
        let resp = self
            .retry
            .send(build, Replay::Safe)
            .await
            .map_err(|e| V2Error::unreachable(&e, what))?;
        let status = resp.status().as_u16();
        let bytes = resp.bytes().await.map_err(|e| V2Error::unreachable(&e, what))?;
        if !(200..300).contains(&status) {
            return Err(V2Error::from_response(status, &bytes, what));
        }
        serde_json::from_slice(&bytes).map_err(|e| V2Error::Unreadable {
            what,
            detail: e.to_string(),
        })
    }
}

fn affected(a: &V2Account) -> bool {
    matches!(a.provider.as_str(), "eas" | "ews") && a.authentication_type == "password"
}

/// Runs the audit with `concurrency` pages in flight (1 = the plain sequential loop).
pub async fn audit(client: &V2Client, page_size: usize, concurrency: usize) -> Result<AuditReport> {
    let started = Instant::now();
    let page_size = page_size.max(1);
    let gate = Arc::new(Semaphore::new(concurrency.max(1)));
    let mut accounts = Vec::new();
    let mut pages = 0;
    let mut next = 0usize;
    'waves: loop {
        let mut wave = Vec::new();
        for i in 0..concurrency.max(1) {
            let (c, gate, offset) = (client.clone(), gate.clone(), (next + i) * page_size);
            wave.push(tokio::spawn(async move {
                let _permit = gate.acquire_owned().await;
                c.accounts_page(offset, page_size).await
            }));
        }
        next += wave.len();
        for task in wave {
            let page = task.await.map_err(|e| AppError::internal(e.to_string()))??;
            pages += 1;
            let short = page.len() < page_size;
            accounts.extend(page);
            if short {
                break 'waves;
            }
        }
    }
    Ok(AuditReport {
        total_accounts: accounts.len(),
        pages,
        affected: accounts.into_iter().filter(affected).collect(),
        elapsed_ms: started.elapsed().as_millis() as u64,
    })
}
