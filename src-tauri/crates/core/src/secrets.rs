//! Secrets live only in the OS keychain (Secret Service on Linux). Every call runs off the
//! caller's thread and is bounded by a timeout, so a locked or absent keychain never hangs the app.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::error::{AppError, ErrorCode, Result};
use crate::sensitive::Sensitive;

/// What a stored secret is for; part of its keychain account name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SecretKind {
    AzureClientSecret,
    NylasApiKey,
}

impl SecretKind {
    fn slug(self) -> &'static str {
        match self {
            SecretKind::AzureClientSecret => "azure-client-secret",
            SecretKind::NylasApiKey => "nylas-api-key",
        }
    }
}

const KEYCHAIN_TIMEOUT: Duration = Duration::from_secs(5);

/// Where secrets are kept: the OS keychain, or memory (demo credentials and tests only).
#[derive(Clone)]
pub enum SecretStore {
    Keychain { service: String },
    Memory(Arc<Mutex<HashMap<String, String>>>),
}

impl SecretStore {
    pub fn keychain(service: impl Into<String>) -> Self {
        Self::Keychain {
            service: service.into(),
        }
    }

    pub fn memory() -> Self {
        Self::Memory(Arc::default())
    }

    pub fn is_keychain(&self) -> bool {
        matches!(self, Self::Keychain { .. })
    }

    pub async fn put(&self, profile: &str, kind: SecretKind, value: &Sensitive<String>) -> Result<()> {
        let account = account(profile, kind);
        match self {
            Self::Memory(map) => {
                lock(map)?.insert(account, value.expose().clone());
                Ok(())
            }
            Self::Keychain { service } => {
                let value = value.expose().clone();
                keychain_call(service, account, move |e| e.set_password(&value)).await
            }
        }
    }

    pub async fn get(&self, profile: &str, kind: SecretKind) -> Result<Option<Sensitive<String>>> {
        let account = account(profile, kind);
        match self {
            Self::Memory(map) => Ok(lock(map)?.get(&account).cloned().map(Sensitive::new)),
            Self::Keychain { service } => {
                let got = keychain_call(service, account, |e| match e.get_password() {
                    Ok(v) => Ok(Some(v)),
                    Err(keyring::Error::NoEntry) => Ok(None),
                    Err(err) => Err(err),
                })
                .await?;
                Ok(got.map(Sensitive::new))
            }
        }
    }

    pub async fn delete(&self, profile: &str, kind: SecretKind) -> Result<()> {
        let account = account(profile, kind);
        match self {
            Self::Memory(map) => {
                lock(map)?.remove(&account);
                Ok(())
            }
            Self::Keychain { service } => {
                keychain_call(service, account, |e| match e.delete_credential() {
                    Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
                    Err(err) => Err(err),
                })
                .await
            }
        }
    }
}

fn account(profile: &str, kind: SecretKind) -> String {
    format!("{profile}/{}", kind.slug())
}

fn lock(map: &Mutex<HashMap<String, String>>) -> Result<std::sync::MutexGuard<'_, HashMap<String, String>>> {
    map.lock()
        .map_err(|_| AppError::internal("The in-memory secret store is unusable."))
}

async fn keychain_call<T, F>(service: &str, account: String, op: F) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce(&keyring::Entry) -> keyring::Result<T> + Send + 'static,
{
    let service = service.to_string();
    let task = tokio::task::spawn_blocking(move || {
        let entry = keyring::Entry::new(&service, &account)?;
        op(&entry)
    });
    match tokio::time::timeout(KEYCHAIN_TIMEOUT, task).await {
        Err(_) => Err(AppError::new(
            ErrorCode::Keychain,
            "The system keychain did not answer within 5 seconds.",
        )
        .with_fix("It may be locked and waiting for a password prompt. Unlock your keyring (GNOME Keyring, KWallet or Keychain) and try again.")),
        Ok(Err(_)) => Err(AppError::internal("The keychain task stopped unexpectedly.")),
        Ok(Ok(result)) => result.map_err(keychain_error),
    }
}

/// Turns keyring's errors into messages an admin can act on.
pub fn keychain_error(err: keyring::Error) -> AppError {
    let text = err.to_string();
    let base = AppError::new(ErrorCode::Keychain, "Could not use the system keychain.").with_detail(text.clone());
    let lower = text.to_lowercase();
    if lower.contains("locked") {
        return AppError {
            message: "The system keychain is locked.".into(),
            ..base
        }
        .with_fix("Unlock your keyring and try again.");
    }
    let unreachable = [
        "org.freedesktop.secrets",
        "no storage access",
        "failed to connect to socket",
        "dbus error",
        "not provided by any .service",
    ];
    if unreachable.iter().any(|s| lower.contains(s)) || matches!(err, keyring::Error::NoStorageAccess(_)) {
        return AppError {
            message: "The system keychain is not available.".into(),
            ..base
        }
        .with_fix("Start a Secret Service keyring (for example GNOME Keyring or KWallet) and sign in to it, then try again. Secrets are never written to disk, so Mailbox Connect needs it.");
    }
    base.with_fix("Check that your keyring is running and unlocked, then try again.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn memory_store_round_trip() {
        let store = SecretStore::memory();
        let v = Sensitive::from("s3cret");
        store.put("p", SecretKind::NylasApiKey, &v).await.unwrap();
        assert_eq!(store.get("p", SecretKind::NylasApiKey).await.unwrap(), Some(v));
        assert_eq!(store.get("p", SecretKind::AzureClientSecret).await.unwrap(), None);
        store.delete("p", SecretKind::NylasApiKey).await.unwrap();
        assert_eq!(store.get("p", SecretKind::NylasApiKey).await.unwrap(), None);
    }

    #[test]
    fn missing_secret_service_gets_a_specific_fix() {
        let err = keychain_error(keyring::Error::PlatformFailure(
            "The name org.freedesktop.secrets was not provided by any .service files".into(),
        ));
        assert_eq!(err.code, ErrorCode::Keychain);
        assert!(err.message.contains("not available"), "{err:?}");
        assert!(err.fix.unwrap().contains("GNOME Keyring"));
    }
}
