//! Stride's sync client (shared/design/sync.md): the engine that pushes the
//! local outbox and pulls the server's changes into a `stride-store`
//! database, the transport it talks through, and where the token is kept.
//!
//! - [`Engine`]: `connect` (token from [`Credentials`] or a sign-in; enables
//!   sync for the database), `sync` (push, then pull to the head)
//! - [`Transport`]: [`HttpTransport`] (reqwest) and [`FaultyTransport`] (tests)
//! - [`Credentials`]: [`KeyringCredentials`] (OS keychain) and [`MemoryCredentials`]
//!
//! Depends on `stride-store` and `stride-protocol`; never on Tauri or the server.
#![forbid(unsafe_code)]

mod credentials;
mod engine;
mod error;
mod transport;

pub use credentials::{Credentials, KeyringCredentials, MemoryCredentials};
pub use engine::{backoff, needs_sign_in, Config, Engine, SyncReport};
pub use error::{Result, SyncError};
pub use transport::{Fault, FaultyTransport, HttpTransport, Transport};
