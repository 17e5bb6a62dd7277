//! Passwords (argon2id), bearer tokens and API keys (random, stored as
//! SHA-256 hashes), and the sign-in rate limiter.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

fn random_bytes<const N: usize>() -> Result<[u8; N]> {
    let mut buf = [0_u8; N];
    getrandom::fill(&mut buf).map_err(|e| Error::Password(format!("no randomness: {e}")))?;
    Ok(buf)
}

/// Hashes a password with argon2id (a PHC string with a random salt).
///
/// # Errors
/// No randomness or a hashing failure.
pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::encode_b64(&random_bytes::<16>()?)
        .map_err(|e| Error::Password(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Password(e.to_string()))
}

/// Whether `password` matches the PHC string `hash` (false for a malformed hash).
#[must_use]
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A hash to verify against when the account does not exist, so a missing
/// account takes as long as a wrong password.
pub(crate) fn dummy_hash() -> &'static str {
    "$argon2id$v=19$m=19456,t=2,p=1$c3RyaWRlLWR1bW15LXNhbHQ$2xgWbxqa0JfQG5Sb5Uv0Rp9cHZ5m+oZ4J3vQ0u3k0wY"
}

/// A new secret: `prefix` + 32 random bytes, base64url.
///
/// # Errors
/// No randomness.
pub fn new_secret(prefix: &str) -> Result<String> {
    Ok(format!(
        "{prefix}{}",
        URL_SAFE_NO_PAD.encode(random_bytes::<32>()?)
    ))
}

/// A new password for people to type once: 18 base64url characters.
///
/// # Errors
/// No randomness.
pub fn new_password() -> Result<String> {
    Ok(URL_SAFE_NO_PAD
        .encode(random_bytes::<14>()?)
        .chars()
        .take(18)
        .collect())
}

/// The stored form of a token or API key: SHA-256, hex.
#[must_use]
pub fn secret_hash(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Failed sign-ins per (email, IP) in a fixed window.
#[derive(Debug)]
pub struct RateLimiter {
    max_failures: u32,
    window: Duration,
    entries: Mutex<HashMap<(String, IpAddr), (Instant, u32)>>,
}

impl RateLimiter {
    /// At most `max_failures` failed attempts per `window`.
    #[must_use]
    pub fn new(max_failures: u32, window: Duration) -> Self {
        Self {
            max_failures,
            window,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// `Err(retry_after)` while the key is locked out.
    ///
    /// # Errors
    /// The time until the window ends.
    pub fn check(
        &self,
        email: &str,
        ip: IpAddr,
        now: Instant,
    ) -> std::result::Result<(), Duration> {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        match entries.get(&(email.to_owned(), ip)) {
            Some((start, n))
                if *n >= self.max_failures && now.duration_since(*start) < self.window =>
            {
                Err(self.window.saturating_sub(now.duration_since(*start)))
            }
            _ => Ok(()),
        }
    }

    /// Counts a failed attempt.
    pub fn fail(&self, email: &str, ip: IpAddr, now: Instant) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.len() > 10_000 {
            let window = self.window;
            entries.retain(|_, (start, _)| now.duration_since(*start) < window);
        }
        let entry = entries.entry((email.to_owned(), ip)).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        entry.1 += 1;
    }

    /// Forgets the key after a successful sign-in.
    pub fn reset(&self, email: &str, ip: IpAddr) {
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&(email.to_owned(), ip));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_and_hashes_are_salted() {
        let a = hash_password("correct horse").unwrap();
        let b = hash_password("correct horse").unwrap();
        assert_ne!(a, b);
        assert!(a.starts_with("$argon2id$"));
        assert!(verify_password("correct horse", &a));
        assert!(!verify_password("wrong", &a));
        assert!(!verify_password("x", "not a hash"));
        assert!(!verify_password("x", dummy_hash()));
    }

    #[test]
    fn secrets_are_random_and_hashed_hex() {
        let s = new_secret("stk_").unwrap();
        assert!(s.starts_with("stk_") && s.len() == 4 + 43);
        assert_ne!(s, new_secret("stk_").unwrap());
        assert_eq!(secret_hash("abc").len(), 64);
        assert_eq!(new_password().unwrap().len(), 18);
    }

    #[test]
    fn limiter_locks_after_max_failures_until_the_window_ends() {
        let l = RateLimiter::new(2, Duration::from_secs(60));
        let ip: IpAddr = [127, 0, 0, 1].into();
        let t0 = Instant::now();
        assert!(l.check("a", ip, t0).is_ok());
        l.fail("a", ip, t0);
        l.fail("a", ip, t0);
        assert!(l.check("a", ip, t0).is_err());
        assert!(l.check("b", ip, t0).is_ok(), "per email");
        assert!(l.check("a", ip, t0 + Duration::from_secs(61)).is_ok());
        l.reset("a", ip);
        assert!(l.check("a", ip, t0).is_ok());
    }
}
