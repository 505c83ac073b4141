//! The organization's directory: its people with a mailbox, read through the administrator's
//! Graph sign-in (`User.Read.All`, token in memory), each joined with its Nylas grant.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use super::azure_app::{AzureApp, Reads, SignInOptions};
use super::nylas_for;
use super::profiles::Profiles;
use super::vault::Vault;
use crate::bulk::{RowState, RunRow};
use crate::error::{AppError, ErrorCode, Result};
use crate::graph::directory::people_with_mailbox;
use crate::graph::GraphError;
use crate::job::{Job, JobStep};
use crate::profile::ledger::LedgerEvent;
use crate::result::now;

mod cache;
mod export;
mod select;
mod table;
mod view;

pub use cache::DirectoryCache;
pub use select::{select, Pick, Selection};
pub use table::{join, table, Connection, DirectoryFilter, DirectoryRow, DirectoryTable};
pub use view::{DirectoryPage, PAGE};

pub struct Directory {
    profiles: Arc<Profiles>,
    vault: Arc<Vault>,
    http: reqwest::Client,
    azure_app: Arc<AzureApp>,
    cache: Arc<DirectoryCache>,
    /// What the window's table shows (the directory, or a search), until the profile changes.
    view: Mutex<Option<(String, view::View)>>,
}

impl Directory {
    pub(super) fn new(
        profiles: Arc<Profiles>,
        vault: Arc<Vault>,
        http: reqwest::Client,
        azure_app: Arc<AzureApp>,
        cache: Arc<DirectoryCache>,
    ) -> Self {
        Self {
            profiles,
            vault,
            http,
            azure_app,
            cache,
            view: Mutex::new(None),
        }
    }

    fn view(&self) -> MutexGuard<'_, Option<(String, view::View)>> {
        self.view.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A page of the window's table: the last search, or the directory as last read (kept from
    /// an earlier run of the app too); `None` when it was never read.
    pub fn page(&self, filter: DirectoryFilter, page: u32) -> Result<Option<DirectoryPage>> {
        let p = self.profiles.active()?;
        let mut held = self.view();
        if held.as_ref().is_none_or(|(profile, _)| *profile != p.id) {
            *held = self.cache.kept(&p.id)?.map(|(rows, listed_at)| {
                let v = view::View {
                    rows,
                    listed_at,
                    search: None,
                };
                (p.id.clone(), v)
            });
        }
        Ok(held.as_ref().map(|(_, v)| v.page(filter, page)))
    }

    /// The whole directory again in the window's table, after a search.
    pub fn show_all(&self, filter: DirectoryFilter) -> Result<Option<DirectoryPage>> {
        self.view().take();
        self.page(filter, 0)
    }

    /// "Select all shown": the addresses of the table's rows `filter` lets through that are not
    /// connected and working already.
    pub fn selectable(&self, filter: DirectoryFilter) -> Result<Vec<String>> {
        self.page(filter, 0)?;
        Ok(self
            .view()
            .as_ref()
            .map(|(_, v)| v.selectable(filter))
            .unwrap_or_default())
    }

    /// The mailboxes `pick` takes from the directory as last read.
    pub fn choose(&self, pick: Pick) -> Result<Selection> {
        let p = self.profiles.active()?;
        let (rows, _) = self.cache.kept(&p.id)?.ok_or_else(|| {
            AppError::invalid(
                "csv",
                "The directory has not been read yet.",
                "Read the directory first; the list is checked against it.",
            )
        })?;
        select(&rows, pick)
    }

    /// What a bulk run connected, shown as valid in the kept directory.
    pub fn note_run(&self, rows: &[RunRow]) -> Result<()> {
        let p = self.profiles.active()?;
        let done: Vec<(String, String)> = rows
            .iter()
            .filter(|r| r.state == RowState::Connected)
            .filter_map(|r| Some((r.email.clone(), r.grant_id.clone()?)))
            .collect();
        if let Some((_, v)) = self.view().as_mut().filter(|(profile, _)| *profile == p.id) {
            v.connected(&done);
        }
        self.cache.connected(&p.id, &done)
    }

    /// The kept directory as CSV (name, address, connection, grant, shared mailbox, reason).
    pub fn csv(&self) -> Result<String> {
        let p = self.profiles.active()?;
        let rows = self.cache.kept(&p.id)?.map(|(rows, _)| rows).unwrap_or_default();
        export::csv(&rows)
    }

    /// The directory's people with a mailbox (those matching `search`, if any), each with its
    /// Nylas grant; `filter` picks the rows shown. The administrator signs in first if needed.
    pub async fn list(
        &self,
        opts: &SignInOptions,
        search: Option<&str>,
        filter: DirectoryFilter,
        job: &Job,
    ) -> Result<DirectoryTable> {
        let p = self.profiles.active()?;
        let nylas = nylas_for(&self.vault, &self.http, &p).await?;
        let reads = Reads {
            directory: true,
            ..Reads::default()
        };
        // Without the organization's approval yet, the same sign-in may grant it (bulk runs).
        let opts = SignInOptions {
            admin_consent: opts.admin_consent || p.admin_credential_id.is_none(),
            ..opts.clone()
        };
        let session = self.azure_app.admin_reading(&p, &opts, reads, job).await?;
        job.go_on()?;
        let listed = people_with_mailbox(&session.graph, search, |read| {
            job.progress(read as u32, 0, format!("{read} people read from the directory"));
            !job.cancel_signal().is_cancelled()
        })
        .await
        .map_err(explain)?;
        let Some(users) = listed else {
            job.go_on()?;
            return Err(AppError::internal("The directory listing stopped early."));
        };
        job.step(
            JobStep::Checked,
            format!("{} people with a mailbox in the directory.", users.len()),
        );
        let grants = nylas.all_grants().await?;
        let rows = join(users, &grants, &self.causes()?);
        let listed_at = now();
        if search.is_none() {
            self.cache.keep(&p.id, &rows, listed_at)?;
        }
        let search = search.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        let shown = view::View {
            rows: rows.clone(),
            listed_at,
            search,
        };
        *self.view() = Some((p.id.clone(), shown));
        Ok(table(rows, filter, listed_at))
    }

    /// The latest failed test's cause of each grant, from the ledger.
    fn causes(&self) -> Result<HashMap<String, String>> {
        let mut causes = HashMap::new();
        for e in self.profiles.ledger().entries()? {
            if e.event == LedgerEvent::Tested {
                match e.cause {
                    Some(c) if !e.test_passed => causes.insert(e.grant_id, c),
                    _ => causes.remove(&e.grant_id),
                };
            }
        }
        Ok(causes)
    }
}

/// Graph's refusal to list users, in the directory's terms.
fn explain(g: GraphError) -> AppError {
    if g.status.map(|s| s.as_u16()) == Some(403) {
        let detail = format!("Graph {}: {}", g.code, g.message);
        return AppError::new(
            ErrorCode::AdminRoleRequired,
            "Microsoft did not let this account read the people of your organization.",
        )
        .with_fix("Sign in as an administrator who may read users (for example a Global Reader or User Administrator) and accept the permission to read users on Microsoft's page.")
        .with_detail(detail);
    }
    g.into()
}
