//! Testing every grant at once, paced under Nylas's admin rate limit.

use std::sync::Arc;

use serde::Serialize;
use tokio::sync::Semaphore;
use ts_rs::TS;

use super::{check_grant, nylas_for, Engine};
use crate::error::{AppError, Result};
use crate::nylas::pacer::Pacer;
use crate::nylas::types::Grant;
use crate::result::GrantCheck;
use crate::secrets::SecretKind;

/// Nylas's admin APIs allow 50 requests a second per application.
pub const ADMIN_RATE_PER_SECOND: u32 = 50;
const IN_FLIGHT: usize = 16;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct GrantCheckRow {
    pub grant: Grant,
    pub check: GrantCheck,
}

impl Engine {
    /// Tests every grant (status plus one mailbox read), paced so no request is rate-limited.
    pub async fn check_all_grants(&self) -> Result<Vec<GrantCheckRow>> {
        let p = self.active()?;
        let nylas = Arc::new(nylas_for(
            &self.http,
            &p,
            self.secret(&p, SecretKind::NylasApiKey).await?,
        )?);
        let grants = nylas.all_grants().await?;
        check_paced(nylas, grants, ADMIN_RATE_PER_SECOND).await
    }
}

/// Checks `grants` with at most `rate` grant lookups a second.
pub async fn check_paced(
    nylas: Arc<crate::nylas::NylasClient>,
    grants: Vec<Grant>,
    rate: u32,
) -> Result<Vec<GrantCheckRow>> {
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
