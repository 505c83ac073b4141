//! Testing grants: Nylas's status plus one cheap read through the grant; every grant of an
//! application, paced under Nylas's admin rate limit.

use std::sync::Arc;

use serde::Serialize;
use tokio::sync::Semaphore;
use ts_rs::TS;

use super::grant_cause::{explain, missing_scopes, NylasRefusal};
use super::pacer::Pacer;
use super::types::Grant;
use super::{NylasClient, NylasError};
use crate::error::{AppError, Result};
use crate::result::{now, GrantCheck};

/// Nylas's admin APIs allow 50 requests a second per application.
pub const ADMIN_RATE_PER_SECOND: u32 = 50;
const IN_FLIGHT: usize = 16;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct GrantCheckRow {
    pub grant: Grant,
    pub check: GrantCheck,
}

/// `GET /v3/grants/{id}` plus one cheap data call through the grant. A Microsoft grant is also
/// held against `needs`, the Graph scopes its profile asks for (empty: not compared).
pub async fn check_grant(nylas: &NylasClient, grant_id: &str, needs: &[String]) -> GrantCheck {
    let grant = match nylas.grant(grant_id).await {
        Ok(g) => g,
        Err(e) => {
            let detail = AppError::from(e.clone()).message;
            return failed("unknown", Some(&e), Vec::new(), Vec::new(), detail);
        }
    };
    check_known(nylas, grant, needs).await
}

/// As [`check_grant`], for a grant Nylas has just returned (no second read of it): only the
/// mailbox read, which counts against the grant's own limit, not the application's.
pub async fn check_known(nylas: &NylasClient, grant: Grant, needs: &[String]) -> GrantCheck {
    let grant_id = grant.id.clone();
    let grant_id = grant_id.as_str();
    let status = grant.grant_status.clone().unwrap_or_else(|| "unknown".into());
    let microsoft = grant.provider == "microsoft";
    let missing = if microsoft {
        missing_scopes(needs, &grant.scope)
    } else {
        Vec::new()
    };
    let healthy = status == "valid" && missing.is_empty();
    // A profile that does not ask to read mail (calendar only, say) is not tested by reading it.
    let reads_mail = needs.is_empty()
        || needs
            .iter()
            .any(|n| n.eq_ignore_ascii_case("Mail.Read") || n.eq_ignore_ascii_case("Mail.ReadWrite"));
    if microsoft && !reads_mail && healthy {
        let detail = format!(
            "Nylas reports the grant as {status}; this profile does not ask to read mail, so no message was read."
        );
        return passed(status, detail, grant.scope);
    }
    match nylas.newest_message_count(grant_id).await {
        Ok(n) if healthy => {
            let read = if n == 0 {
                "the mailbox has no messages yet"
            } else {
                "reading a message worked"
            };
            let detail = format!("Nylas reports the grant as {status}; {read}.");
            passed(status, detail, grant.scope)
        }
        Ok(_) => failed(
            &status,
            None,
            grant.scope,
            missing,
            format!("Nylas reports the grant as {status}."),
        ),
        Err(e) => {
            let detail = format!(
                "Nylas reports the grant as {status}, but reading the mailbox failed: {}",
                AppError::from(e.clone()).message
            );
            failed(&status, Some(&e), grant.scope, missing, detail)
        }
    }
}

fn passed(status: String, detail: String, scopes: Vec<String>) -> GrantCheck {
    GrantCheck {
        ok: true,
        status,
        detail,
        cause: None,
        action: None,
        refusal: None,
        scopes,
        missing_scopes: Vec::new(),
        checked_at: now(),
    }
}

fn failed(
    status: &str,
    e: Option<&NylasError>,
    scopes: Vec<String>,
    missing: Vec<String>,
    detail: String,
) -> GrantCheck {
    let (cause, action) = explain(status, e, &missing);
    GrantCheck {
        ok: false,
        status: status.into(),
        detail,
        cause: Some(cause),
        action: Some(action),
        refusal: e.map(NylasRefusal::from),
        scopes,
        missing_scopes: missing,
        checked_at: now(),
    }
}

/// Checks `grants` with at most `rate` grant lookups a second.
pub async fn check_paced(
    nylas: Arc<NylasClient>,
    grants: Vec<Grant>,
    needs: Arc<Vec<String>>,
    rate: u32,
) -> Result<Vec<GrantCheckRow>> {
    let pacer = Arc::new(Pacer::per_second(rate));
    let gate = Arc::new(Semaphore::new(IN_FLIGHT));
    let tasks: Vec<_> = grants
        .into_iter()
        .map(|grant| {
            let (nylas, pacer, gate, needs) = (nylas.clone(), pacer.clone(), gate.clone(), needs.clone());
            tokio::spawn(async move {
                let _permit = gate.acquire_owned().await;
                pacer.wait().await;
                let check = check_grant(&nylas, &grant.id, &needs).await;
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
