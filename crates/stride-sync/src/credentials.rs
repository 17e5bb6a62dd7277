//! Where the sign-in token lives: the OS keychain (never the database or a
//! plain file), behind a trait with an in-memory implementation for tests.
//! One entry per (server URL, email).

use std::collections::HashMap;
use std::sync::Mutex;

use crate::error::{Result, SyncError};

/// A token store keyed by server URL and account.
pub trait Credentials: Send + Sync {
    /// Stores (or replaces) the token for `user` on `server`.
    ///
    /// # Errors
    /// The store failed.
    fn store(&self, server: &str, user: &str, token: &str) -> Result<()>;
    /// The stored token, if any.
    ///
    /// # Errors
    /// The store failed (a missing entry is `Ok(None)`).
    fn read(&self, server: &str, user: &str) -> Result<Option<String>>;
    /// Removes the token; false when there was none.
    ///
    /// # Errors
    /// The store failed.
    fn delete(&self, server: &str, user: &str) -> Result<bool>;
}

/// The entry name for an account on a server.
fn account(server: &str, user: &str) -> String {
    format!(
        "{} at {}",
        user.trim().to_lowercase(),
        server.trim().trim_end_matches('/')
    )
}

/// Tokens in memory (unit tests; gone when the process ends).
#[derive(Debug, Default)]
pub struct MemoryCredentials {
    tokens: Mutex<HashMap<String, String>>,
}

impl MemoryCredentials {
    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<String, String>> {
        self.tokens
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Credentials for MemoryCredentials {
    fn store(&self, server: &str, user: &str, token: &str) -> Result<()> {
        self.map().insert(account(server, user), token.to_owned());
        Ok(())
    }

    fn read(&self, server: &str, user: &str) -> Result<Option<String>> {
        Ok(self.map().get(&account(server, user)).cloned())
    }

    fn delete(&self, server: &str, user: &str) -> Result<bool> {
        Ok(self.map().remove(&account(server, user)).is_some())
    }
}

/// Tokens in the OS keychain through `keyring` (Secret Service on Linux,
/// Keychain on macOS, Credential Manager on Windows).
#[derive(Debug, Clone)]
pub struct KeyringCredentials {
    service: String,
}

impl Default for KeyringCredentials {
    fn default() -> Self {
        Self::new("stride")
    }
}

impl KeyringCredentials {
    /// Entries under the keychain service name `service`.
    #[must_use]
    pub fn new(service: &str) -> Self {
        Self {
            service: service.to_owned(),
        }
    }

    fn entry(&self, server: &str, user: &str) -> Result<keyring::Entry> {
        keyring::Entry::new(&self.service, &account(server, user))
            .map_err(|e| SyncError::Credentials(e.to_string()))
    }
}

impl Credentials for KeyringCredentials {
    fn store(&self, server: &str, user: &str, token: &str) -> Result<()> {
        self.entry(server, user)?
            .set_password(token)
            .map_err(|e| SyncError::Credentials(e.to_string()))
    }

    fn read(&self, server: &str, user: &str) -> Result<Option<String>> {
        match self.entry(server, user)?.get_password() {
            Ok(t) => Ok(Some(t)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(SyncError::Credentials(e.to_string())),
        }
    }

    fn delete(&self, server: &str, user: &str) -> Result<bool> {
        match self.entry(server, user)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(e) => Err(SyncError::Credentials(e.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_store_keys_by_server_and_case_insensitive_email() {
        let c = MemoryCredentials::default();
        c.store("http://a:1/", "Ana@X.com", "t1").unwrap();
        assert_eq!(
            c.read("http://a:1", "ana@x.com").unwrap().as_deref(),
            Some("t1")
        );
        assert_eq!(c.read("http://b:1", "ana@x.com").unwrap(), None);
        c.store("http://a:1", "ana@x.com", "t2").unwrap();
        assert_eq!(
            c.read("http://a:1", "ana@x.com").unwrap().as_deref(),
            Some("t2")
        );
        assert!(c.delete("http://a:1", "ana@x.com").unwrap());
        assert!(!c.delete("http://a:1", "ana@x.com").unwrap());
        assert_eq!(c.read("http://a:1", "ana@x.com").unwrap(), None);
    }
}
