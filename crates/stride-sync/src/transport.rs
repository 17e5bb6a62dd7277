//! How the engine talks to a server: a narrow trait (sign in, push, pull) with
//! an HTTP implementation over reqwest, and a fault-injecting wrapper for tests.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use async_trait::async_trait;
use serde::de::DeserializeOwned;
use serde::Serialize;
use stride_protocol::{
    ErrorBody, ErrorCode, PullRequest, PullResponse, PushRequest, PushResponse, SignInRequest,
    SignInResponse,
};

use crate::error::{Result, SyncError};

/// The server's sync API as the engine needs it.
#[async_trait]
pub trait Transport: Send + Sync {
    /// `POST /api/v1/auth/sign-in`.
    async fn sign_in(&self, req: &SignInRequest) -> Result<SignInResponse>;
    /// `POST /api/v1/sync/push`.
    async fn push(&self, token: &str, req: &PushRequest) -> Result<PushResponse>;
    /// `POST /api/v1/sync/pull`.
    async fn pull(&self, token: &str, req: &PullRequest) -> Result<PullResponse>;
}

/// The HTTP transport (JSON over reqwest).
#[derive(Debug, Clone)]
pub struct HttpTransport {
    client: reqwest::Client,
    base: String,
}

impl HttpTransport {
    /// A transport for the server at `base_url` (e.g. `http://127.0.0.1:8787`
    /// or `https://stride.example.com`), with a 30 s request timeout. HTTPS
    /// goes through rustls with the operating system's certificate
    /// verifier; plain `http://` to a host other than this machine works but
    /// is logged as a warning (the password and token travel in clear).
    ///
    /// # Errors
    /// The HTTP client cannot be built.
    pub fn new(base_url: &str) -> Result<Self> {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .connect_timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| SyncError::Network(e.to_string()))?;
        Ok(Self::with_client(base_url, client))
    }

    /// A transport with a caller-built client.
    #[must_use]
    pub fn with_client(base_url: &str, client: reqwest::Client) -> Self {
        if is_plain_http_to_another_host(base_url) {
            tracing::warn!(
                server = base_url,
                "plain http:// to another machine: the password and token are not encrypted; use https://"
            );
        }
        Self {
            client,
            base: base_url.trim_end_matches('/').to_owned(),
        }
    }

    async fn post<B: Serialize + Sync, R: DeserializeOwned>(
        &self,
        path: &str,
        token: Option<&str>,
        body: &B,
    ) -> Result<R> {
        let mut rb = self.client.post(format!("{}{path}", self.base)).json(body);
        if let Some(t) = token {
            rb = rb.bearer_auth(t);
        }
        let resp = rb.send().await.map_err(|e| {
            if e.is_builder() {
                // A URL the client cannot use: retrying will not help.
                SyncError::Input(format!("{path}: {}", describe(&e)))
            } else {
                SyncError::Network(format!("{path}: {}", describe(&e)))
            }
        })?;
        let status = resp.status().as_u16();
        if resp.status().is_success() {
            return resp
                .json::<R>()
                .await
                .map_err(|e| SyncError::Network(format!("{path}: reading the answer: {e}")));
        }
        let retry_after = resp
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        let text = resp.text().await.unwrap_or_default();
        let body: Option<ErrorBody> = serde_json::from_str(&text).ok();
        Err(error_for(status, body, retry_after))
    }
}

/// An error with its causes ("error sending request: client error (Connect):
/// tcp connect error: Connection refused"): reqwest's own message alone does
/// not say what went wrong.
fn describe(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let next = s.to_string();
        if !text.contains(&next) {
            text.push_str(": ");
            text.push_str(&next);
        }
        source = s.source();
    }
    text
}

/// Whether `base_url` is plain `http://` to a host other than this machine.
fn is_plain_http_to_another_host(base_url: &str) -> bool {
    let Ok(url) = reqwest::Url::parse(base_url) else {
        return false;
    };
    if url.scheme() != "http" {
        return false;
    }
    let Some(host) = url.host_str() else {
        return false;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    match host.parse::<std::net::IpAddr>() {
        Ok(ip) => !ip.is_loopback(),
        Err(_) => !host.eq_ignore_ascii_case("localhost"),
    }
}

/// The engine's error for an error status and its body.
fn error_for(status: u16, body: Option<ErrorBody>, retry_after: Option<u64>) -> SyncError {
    let (code, message) = match body {
        Some(b) => (Some(b.code), b.message),
        None => (None, format!("HTTP {status}")),
    };
    match (status, code) {
        (401, _) => SyncError::Unauthorized(message),
        (426, _) | (_, Some(ErrorCode::UpgradeRequired)) => SyncError::UpgradeRequired(message),
        _ => SyncError::Http {
            status,
            code,
            message,
            retry_after,
        },
    }
}

#[async_trait]
impl Transport for HttpTransport {
    async fn sign_in(&self, req: &SignInRequest) -> Result<SignInResponse> {
        self.post("/api/v1/auth/sign-in", None, req).await
    }

    async fn push(&self, token: &str, req: &PushRequest) -> Result<PushResponse> {
        self.post("/api/v1/sync/push", Some(token), req).await
    }

    async fn pull(&self, token: &str, req: &PullRequest) -> Result<PullResponse> {
        self.post("/api/v1/sync/pull", Some(token), req).await
    }
}

/// A fault the wrapper injects into one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The request never reaches the server (a network error).
    DropRequest,
    /// The server handles the request; its answer is lost (a network error).
    DropResponse,
    /// The request reaches the server twice; the second answer is returned.
    Duplicate,
    /// The server answers 503 without handling the request.
    ServerError,
}

/// Wraps a transport and injects the queued faults, one per call, into
/// pushes and pulls (sign-in passes through). An empty queue or a `None`
/// entry passes the call through.
#[derive(Debug, Default)]
pub struct FaultyTransport<T> {
    inner: T,
    push_faults: Mutex<VecDeque<Option<Fault>>>,
    pull_faults: Mutex<VecDeque<Option<Fault>>>,
    push_calls: AtomicUsize,
    pushes_delivered: AtomicUsize,
    pull_calls: AtomicUsize,
}

impl<T: Transport> FaultyTransport<T> {
    /// A pass-through wrapper.
    pub fn new(inner: T) -> Self {
        Self {
            inner,
            push_faults: Mutex::default(),
            pull_faults: Mutex::default(),
            push_calls: AtomicUsize::new(0),
            pushes_delivered: AtomicUsize::new(0),
            pull_calls: AtomicUsize::new(0),
        }
    }

    /// Queues faults for the next pushes.
    pub fn fail_pushes(&self, faults: impl IntoIterator<Item = Option<Fault>>) {
        lock(&self.push_faults).extend(faults);
    }

    /// Queues faults for the next pulls.
    pub fn fail_pulls(&self, faults: impl IntoIterator<Item = Option<Fault>>) {
        lock(&self.pull_faults).extend(faults);
    }

    /// Push calls made by the engine.
    pub fn push_calls(&self) -> usize {
        self.push_calls.load(Ordering::SeqCst)
    }

    /// Push requests that reached the server (duplicates count twice).
    pub fn pushes_delivered(&self) -> usize {
        self.pushes_delivered.load(Ordering::SeqCst)
    }

    /// Pull calls made by the engine.
    pub fn pull_calls(&self) -> usize {
        self.pull_calls.load(Ordering::SeqCst)
    }

    /// The wrapped transport.
    pub fn inner(&self) -> &T {
        &self.inner
    }
}

fn lock<X>(m: &Mutex<X>) -> std::sync::MutexGuard<'_, X> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn injected(what: &str, fault: Fault) -> SyncError {
    tracing::debug!(?fault, what, "injected fault");
    match fault {
        Fault::ServerError => SyncError::Http {
            status: 503,
            code: Some(ErrorCode::Unavailable),
            message: "injected: unavailable".into(),
            retry_after: None,
        },
        _ => SyncError::Network(format!("injected: {fault:?} on {what}")),
    }
}

#[async_trait]
impl<T: Transport> Transport for FaultyTransport<T> {
    async fn sign_in(&self, req: &SignInRequest) -> Result<SignInResponse> {
        self.inner.sign_in(req).await
    }

    async fn push(&self, token: &str, req: &PushRequest) -> Result<PushResponse> {
        self.push_calls.fetch_add(1, Ordering::SeqCst);
        let fault = lock(&self.push_faults).pop_front().flatten();
        match fault {
            None => {
                self.pushes_delivered.fetch_add(1, Ordering::SeqCst);
                self.inner.push(token, req).await
            }
            Some(f @ (Fault::DropRequest | Fault::ServerError)) => Err(injected("push", f)),
            Some(f @ Fault::DropResponse) => {
                self.pushes_delivered.fetch_add(1, Ordering::SeqCst);
                self.inner.push(token, req).await?;
                Err(injected("push", f))
            }
            Some(Fault::Duplicate) => {
                self.pushes_delivered.fetch_add(2, Ordering::SeqCst);
                let _ = self.inner.push(token, req).await;
                self.inner.push(token, req).await
            }
        }
    }

    async fn pull(&self, token: &str, req: &PullRequest) -> Result<PullResponse> {
        self.pull_calls.fetch_add(1, Ordering::SeqCst);
        let fault = lock(&self.pull_faults).pop_front().flatten();
        match fault {
            None => self.inner.pull(token, req).await,
            Some(f @ (Fault::DropRequest | Fault::ServerError)) => Err(injected("pull", f)),
            Some(f @ Fault::DropResponse) => {
                self.inner.pull(token, req).await?;
                Err(injected("pull", f))
            }
            Some(Fault::Duplicate) => {
                let _ = self.inner.pull(token, req).await;
                self.inner.pull(token, req).await
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_the_errors_the_engine_switches_on() {
        let body = |code| {
            Some(ErrorBody {
                code,
                message: "m".into(),
            })
        };
        assert!(matches!(
            error_for(401, body(ErrorCode::Unauthorized), None),
            SyncError::Unauthorized(_)
        ));
        assert!(matches!(
            error_for(426, body(ErrorCode::UpgradeRequired), None),
            SyncError::UpgradeRequired(_)
        ));
        let gone = error_for(410, body(ErrorCode::ResetRequired), None);
        assert_eq!(gone.status(), Some(410));
        assert!(!gone.is_transient());
        let busy = error_for(429, body(ErrorCode::RateLimited), Some(7));
        assert!(busy.is_transient());
        assert!(matches!(
            busy,
            SyncError::Http {
                retry_after: Some(7),
                ..
            }
        ));
        assert!(error_for(502, None, None).is_transient());
        assert!(!error_for(403, body(ErrorCode::Forbidden), None).is_transient());
    }

    #[test]
    fn plain_http_is_flagged_only_for_other_machines() {
        for local in [
            "http://127.0.0.1:8787",
            "http://localhost:8787/",
            "http://[::1]:8787",
            "https://stride.example.com",
            "not a url",
        ] {
            assert!(!is_plain_http_to_another_host(local), "{local}");
        }
        for remote in [
            "http://stride.example.com",
            "http://10.0.0.5:8787",
            "http://[2001:db8::1]",
        ] {
            assert!(is_plain_http_to_another_host(remote), "{remote}");
        }
    }

    /// A local port nobody listens on.
    fn closed_port() -> u16 {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    }

    #[tokio::test]
    async fn https_urls_are_supported_and_a_closed_port_is_a_transient_network_error() {
        let base = format!("https://127.0.0.1:{}", closed_port());
        let transport = HttpTransport::new(&base).expect("an https client builds");
        let req = SignInRequest {
            email: "ana@example.com".into(),
            password: "password-123".into(),
        };
        let err = transport.sign_in(&req).await.unwrap_err();
        let SyncError::Network(message) = &err else {
            panic!("expected a network error, got {err:?}");
        };
        assert!(err.is_transient(), "{err}");
        let lower = message.to_lowercase();
        assert!(
            !lower.contains("scheme"),
            "https itself must work; the failure is the closed port: {message}"
        );
        assert!(
            lower.contains("connect"),
            "the message names the refused connection: {message}"
        );
    }

    #[tokio::test]
    async fn an_unusable_url_is_bad_input_not_a_retried_network_error() {
        let transport = HttpTransport::new("ftp://127.0.0.1:1").unwrap();
        let req = SignInRequest {
            email: "ana@example.com".into(),
            password: "password-123".into(),
        };
        let err = transport.sign_in(&req).await.unwrap_err();
        assert!(!err.is_transient(), "{err:?}");
    }
}
