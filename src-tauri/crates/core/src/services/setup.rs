//! The wizard as a service: its state, moving between steps, the checklist's choices, saving the
//! credentials, and the profiles (several tenants or environments).

use std::sync::Arc;

use super::credentials::{self, AzureAppInput, NylasInput};
use super::demo_tenant::DemoTenant;
use super::profiles::{ProfileSummary, Profiles, DEFAULT_PROFILE};
use super::vault::Vault;
use crate::azure::checklist::{self, ChecklistTarget};
use crate::demo::DemoEnv;
use crate::error::{AppError, Result};
use crate::expiry;
use crate::nylas::Region;
use crate::profile::wizard::{self, Event, WizardState, WizardStep};
use crate::profile::{AuthMode, Profile};
use crate::scopes::Scopes;

pub struct Setup {
    profiles: Arc<Profiles>,
    vault: Arc<Vault>,
    demo: Arc<DemoTenant>,
    http: reqwest::Client,
}

impl Setup {
    pub(super) fn new(
        profiles: Arc<Profiles>,
        vault: Arc<Vault>,
        demo: Arc<DemoTenant>,
        http: reqwest::Client,
    ) -> Self {
        Self {
            profiles,
            vault,
            demo,
            http,
        }
    }

    /// The wizard as the UI should show it (resuming where it was left).
    pub fn state(&self) -> Result<WizardState> {
        let profile = self.profiles.active()?;
        Ok(self.state_of(profile))
    }

    fn state_of(&self, profile: Profile) -> WizardState {
        let today = time::OffsetDateTime::now_utc().date();
        WizardState {
            checklist: checklist::build(profile.target, &profile.region, profile.auth_mode, &profile.scopes),
            secret_warning: expiry::warning(profile.secret_expires_on, today),
            keychain: self.vault.is_keychain(&profile),
            demo: if profile.demo { self.demo.samples() } else { None },
            profile,
        }
    }

    fn update(&self, change: impl FnOnce(&mut Profile) -> Result<()>) -> Result<WizardState> {
        self.profiles.update(change).map(|p| self.state_of(p))
    }

    /// Starts with the admin's own organization, or with the demo tenant `demo`.
    pub async fn begin(&self, demo: Option<DemoEnv>) -> Result<WizardState> {
        let p = match demo {
            Some(env) => self.demo.begin(env).await?,
            None => {
                let mut p = self
                    .profiles
                    .get(DEFAULT_PROFILE)?
                    .unwrap_or_else(|| Profile::new(DEFAULT_PROFILE, "My organization", false));
                wizard::advance(&mut p, Event::Began)?;
                self.profiles.save(p)?
            }
        };
        Ok(self.state_of(p))
    }

    pub fn go_to(&self, step: WizardStep) -> Result<WizardState> {
        self.update(|p| wizard::advance(p, Event::Open(step)))
    }

    pub fn set_checklist_item(&self, id: &str, done: bool) -> Result<WizardState> {
        self.update(|p| {
            p.checklist_done.retain(|x| x != id);
            if done {
                p.checklist_done.push(id.to_string());
            }
            Ok(())
        })
    }

    pub fn set_auth_mode(&self, mode: AuthMode) -> Result<WizardState> {
        self.update(|p| {
            p.auth_mode = mode;
            Ok(())
        })
    }

    /// What the Azure app is for, its Nylas region and who signs in: the checklist follows. A
    /// custom Nylas address (the demo tenant's) is kept.
    pub fn set_target(&self, target: ChecklistTarget, region: Region, mode: AuthMode) -> Result<WizardState> {
        self.update(|p| {
            p.target = target;
            p.auth_mode = mode;
            if !matches!(p.region, Region::Custom(_)) {
                p.region = region;
            }
            Ok(())
        })
    }

    pub fn set_scopes(&self, scopes: &[String]) -> Result<WizardState> {
        self.update(|p| {
            p.scopes = Scopes::new(scopes);
            Ok(())
        })
    }

    /// Checks the Azure app's details (with Microsoft where possible) and keeps the secret.
    pub async fn save_azure_app(&self, input: AzureAppInput) -> Result<WizardState> {
        let p = credentials::save_azure_app(&self.profiles, &self.vault, &self.http, input).await?;
        Ok(self.state_of(p))
    }

    /// Checks the API key with Nylas and keeps it.
    pub async fn save_nylas(&self, input: NylasInput) -> Result<WizardState> {
        let p = credentials::save_nylas(&self.profiles, &self.vault, &self.http, input).await?;
        Ok(self.state_of(p))
    }

    pub fn profiles(&self) -> Result<Vec<ProfileSummary>> {
        self.profiles.summaries()
    }

    /// A new profile (another tenant or environment), made active.
    pub fn new_profile(&self, name: &str) -> Result<WizardState> {
        let name = profile_name(name, "profile_name")?;
        let mut p = Profile::new(&format!("p-{}", uuid::Uuid::new_v4().simple()), name, false);
        wizard::advance(&mut p, Event::Began)?;
        Ok(self.state_of(self.profiles.save(p)?))
    }

    /// A command's `--profile`: this process uses that profile (by ID or name); the one the app
    /// opens with stays as it was.
    pub fn use_profile_for_this_run(&self, id_or_name: &str) -> Result<()> {
        self.profiles.use_for_this_run(id_or_name)
    }

    pub fn switch_profile(&self, id: &str) -> Result<WizardState> {
        self.profiles.switch(id)?;
        self.state()
    }

    /// Renames a profile; nothing else about it changes.
    pub fn rename_profile(&self, id: &str, name: &str) -> Result<Vec<ProfileSummary>> {
        let name = profile_name(name, "profile_rename")?;
        self.profiles.rename(id, name)?;
        self.profiles.summaries()
    }

    /// Deletes a profile and its keychain entries.
    pub async fn delete_profile(&self, id: &str) -> Result<Vec<ProfileSummary>> {
        if let Some(p) = self.profiles.get(id)? {
            self.vault.delete_all(&p).await?;
        }
        self.profiles.remove(id)?;
        self.profiles.summaries()
    }
}

/// A profile's name, trimmed; an empty one is refused on `field`.
fn profile_name<'a>(name: &'a str, field: &str) -> Result<&'a str> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::invalid(
            field,
            "Give the profile a name.",
            "For example the organization or environment, such as 'Contoso production'.",
        ));
    }
    Ok(name)
}
