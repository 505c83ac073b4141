//! Driving a bulk run: each mailbox to do is connected through the admin-consent credential,
//! paced under Nylas's application rate limit, a few in flight; its state is written before
//! Nylas is asked and after it answers, and its ledger line once it is connected. A mailbox
//! found "started" (killed while Nylas was asked) is looked up at Nylas first, never asked twice.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use tokio::sync::Semaphore;

use super::refusal;
use crate::bulk::{RowState, RunRow, RunStore, RunSummary};
use crate::error::{AppError, Result};
use crate::job::{BulkProgress, Job, JobEvent};
use crate::nylas::grant_check::{check_known, ADMIN_RATE_PER_SECOND};
use crate::nylas::pacer::Pacer;
use crate::nylas::types::Grant;
use crate::nylas::NylasClient;
use crate::profile::ledger::{Ledger, LedgerEntry, LedgerEvent, Method};
use crate::result::now;

/// Mailboxes in flight at once: enough to keep the pace Nylas allows.
const IN_FLIGHT: usize = 16;

pub(super) struct Drive {
    pub store: Arc<RunStore>,
    pub nylas: Arc<NylasClient>,
    pub credential: String,
    pub profile: String,
    pub ledger: Arc<Ledger>,
    pub run_id: String,
    /// The run's counts, kept up to date here as each mailbox is done (no count read back per
    /// mailbox); its `created_at` tells a grant made by this run from an older one.
    pub tally: Mutex<RunSummary>,
}

impl Drive {
    /// Works through what is left; returns when all is done or the job is cancelled.
    pub async fn run(self, job: &Job) -> Result<()> {
        let this = Arc::new(self);
        for row in this.store.unledgered(&this.run_id)? {
            this.ledger_line(&row)?;
        }
        let to_do = this.store.to_do(&this.run_id)?;
        let pacer = Arc::new(Pacer::per_second(ADMIN_RATE_PER_SECOND));
        let gate = Arc::new(Semaphore::new(IN_FLIGHT));
        let (started, at_start) = (Instant::now(), to_do.len());
        let mut tasks: tokio::task::JoinSet<Result<()>> = tokio::task::JoinSet::new();
        for (email, state) in to_do {
            let permit = tokio::select! {
                p = gate.clone().acquire_owned() => p.map_err(|e| AppError::internal(e.to_string()))?,
                _ = job.cancel_signal().cancelled() => break,
            };
            let (this, pacer, job) = (this.clone(), pacer.clone(), job.clone());
            tasks.spawn(async move {
                let _permit = permit;
                if job.cancel_signal().is_cancelled() {
                    return Ok(());
                }
                let row = this.one(&email, state, &pacer).await?;
                this.report(&job, row, started, at_start);
                Ok(())
            });
        }
        while let Some(done) = tasks.join_next().await {
            done.map_err(|e| AppError::internal(e.to_string()))??;
        }
        job.go_on()
    }

    /// One mailbox, from its state to connected or failed.
    async fn one(&self, email: &str, state: RowState, pacer: &Pacer) -> Result<RunRow> {
        let earlier = match state {
            RowState::Started => self.made_by_this_run(email, pacer).await,
            _ => None,
        };
        let answer = match earlier {
            Some(g) => Ok(g),
            None => {
                self.store.started(&self.run_id, email)?;
                pacer.wait().await;
                self.nylas.connect_microsoft_bulk(email, &self.credential).await
            }
        };
        let row = match answer {
            Ok(grant) => {
                let grant_id = grant.id.clone();
                let check = check_known(&self.nylas, grant, &[]).await;
                self.store.connected(&self.run_id, email, &grant_id, Some(&check))?;
                let row = RunRow {
                    email: email.into(),
                    state: RowState::Connected,
                    grant_id: Some(grant_id),
                    check: Some(check),
                    error: None,
                };
                self.ledger_line(&row)?;
                row
            }
            Err(e) => {
                let error = refusal(email, e.into());
                self.store.failed(&self.run_id, email, &error)?;
                RunRow {
                    email: email.into(),
                    state: RowState::Failed,
                    grant_id: None,
                    check: None,
                    error: Some(error),
                }
            }
        };
        Ok(row)
    }

    /// The grant Nylas made or renewed for `email` since this run began, if it did.
    async fn made_by_this_run(&self, email: &str, pacer: &Pacer) -> Option<Grant> {
        pacer.wait().await;
        let grants = self.nylas.grants_of(email).await.ok()?;
        grants.into_iter().find(|g| {
            g.provider == "microsoft"
                && g.email.as_deref().is_some_and(|e| e.eq_ignore_ascii_case(email))
                && g.updated_at.unwrap_or(g.created_at) >= self.created_at()
        })
    }

    fn ledger_line(&self, row: &RunRow) -> Result<()> {
        let Some(grant_id) = &row.grant_id else { return Ok(()) };
        self.ledger.append(&LedgerEntry {
            at: now(),
            profile: self.profile.clone(),
            email: row.email.clone(),
            grant_id: grant_id.clone(),
            provider: "microsoft".into(),
            event: LedgerEvent::Connected,
            method: Some(Method::Bulk),
            scopes: Vec::new(),
            test_passed: row.check.as_ref().is_some_and(|c| c.ok),
            cause: row.check.as_ref().and_then(|c| c.cause.clone()),
        })?;
        self.store.ledgered(&self.run_id, &row.email)
    }

    fn created_at(&self) -> i64 {
        self.tally.lock().map_or(0, |t| t.created_at)
    }

    /// The mailbox just done, counted, with the pace since this drive began.
    fn report(&self, job: &Job, row: RunRow, started: Instant, at_start: usize) {
        let s = {
            let mut t = self.tally.lock().unwrap_or_else(|p| p.into_inner());
            t.left = t.left.saturating_sub(1);
            match row.state {
                RowState::Connected => t.connected += 1,
                _ => t.failed += 1,
            }
            t.clone()
        };
        let done_now = at_start.saturating_sub(s.left as usize) as f64;
        let minutes = started.elapsed().as_secs_f64() / 60.0;
        let per_minute = if minutes > 0.0 { done_now / minutes } else { 0.0 };
        let seconds_left = (per_minute > 0.0).then(|| (f64::from(s.left) / per_minute * 60.0).ceil() as u64);
        job.report(JobEvent::Bulk(Box::new(BulkProgress {
            run_id: self.run_id.clone(),
            total: s.total,
            connected: s.connected,
            failed: s.failed,
            left: s.left,
            per_minute,
            seconds_left,
            row: Some(row),
        })));
    }
}
