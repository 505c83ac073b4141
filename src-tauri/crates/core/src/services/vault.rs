//! The secrets of each profile: the OS keychain, or memory for the demo's credentials when there
//! is no keychain (they are not secrets outside the demo tenant, and the UI says so).

use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::{AppError, Result};
use crate::profile::Profile;
use crate::secrets::{SecretKind, SecretStore};
use crate::sensitive::Sensitive;

pub struct Vault {
    keychain: SecretStore,
    memory: SecretStore,
    demo_in_memory: AtomicBool,
}

impl Vault {
    pub fn new(keychain: SecretStore) -> Self {
        Self {
            keychain,
            memory: SecretStore::memory(),
            demo_in_memory: AtomicBool::new(false),
        }
    }

    fn store(&self, p: &Profile) -> &SecretStore {
        if p.demo && self.demo_in_memory.load(Ordering::SeqCst) {
            &self.memory
        } else {
            &self.keychain
        }
    }

    /// Whether this profile's secrets are in the OS keychain.
    pub fn is_keychain(&self, p: &Profile) -> bool {
        self.store(p).is_keychain()
    }

    pub async fn put(&self, p: &Profile, kind: SecretKind, value: &Sensitive<String>) -> Result<()> {
        self.store(p).put(&p.id, kind, value).await
    }

    /// Keeps the demo's credentials, in memory when no keychain answers.
    pub async fn put_demo(&self, p: &Profile, kind: SecretKind, value: &Sensitive<String>) -> Result<()> {
        if let Err(e) = self.put(p, kind, value).await {
            tracing::warn!("demo credentials kept in memory: {}", e.message);
            self.demo_in_memory.store(true, Ordering::SeqCst);
            self.memory.put(&p.id, kind, value).await?;
        }
        Ok(())
    }

    /// Keeps a secret the app itself made (a created app's): the demo's as demo credentials.
    pub async fn keep(&self, p: &Profile, kind: SecretKind, value: &Sensitive<String>) -> Result<()> {
        if p.demo {
            self.put_demo(p, kind, value).await
        } else {
            self.put(p, kind, value).await
        }
    }

    /// The saved secret, or an error that says which one to paste again.
    pub async fn require(&self, p: &Profile, kind: SecretKind) -> Result<Sensitive<String>> {
        self.store(p).get(&p.id, kind).await?.ok_or_else(|| {
            let (field, what, step, saved) = match kind {
                SecretKind::AzureClientSecret => ("client_secret", "client secret", "App credentials", p.secret_saved),
                SecretKind::NylasApiKey => ("api_key", "Nylas API key", "Nylas", p.api_key_saved),
            };
            // Never pasted is not the same as lost from the keychain: say which.
            let (message, fix) = if saved {
                (
                    format!("The {what} saved for this profile is no longer in the keychain."),
                    format!("Paste the {what} again on the {step} step."),
                )
            } else {
                (
                    format!("This profile has no {what} yet."),
                    format!("Paste it on the {step} step of the setup."),
                )
            };
            AppError::invalid(field, message, fix)
        })
    }

    pub async fn delete(&self, p: &Profile, kind: SecretKind) -> Result<()> {
        self.store(p).delete(&p.id, kind).await
    }

    pub async fn delete_all(&self, p: &Profile) -> Result<()> {
        let store = self.store(p);
        store.delete(&p.id, SecretKind::AzureClientSecret).await?;
        store.delete(&p.id, SecretKind::NylasApiKey).await
    }
}
