//! Bulk runs as the window and the command line start them: connect (or re-authenticate) many
//! mailboxes through the admin-consent credential, pause, resume (also after a kill), cancel,
//! and retry the failed ones alone. Each mailbox's state lives in SQLite ([`RunStore`]).

use std::collections::HashSet;
use std::sync::Arc;

use super::azure_app::{AzureApp, Reads, SignInOptions};
use super::directory::Directory;
use super::nylas_for;
use super::profiles::Profiles;
use super::sign_in::SignIn;
use super::vault::Vault;
use crate::bulk::{RunKind, RunRow, RunState, RunStore, RunSummary};
use crate::error::{AppError, ErrorCode, Result};
use crate::job::{Job, JobStep};
use crate::validate;

mod drive;

/// A bulk row's refusal in the admin's terms: Microsoft's "no such user" names the address.
pub(crate) fn refusal(email: &str, e: AppError) -> AppError {
    if e.detail.as_deref().is_some_and(|d| d.contains("AADSTS50034")) {
        return AppError::new(
            ErrorCode::InvalidInput,
            format!("There is no mailbox {email} in this organization."),
        )
        .with_fix("Check the address for a typo, or remove the line.")
        .with_detail(e.detail.unwrap_or_default());
    }
    if e.detail
        .as_deref()
        .is_some_and(|d| d.contains("MailboxNotEnabledForRESTAPI"))
    {
        return AppError::new(ErrorCode::Nylas, format!("{email} has no Exchange Online mailbox."))
            .with_fix("Give the user a licence that includes Exchange Online (Microsoft 365 admin center → Users → Licenses), then retry this row.")
            .with_detail(e.detail.unwrap_or_default());
    }
    e
}

pub struct Bulk {
    profiles: Arc<Profiles>,
    vault: Arc<Vault>,
    http: reqwest::Client,
    store: Arc<RunStore>,
    azure_app: Arc<AzureApp>,
    sign_in: Arc<SignIn>,
    /// Shown what each run connected.
    directory: Arc<Directory>,
}

impl Bulk {
    pub(super) fn new(
        profiles: Arc<Profiles>,
        vault: Arc<Vault>,
        http: reqwest::Client,
        store: Arc<RunStore>,
        azure_app: Arc<AzureApp>,
        sign_in: Arc<SignIn>,
        directory: Arc<Directory>,
    ) -> Self {
        Self {
            profiles,
            vault,
            http,
            store,
            azure_app,
            sign_in,
            directory,
        }
    }

    /// The organization's approval bulk auth needs, through the administrator's Graph sign-in
    /// (the one the directory uses, so no second one): the app's tenant-wide consent checked,
    /// granted where missing, then Nylas's admin-consent credential made. Nothing to do when
    /// the profile has the credential already.
    pub async fn approve(&self, opts: &SignInOptions, job: &Job) -> Result<()> {
        let p = self.profiles.active()?;
        if p.admin_credential_id.is_some() {
            return Ok(());
        }
        let opts = SignInOptions {
            admin_consent: true,
            ..opts.clone()
        };
        let reads = Reads {
            directory: true,
            ..Reads::default()
        };
        let session = self.azure_app.admin_reading(&p, &opts, reads, job).await?;
        super::doctor::grant_for_organization(&session.graph, &p, job).await?;
        self.sign_in.record_approval(&session.tenant_id).await?;
        job.step(
            JobStep::Consented,
            "Nylas may now connect the organization's mailboxes without their owners signing in.",
        );
        Ok(())
    }

    /// The active profile's run that stopped before its end, to offer resuming it. What it
    /// connected before it stopped (a kill, say) shows in the directory from now on.
    pub fn unfinished(&self) -> Result<Option<RunSummary>> {
        let run = self.store.unfinished(&self.profiles.active()?.id)?;
        if let Some(r) = &run {
            self.directory.note_run(&self.store.rows(&r.id)?)?;
        }
        Ok(run)
    }

    pub fn rows(&self, run_id: &str) -> Result<Vec<RunRow>> {
        self.store.rows(run_id)
    }

    /// Runs `emails`: a new run, or, when the profile has an unfinished run of the same kind,
    /// that run with the addresses it lacks added (so nothing is done twice).
    pub async fn run(&self, kind: RunKind, emails: &[String], job: &Job) -> Result<RunSummary> {
        let p = self.profiles.active()?;
        let (mut clean, mut seen) = (Vec::with_capacity(emails.len()), HashSet::new());
        for e in emails {
            if let Some(a) = validate::email(e)?.map(|a| a.to_lowercase()) {
                if seen.insert(a.clone()) {
                    clean.push(a);
                }
            }
        }
        if clean.is_empty() {
            return Err(AppError::invalid(
                "emails",
                "There is no mailbox to connect.",
                "Select mailboxes in the table, or give their addresses.",
            ));
        }
        let run_id = match self.store.unfinished(&p.id)?.filter(|r| r.kind == kind) {
            Some(r) => {
                self.store.extend(&r.id, &clean)?;
                r.id
            }
            None => self.store.create(&p.id, kind, &clean)?,
        };
        self.resume(&run_id, job).await
    }

    /// Goes on with a run where it stopped (paused, or killed part-way).
    pub async fn resume(&self, run_id: &str, job: &Job) -> Result<RunSummary> {
        let p = self.profiles.active()?;
        let credential = p.admin_credential_id.clone().ok_or_else(|| {
            AppError::invalid(
                "emails",
                "No administrator has approved the app for the organization yet.",
                "Approve it first (Admin consent), then connect the mailboxes.",
            )
        })?;
        let summary = self.summary(run_id)?;
        let nylas = Arc::new(nylas_for(&self.vault, &self.http, &p).await?);
        self.store.set_state(run_id, RunState::Running)?;
        let drive = drive::Drive {
            store: self.store.clone(),
            nylas,
            credential,
            profile: p.id.clone(),
            ledger: Arc::new(self.profiles.ledger().clone()),
            run_id: run_id.into(),
            tally: std::sync::Mutex::new(summary),
        };
        let ran = drive.run(job).await;
        // Finished or stopped, what it connected shows as connected in the directory.
        if let Err(e) = self.store.rows(run_id).and_then(|rows| self.directory.note_run(&rows)) {
            tracing::warn!("the directory was not updated with the run: {}", e.message);
        }
        ran?;
        self.store.set_state(run_id, RunState::Finished)?;
        self.summary(run_id)
    }

    /// The failed mailboxes of a run, tried again alone.
    pub async fn retry_failed(&self, run_id: &str, job: &Job) -> Result<RunSummary> {
        self.store.retry_failed(run_id)?;
        self.resume(run_id, job).await
    }

    /// Marks the run paused (its job is cancelled by the caller); it resumes on request.
    pub fn pause(&self, run_id: &str) -> Result<()> {
        self.store.set_state(run_id, RunState::Paused)
    }

    /// Marks the run cancelled: what was done stays done, the rest is not offered again.
    pub fn cancel(&self, run_id: &str) -> Result<()> {
        self.store.set_state(run_id, RunState::Cancelled)
    }

    fn summary(&self, run_id: &str) -> Result<RunSummary> {
        self.store.summary(run_id)?.ok_or_else(|| {
            AppError::new(ErrorCode::NotFound, "That bulk run is not known here.")
                .with_fix("Start the run again from the Organization screen.")
        })
    }
}
