//! The profile store as a service: the active profile, changes to it (each saved at once), the
//! list of profiles, and recording a finished onboarding (profile and ledger together).

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;
use ts_rs::TS;

use crate::error::{AppError, Result};
use crate::nylas::types::Grant;
use crate::profile::ledger::{Ledger, LedgerEntry, LedgerEvent, Method};
use crate::profile::store::ProfileStore;
use crate::profile::wizard::{self, Event, WizardStep};
use crate::profile::Profile;
use crate::result::{ConnectResult, GrantCheck};

pub const DEFAULT_PROFILE: &str = "default";
pub const DEMO_PROFILE: &str = "demo";

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ProfileSummary {
    pub id: String,
    pub name: String,
    pub demo: bool,
    pub step: WizardStep,
    pub active: bool,
}

pub struct Profiles {
    store: Mutex<ProfileStore>,
    ledger: Ledger,
}

impl Profiles {
    pub fn open(dir: &Path) -> Result<Self> {
        Ok(Self {
            store: Mutex::new(ProfileStore::open(dir)?),
            ledger: Ledger::new(dir),
        })
    }

    fn lock(&self) -> Result<MutexGuard<'_, ProfileStore>> {
        self.store
            .lock()
            .map_err(|_| AppError::internal("Internal state is unusable; restart the app."))
    }

    /// The active profile (a fresh default one when there is none yet).
    pub fn active(&self) -> Result<Profile> {
        Ok(self
            .lock()?
            .active()
            .cloned()
            .unwrap_or_else(|| Profile::new(DEFAULT_PROFILE, "My organization", false)))
    }

    pub fn get(&self, id: &str) -> Result<Option<Profile>> {
        Ok(self.lock()?.get(id).cloned())
    }

    /// Saves `p` and makes it the active profile.
    pub fn save(&self, p: Profile) -> Result<Profile> {
        self.lock()?.save_active(p.clone())?;
        Ok(p)
    }

    /// Changes the active profile; nothing is saved when `change` fails.
    pub fn update(&self, change: impl FnOnce(&mut Profile) -> Result<()>) -> Result<Profile> {
        let mut p = self.active()?;
        change(&mut p)?;
        self.save(p)
    }

    /// Uses the profile with this ID or name for the rest of this process (a command's
    /// `--profile`), without changing the one the app opens with.
    pub fn use_for_this_run(&self, id_or_name: &str) -> Result<()> {
        let mut store = self.lock()?;
        let wanted = id_or_name.trim();
        let found = store
            .all()
            .iter()
            .find(|p| p.id == wanted || p.name.eq_ignore_ascii_case(wanted))
            .map(|p| p.id.clone());
        let Some(id) = found else {
            let names: Vec<String> = store.all().iter().map(|p| format!("'{}'", p.name)).collect();
            let known = if names.is_empty() {
                "there are none yet".to_string()
            } else {
                names.join(", ")
            };
            return Err(AppError::invalid(
                "profile",
                format!("There is no profile '{}' ({known}).", crate::syntax::shorten(wanted)),
                "Give a profile's name as the Profiles tab shows it, or its ID.",
            ));
        };
        store.use_for_this_run(&id);
        Ok(())
    }

    pub fn switch(&self, id: &str) -> Result<()> {
        self.lock()?.set_active(id)
    }

    pub fn rename(&self, id: &str, name: &str) -> Result<()> {
        self.lock()?.rename(id, name)
    }

    pub fn remove(&self, id: &str) -> Result<()> {
        self.lock()?.remove(id)
    }

    pub fn summaries(&self) -> Result<Vec<ProfileSummary>> {
        let store = self.lock()?;
        let active = store.active().map(|p| p.id.clone());
        Ok(store
            .all()
            .iter()
            .map(|p| ProfileSummary {
                id: p.id.clone(),
                name: p.name.clone(),
                demo: p.demo,
                step: p.step,
                active: active.as_deref() == Some(&p.id),
            })
            .collect())
    }

    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    /// Keeps the result on the active profile (the wizard shows it after a restart) and in the
    /// ledger.
    pub fn record(&self, result: &ConnectResult, method: Method) -> Result<()> {
        let profile = self.update(|p| {
            p.last_result = Some(result.clone());
            wizard::advance(p, Event::Connected)
        })?;
        self.ledger.append(&LedgerEntry {
            at: result.finished_at,
            profile: profile.id,
            email: result
                .grant
                .email
                .clone()
                .or_else(|| result.account.email.clone())
                .unwrap_or_default(),
            grant_id: result.grant.id.clone(),
            provider: result.grant.provider.clone(),
            event: LedgerEvent::Connected,
            method: Some(method),
            scopes: result.grant.scope.clone(),
            test_passed: result.check.ok,
            cause: result.check.cause.clone(),
        })
    }

    /// Keeps a grant test: a ledger line, a log line, and the profile's last result when it is
    /// the same grant (so Setup does not keep showing "Passed" for a grant that broke).
    pub fn record_test(&self, grant: &Grant, check: &GrantCheck) -> Result<()> {
        let kind = check.refusal.as_ref().and_then(|r| r.kind.as_deref()).unwrap_or("-");
        let request = check
            .refusal
            .as_ref()
            .and_then(|r| r.request_id.as_deref())
            .unwrap_or("-");
        if check.ok {
            tracing::info!(grant = %grant.id, status = %check.status, "grant test passed");
        } else {
            tracing::warn!(grant = %grant.id, status = %check.status, nylas_error = kind, request_id = request,
                missing = ?check.missing_scopes, "grant test failed: {}", check.cause.as_deref().unwrap_or(""));
        }
        let profile = self.update(|p| {
            if let Some(r) = p.last_result.as_mut().filter(|r| r.grant.id == grant.id) {
                r.check = check.clone();
                r.grant.grant_status = grant.grant_status.clone();
            }
            Ok(())
        })?;
        self.ledger.append(&LedgerEntry {
            at: check.checked_at,
            profile: profile.id,
            email: grant.email.clone().unwrap_or_default(),
            grant_id: grant.id.clone(),
            provider: grant.provider.clone(),
            event: LedgerEvent::Tested,
            method: None,
            scopes: check.scopes.clone(),
            test_passed: check.ok,
            cause: check.cause.clone(),
        })
    }
}
