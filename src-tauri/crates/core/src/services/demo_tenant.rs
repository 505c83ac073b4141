//! The demo profile and the demo tenant running in this process: pointing the profile at the
//! tenant's addresses and keeping its credentials, on first use and after a restart.

use std::sync::{Arc, Mutex};

use super::profiles::{Profiles, DEMO_PROFILE};
use super::vault::Vault;
use crate::demo::{DemoEnv, DemoSamples};
use crate::error::Result;
use crate::microsoft::cloud::IdentityCloud;
use crate::nylas::Region;
use crate::profile::wizard::{self, Event};
use crate::profile::Profile;
use crate::secrets::SecretKind;
use crate::tenant;

pub struct DemoTenant {
    profiles: Arc<Profiles>,
    vault: Arc<Vault>,
    env: Mutex<Option<DemoEnv>>,
}

impl DemoTenant {
    pub(super) fn new(profiles: Arc<Profiles>, vault: Arc<Vault>) -> Self {
        Self {
            profiles,
            vault,
            env: Mutex::new(None),
        }
    }

    /// Makes the demo profile active, pointed at `env` and ready at its checklist.
    pub async fn begin(&self, env: DemoEnv) -> Result<Profile> {
        let mut p = Profile::new(DEMO_PROFILE, "Demo tenant (Contoso)", true);
        wizard::advance(&mut p, Event::Began)?;
        self.adopt(p, env).await
    }

    /// Whether the active profile is the demo and this process has no demo tenant yet (the app
    /// was restarted): the caller starts one and calls [`DemoTenant::resume`].
    pub fn needs_tenant(&self) -> bool {
        self.profiles.active().is_ok_and(|p| p.demo) && self.env().is_none()
    }

    /// Points the demo profile at this process's demo tenant, keeping its step and progress.
    pub async fn resume(&self, env: DemoEnv) -> Result<Profile> {
        let p = self.profiles.active()?;
        if !p.demo {
            return Ok(p);
        }
        self.adopt(p, env).await
    }

    pub fn env(&self) -> Option<DemoEnv> {
        self.env.lock().ok().and_then(|d| d.clone())
    }

    pub fn samples(&self) -> Option<DemoSamples> {
        self.env().map(|e| e.samples)
    }

    async fn adopt(&self, mut p: Profile, env: DemoEnv) -> Result<Profile> {
        // An app created through the demo's Graph lives as long as its tenant: kept when this is
        // the same tenant (one served by another process, or the built-in one kept across
        // restarts), forgotten with a fresh one.
        let same_tenant = env.kept || p.cloud == IdentityCloud::Custom(env.identity_host.clone());
        let keep_created = same_tenant && p.created_app.is_some();
        if !keep_created {
            if p.created_app.take().is_some() {
                p.secret_expires_on = None; // the created secret's, gone with its tenant
            }
            p.client_id = env.client_id.clone();
        }
        p.tenant = tenant::parse(&env.tenant)?;
        p.cloud = IdentityCloud::Custom(env.identity_host.clone());
        p.region = Region::Custom(env.nylas_url.clone());
        // A demo should work even without a keychain: memory then, and the UI says so.
        if !keep_created {
            self.vault
                .put_demo(&p, SecretKind::AzureClientSecret, &env.client_secret)
                .await?;
        }
        self.vault.put_demo(&p, SecretKind::NylasApiKey, &env.api_key).await?;
        p.secret_saved = true;
        p.api_key_saved = true;
        // The demo secret is made with the tenant, for Azure's recommended 180 days.
        let made = time::OffsetDateTime::now_utc().date();
        p.secret_expires_on.get_or_insert(made + time::Duration::days(180));
        if let Ok(mut slot) = self.env.lock() {
            *slot = Some(env);
        }
        self.profiles.save(p)
    }
}
