//! Secrets live only in the OS keychain: Credential Manager on Windows, the Keychain on macOS, the
//! Secret Service on Linux. Every call runs off the caller's thread and is bounded by a timeout, so
//! a locked or absent keychain never hangs the app; a build whose store would not keep secrets
//! refuses them instead of pretending.

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
    Memory(Arc<Mutex<MemoryMap>>),
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
                lock(map)?.insert(account, value.clone());
                Ok(())
            }
            Self::Keychain { service } => {
                // The keychain thread gets the secret still wrapped; it is unwrapped at the call.
                let value = value.clone();
                keychain_call(service, account, move |e| e.set_password(value.expose())).await
            }
        }
    }

    pub async fn get(&self, profile: &str, kind: SecretKind) -> Result<Option<Sensitive<String>>> {
        let account = account(profile, kind);
        match self {
            Self::Memory(map) => Ok(lock(map)?.get(&account).cloned()),
            Self::Keychain { service } => {
                keychain_call(service, account, |e| match e.get_password() {
                    Ok(v) => Ok(Some(Sensitive::new(v))),
                    Err(keyring::Error::NoEntry) => Ok(None),
                    Err(err) => Err(err),
                })
                .await
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

type MemoryMap = HashMap<String, Sensitive<String>>;

fn lock(map: &Mutex<MemoryMap>) -> Result<std::sync::MutexGuard<'_, MemoryMap>> {
    map.lock()
        .map_err(|_| AppError::internal("The in-memory secret store is unusable."))
}

/// Whether the keychain this build uses keeps secrets until they are deleted. keyring falls back
/// to a mock store (values vanish with the entry) on a platform built without its native feature.
pub fn keychain_persists() -> Result<()> {
    use keyring::credential::CredentialPersistence;
    static PERSISTS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let persists = *PERSISTS.get_or_init(|| {
        matches!(
            keyring::default::default_credential_builder().persistence(),
            CredentialPersistence::UntilDelete
        )
    });
    if persists {
        return Ok(());
    }
    Err(AppError::new(ErrorCode::Keychain, "This copy of Mailbox Connect has no keychain that keeps secrets on this system.")
        .with_fix("Install the Mailbox Connect package for your system (it uses Credential Manager on Windows, the Keychain on macOS, the Secret Service on Linux). Secrets are never written to files, so nothing was saved."))
}

async fn keychain_call<T, F>(service: &str, account: String, op: F) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce(&keyring::Entry) -> keyring::Result<T> + Send + 'static,
{
    keychain_persists()?;
    let service = service.to_string();
    let task = tokio::task::spawn_blocking(move || {
        let entry = keyring::Entry::new(&service, &account)?;
        op(&entry)
    });
    let outcome = match tokio::time::timeout(KEYCHAIN_TIMEOUT, task).await {
        Err(_) => Err(KeychainError::TimedOut),
        Ok(Err(e)) => Err(KeychainError::Other(format!("the keychain task stopped: {e}"))),
        Ok(Ok(result)) => result.map_err(KeychainError::from),
    };
    Ok(outcome?)
}

/// What went wrong with the OS keychain. keyring's own errors are mostly platform text, so they
/// are classified once here.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeychainError {
    #[error("the keychain did not answer within {} seconds", KEYCHAIN_TIMEOUT.as_secs())]
    TimedOut,
    #[error("the keychain is locked: {0}")]
    Locked(String),
    #[error("no keychain service is available: {0}")]
    Unavailable(String),
    #[error("{0}")]
    Other(String),
}

impl From<keyring::Error> for KeychainError {
    fn from(err: keyring::Error) -> Self {
        let text = err.to_string();
        let lower = text.to_lowercase();
        let unreachable = [
            "org.freedesktop.secrets",
            "no storage access",
            "failed to connect to socket",
            "dbus error",
            "not provided by any .service",
        ];
        if lower.contains("locked") {
            KeychainError::Locked(text)
        } else if unreachable.iter().any(|s| lower.contains(s)) || matches!(err, keyring::Error::NoStorageAccess(_)) {
            KeychainError::Unavailable(text)
        } else {
            KeychainError::Other(text)
        }
    }
}

impl From<KeychainError> for AppError {
    fn from(e: KeychainError) -> Self {
        let (message, fix) = match &e {
            KeychainError::TimedOut => (
                "The system keychain did not answer within 5 seconds.",
                "It may be locked and waiting for a password prompt. Unlock your keyring (GNOME Keyring, KWallet or Keychain) and try again.",
            ),
            KeychainError::Locked(_) => ("The system keychain is locked.", "Unlock your keyring and try again."),
            KeychainError::Unavailable(_) => (
                "The system keychain is not available.",
                "Start a Secret Service keyring (for example GNOME Keyring or KWallet) and sign in to it, then try again. Secrets are never written to disk, so Mailbox Connect needs it.",
            ),
            KeychainError::Other(_) => (
                "Could not use the system keychain.",
                "Check that your keyring is running and unlocked, then try again.",
            ),
        };
        let err = AppError::new(ErrorCode::Keychain, message).with_fix(fix);
        match e {
            KeychainError::TimedOut => err,
            KeychainError::Locked(d) | KeychainError::Unavailable(d) | KeychainError::Other(d) => err.with_detail(d),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_build_uses_a_keychain_that_keeps_secrets() {
        use keyring::credential::CredentialPersistence;
        let p = keyring::default::default_credential_builder().persistence();
        assert!(
            matches!(p, CredentialPersistence::UntilDelete),
            "the store would not keep secrets"
        );
        assert!(keychain_persists().is_ok());
        // The store keyring falls back to without a native feature keeps nothing.
        let mock = keyring::mock::default_credential_builder().persistence();
        assert!(matches!(mock, CredentialPersistence::EntryOnly));
    }

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
        let typed = KeychainError::from(keyring::Error::PlatformFailure(
            "The name org.freedesktop.secrets was not provided by any .service files".into(),
        ));
        assert!(matches!(typed, KeychainError::Unavailable(_)));
        let err = AppError::from(typed);
        assert_eq!(err.code, ErrorCode::Keychain);
        assert!(err.message.contains("not available"), "{err:?}");
        assert!(err.fix.unwrap().contains("GNOME Keyring"));
    }
}
