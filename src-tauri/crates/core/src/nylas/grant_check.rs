//! Testing grants: Nylas's status plus one cheap read through the grant; every grant of an
//! application, paced under Nylas's admin rate limit.

use std::sync::Arc;

use serde::Serialize;
use tokio::sync::Semaphore;
use ts_rs::TS;

use super::pacer::Pacer;
use super::types::Grant;
use super::NylasClient;
use crate::error::{AppError, Result};
use crate::result::GrantCheck;

/// Nylas's admin APIs allow 50 requests a second per application.
pub const ADMIN_RATE_PER_SECOND: u32 = 50;
const IN_FLIGHT: usize = 16;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct GrantCheckRow {
    pub grant: Grant,
    pub check: GrantCheck,
}

/// `GET /v3/grants/{id}` plus one cheap data call through the grant.
pub async fn check_grant(nylas: &NylasClient, grant_id: &str) -> GrantCheck {
    let grant = match nylas.grant(grant_id).await {
        Ok(g) => g,
        Err(e) => {
            return GrantCheck {
                ok: false,
                status: "unknown".into(),
                detail: AppError::from(e).message,
            }
        }
    };
    let status = grant.grant_status.clone().unwrap_or_else(|| "unknown".into());
    match nylas.newest_message_count(grant_id).await {
        Ok(n) => GrantCheck {
            ok: status == "valid",
            detail: format!("Nylas reports the grant as {status}; reading the mailbox returned {n} message(s)."),
            status,
        },
        Err(e) => GrantCheck {
            ok: false,
            detail: format!(
                "Nylas reports the grant as {status}, but reading the mailbox failed: {}",
                AppError::from(e).message
            ),
            status,
        },
    }
}

/// Checks `grants` with at most `rate` grant lookups a second.
pub async fn check_paced(nylas: Arc<NylasClient>, grants: Vec<Grant>, rate: u32) -> Result<Vec<GrantCheckRow>> {
    let pacer = Arc::new(Pacer::per_second(rate));
    let gate = Arc::new(Semaphore::new(IN_FLIGHT));
    let tasks: Vec<_> = grants
        .into_iter()
        .map(|grant| {
            let (nylas, pacer, gate) = (nylas.clone(), pacer.clone(), gate.clone());
            tokio::spawn(async move {
                let _permit = gate.acquire_owned().await;
                pacer.wait().await;
                let check = check_grant(&nylas, &grant.id).await;
                GrantCheckRow { grant, check }
            })
        })
        .collect();
    let mut rows = Vec::with_capacity(tasks.len());
    for t in tasks {
        rows.push(t.await.map_err(|e| AppError::internal(e.to_string()))?);
    }
    Ok(rows)
}
