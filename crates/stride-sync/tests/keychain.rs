//! A real secret through the OS keychain (Secret Service on Linux). Needs a
//! session bus with an unlocked keyring, so it is not part of `cargo test`
//! (`test = false` in Cargo.toml) and runs only under `cargo xtask test
//! keychain` (dbus-run-session + gnome-keyring-daemon), which names it,
//! sets `STRIDE_KEYCHAIN_TEST=1` and fails unless it wrote its marker file.
//! Run any other way it fails and says how to run it — it never passes
//! without touching the keychain.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use stride_sync::{Credentials, KeyringCredentials};

#[test]
fn a_token_is_stored_read_back_through_a_new_handle_and_deleted() {
    assert_eq!(
        std::env::var("STRIDE_KEYCHAIN_TEST").as_deref(),
        Ok("1"),
        "this test needs a session bus and an unlocked keyring: run `cargo xtask test keychain`"
    );
    let server = format!(
        "http://keychain-test-{}.invalid:8787",
        uuid::Uuid::now_v7().simple()
    );
    let creds = KeyringCredentials::new("stride-test");
    assert_eq!(creds.read(&server, "ana@example.com").unwrap(), None);
    creds
        .store(&server, "ana@example.com", "sts_secret_1")
        .unwrap();
    // A separate handle reads it: keyring's mock keeps secrets per entry
    // object, so this only passes when a real store holds the secret.
    let other = KeyringCredentials::new("stride-test");
    assert_eq!(
        other.read(&server, "ANA@example.com").unwrap().as_deref(),
        Some("sts_secret_1")
    );
    creds
        .store(&server, "ana@example.com", "sts_secret_2")
        .unwrap();
    assert_eq!(
        other.read(&server, "ana@example.com").unwrap().as_deref(),
        Some("sts_secret_2")
    );
    assert!(other.delete(&server, "ana@example.com").unwrap());
    assert_eq!(creds.read(&server, "ana@example.com").unwrap(), None);
    assert!(!creds.delete(&server, "ana@example.com").unwrap());
    if let Ok(marker) = std::env::var("STRIDE_KEYCHAIN_MARKER") {
        std::fs::write(marker, "stored, read, deleted").unwrap();
    }
}
