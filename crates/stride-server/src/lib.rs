//! The Stride sync server: a library (`launch`, the store, admin operations)
//! and a thin `stride-server` binary over it.
//!
//! - [`store`]: storage behind the [`store::Storage`] trait (SQLite, PostgreSQL)
//! - [`http`]: the axum router, extractors and the boundary error
//! - [`admin`]: the `stride-server admin …` operations
//! - [`auth`]: password hashing, tokens, the sign-in rate limiter
//!
//! The wire types live in `stride-protocol`. This crate never depends on the
//! desktop app's store or on Tauri.
#![forbid(unsafe_code)]

use std::time::Duration;

pub mod admin;
pub mod auth;
pub mod error;
pub mod http;
mod schema;
mod scope;
pub mod store;
pub mod testing;

pub use error::{Error, Result};
pub use http::{launch, router, AppState};
pub use store::{open, DynStore, Storage};

/// Limits and lifetimes.
#[derive(Debug, Clone)]
pub struct Settings {
    /// How long a sign-in token works.
    pub token_ttl: chrono::Duration,
    /// Failed sign-ins allowed per (email, IP) in one window.
    pub login_max_failures: u32,
    /// The rate-limit window.
    pub login_window: Duration,
    /// The largest request body (413 above).
    pub max_body_bytes: usize,
    /// The most ops per push (413 above).
    pub max_ops_per_push: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            token_ttl: chrono::Duration::days(30),
            login_max_failures: 5,
            login_window: Duration::from_secs(15 * 60),
            max_body_bytes: stride_protocol::MAX_BODY_BYTES,
            max_ops_per_push: stride_protocol::MAX_OPS_PER_PUSH,
        }
    }
}
