//! The HTTP surface: state, router and the `launch` entry point.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use axum::extract::{DefaultBodyLimit, Request};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use stride_protocol::{ErrorCode, Hlc, MAX_DRIFT_MS};
use tokio::net::TcpListener;

use crate::auth::RateLimiter;
use crate::store::DynStore;
use crate::Settings;

pub mod error;
pub mod extract;
mod handlers;
pub mod openapi;

use error::ApiError;

/// Shared by every request.
#[derive(Clone)]
pub struct AppState {
    /// The store.
    pub store: DynStore,
    /// Limits and lifetimes.
    pub settings: Arc<Settings>,
    clock: Arc<Mutex<Hlc>>,
    limiter: Arc<RateLimiter>,
    restamped: Arc<AtomicU64>,
}

impl AppState {
    /// State over a store.
    #[must_use]
    pub fn new(store: DynStore, settings: Settings) -> Self {
        let limiter = RateLimiter::new(settings.login_max_failures, settings.login_window);
        Self {
            store,
            settings: Arc::new(settings),
            clock: Arc::new(Mutex::new(Hlc::ZERO)),
            limiter: Arc::new(limiter),
            restamped: Arc::new(AtomicU64::new(0)),
        }
    }

    /// How many pushed clocks were re-stamped for running too far ahead.
    #[must_use]
    pub fn restamped(&self) -> u64 {
        self.restamped.load(Ordering::Relaxed)
    }

    /// The server clock after a local event.
    pub(crate) fn tick(&self) -> Hlc {
        let mut clock = self.clock.lock().unwrap_or_else(PoisonError::into_inner);
        *clock = clock.tick(now_ms());
        *clock
    }

    /// The clock a pushed op is stored with: its own, or the server's when it
    /// runs more than [`MAX_DRIFT_MS`] ahead (counted).
    pub(crate) fn effective_hlc(&self, pushed: Hlc) -> Hlc {
        let now = now_ms();
        let mut clock = self.clock.lock().unwrap_or_else(PoisonError::into_inner);
        if pushed.is_ahead_of(now, MAX_DRIFT_MS) {
            *clock = clock.tick(now);
            self.restamped.fetch_add(1, Ordering::Relaxed);
            tracing::warn!(pushed = %pushed, restamped = %*clock, "re-stamped a clock running ahead of the server");
            *clock
        } else {
            *clock = clock.receive(pushed, now);
            pushed
        }
    }
}

pub(crate) fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// The router with every endpoint.
pub fn router(state: AppState) -> Router {
    let max_body = state.settings.max_body_bytes;
    Router::new()
        .route("/healthz", get(handlers::healthz))
        .route("/api/openapi.json", get(handlers::openapi))
        .route("/api/v1/auth/sign-in", post(handlers::sign_in))
        .route("/api/v1/auth/sign-out", post(handlers::sign_out))
        .route("/api/v1/sync/push", post(handlers::push))
        .route(
            "/api/v1/sync/pull",
            get(handlers::pull_get).post(handlers::pull_post),
        )
        .route("/api/v1/kpis/{key}/points", post(handlers::kpi_points))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(max_body))
        .layer(middleware::from_fn(log_request))
        .with_state(state)
}

async fn not_found() -> ApiError {
    ApiError::new(
        ErrorCode::NotFound,
        "no such endpoint; see /api/openapi.json",
    )
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        ErrorCode::MethodNotAllowed,
        "this endpoint does not take that method; see /api/openapi.json",
    )
}

async fn log_request(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let start = Instant::now();
    let resp = next.run(req).await;
    tracing::info!(
        %method,
        %path,
        status = resp.status().as_u16(),
        ms = start.elapsed().as_secs_f64() * 1000.0,
        "request"
    );
    resp
}

/// Serves `state` on `listener` until `shutdown` completes.
///
/// # Errors
/// The listener fails.
pub async fn launch(
    state: AppState,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> crate::Result<()> {
    let app = router(state);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await?;
    Ok(())
}
