//! The sync engine: push the outbox in bounded, idempotent batches, then pull
//! to the head one page per local transaction, re-applying pending ops when
//! the pull reaches the head.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use chrono::Utc;
use stride_protocol::{
    Change, Cursor, EntityKind, ErrorCode, Hlc, OpOutcome, PullRequest, PushRequest, Revoke,
    SignInRequest, SignInResponse, SCHEMA_VERSION,
};
use stride_store::{Store, SyncIdentity};

use crate::credentials::Credentials;
use crate::error::{Result, SyncError};
use crate::transport::Transport;

/// Batch sizes and retry policy.
#[derive(Debug, Clone)]
pub struct Config {
    /// Ops per push request (halved on a 413).
    pub push_batch: usize,
    /// Rows per pull page.
    pub pull_limit: u32,
    /// Retries of a transient failure (network, 5xx, 429) before giving up.
    pub retries: u32,
    /// The first backoff.
    pub backoff_base: Duration,
    /// The longest backoff.
    pub backoff_max: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            push_batch: 200,
            pull_limit: stride_protocol::DEFAULT_PULL_LIMIT,
            retries: 5,
            backoff_base: Duration::from_millis(250),
            backoff_max: Duration::from_secs(30),
        }
    }
}

/// What one sync did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct SyncReport {
    /// Ops the server took (applied, already held, or merged with a conflict).
    pub pushed: u64,
    /// Ops the server refused in this sync (now in "needs attention").
    pub rejected: u64,
    /// Rows applied from pulls (changes, move-ins, revokes).
    pub pulled: u64,
    /// Conflicts reported by pushes or pulled in this sync.
    pub conflicts: u64,
    /// Pull pages applied.
    pub pages: u64,
    /// Whether the server required a fresh download (410).
    pub reset: bool,
    /// Ops still waiting after the sync.
    pub pending: i64,
    /// Rejected ops not yet dismissed (all of them, not only this sync's).
    pub needs_attention: i64,
    /// Conflicts not yet dismissed.
    pub open_conflicts: i64,
}

/// The engine for one local store and one server.
pub struct Engine<T> {
    store: Store,
    transport: T,
    config: Config,
}

static JITTER: AtomicU64 = AtomicU64::new(0);

/// A pseudo-random number (splitmix64 over a shared counter seeded by the clock).
fn random_u64() -> u64 {
    let mut seed = JITTER.load(Ordering::Relaxed);
    if seed == 0 {
        let nanos = Utc::now().timestamp_nanos_opt().unwrap_or(1);
        seed = nanos.unsigned_abs() | 1;
    }
    let next = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    JITTER.store(next, Ordering::Relaxed);
    let mut z = next;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The pause before retry `attempt` (0-based): exponential from `base`,
/// capped at `max`, with "equal jitter" (half fixed, half random) so
/// clients that failed together do not retry together. A server's
/// `Retry-After` is a floor.
#[must_use]
pub fn backoff(attempt: u32, base: Duration, max: Duration, retry_after: Option<u64>) -> Duration {
    let exp = base.saturating_mul(1_u32.checked_shl(attempt.min(20)).unwrap_or(u32::MAX));
    let cap = exp.min(max);
    let half = cap / 2;
    let half_ms = u64::try_from(half.as_millis()).unwrap_or(u64::MAX);
    let jitter = Duration::from_millis(if half_ms == 0 {
        0
    } else {
        random_u64() % (half_ms + 1)
    });
    let d = half + jitter;
    match retry_after {
        Some(s) => d.max(Duration::from_secs(s)),
        None => d,
    }
}

enum Item<'a> {
    Row(&'a Change),
    Revoke(&'a Revoke),
}

impl Item<'_> {
    fn seq(&self) -> i64 {
        match self {
            Self::Row(c) => c.seq,
            Self::Revoke(r) => r.seq,
        }
    }
}

impl<T: Transport> Engine<T> {
    /// An engine with the default configuration.
    pub fn new(store: Store, transport: T) -> Self {
        Self::with_config(store, transport, Config::default())
    }

    /// An engine with `config`.
    pub fn with_config(store: Store, transport: T, config: Config) -> Self {
        Self {
            store,
            transport,
            config,
        }
    }

    /// The local store.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    async fn retrying<R, F, Fut>(&self, what: &str, mut call: F) -> Result<R>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<R>>,
    {
        let mut attempt = 0;
        loop {
            match call().await {
                Ok(r) => return Ok(r),
                Err(e) if e.is_transient() && attempt < self.config.retries => {
                    let retry_after = match &e {
                        SyncError::Http { retry_after, .. } => *retry_after,
                        _ => None,
                    };
                    let pause = backoff(
                        attempt,
                        self.config.backoff_base,
                        self.config.backoff_max,
                        retry_after,
                    );
                    tracing::warn!(what, attempt, error = %e, pause_ms = pause.as_millis(), "retrying");
                    tokio::time::sleep(pause).await;
                    attempt += 1;
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// Signs in (no retries on a wrong password; transient failures are retried).
    ///
    /// # Errors
    /// Wrong credentials, an unreachable server.
    pub async fn sign_in(&self, email: &str, password: &str) -> Result<SignInResponse> {
        let req = SignInRequest {
            email: email.to_owned(),
            password: password.to_owned(),
        };
        self.retrying("sign in", || self.transport.sign_in(&req))
            .await
    }

    /// A usable token for this database's account: the stored one, or a new
    /// sign-in with `password()` (stored in `credentials`). Enables sync for
    /// the database on first use. `email` is needed on first use and must
    /// match the database's account afterwards.
    ///
    /// # Errors
    /// A missing or different email, a failed sign-in, the keychain.
    pub async fn connect(
        &self,
        credentials: &dyn Credentials,
        server_url: &str,
        email: Option<&str>,
        password: &mut (dyn FnMut() -> Result<String> + Send),
    ) -> Result<String> {
        let state = self.store.sync_state().await?;
        let email = match (&state, email) {
            (Some(s), Some(e)) if !s.identity.email.eq_ignore_ascii_case(e.trim()) => {
                return Err(SyncError::Input(format!(
                    "this database syncs as {}; use a new database for {e}",
                    s.identity.email
                )))
            }
            (Some(s), _) if s.identity.server_url != server_url => {
                return Err(SyncError::Input(format!(
                    "this database syncs with {}; use a new database for {server_url}",
                    s.identity.server_url
                )))
            }
            (Some(s), _) => s.identity.email.clone(),
            (None, Some(e)) => e.trim().to_owned(),
            (None, None) => {
                return Err(SyncError::Input(
                    "first sync of this database: give --email".into(),
                ))
            }
        };
        if state.is_some() {
            if let Some(token) = credentials.read(server_url, &email)? {
                return Ok(token);
            }
        }
        let resp = self.sign_in(&email, &password()?).await?;
        credentials.store(server_url, &email, &resp.token)?;
        if state.is_none() {
            let mut tx = self.store.begin_write().await?;
            tx.enable_sync(
                &SyncIdentity {
                    device_id: stride_protocol::DeviceId::new(),
                    server_url: server_url.to_owned(),
                    user_id: resp.user.id,
                    email: email.clone(),
                },
                Utc::now(),
            )
            .await?;
            tx.commit().await?;
            tracing::info!(email = %email, server = server_url, "sync enabled for this database");
        }
        Ok(resp.token)
    }

    /// One full sync: push every pending op, then pull to the head (with a
    /// fresh download when the server asks for one).
    ///
    /// # Errors
    /// See [`SyncError`]; the outbox keeps every op the server did not answer for.
    pub async fn sync(&self, token: &str) -> Result<SyncReport> {
        let mut report = SyncReport::default();
        self.push_all(token, &mut report).await?;
        match self.pull_to_head(token, &mut report).await {
            Err(SyncError::Http {
                status: 410,
                ref message,
                ..
            }) => {
                tracing::warn!(%message, "server asked for a fresh download");
                // The outbox was pushed above; anything still pending is re-applied at the head.
                let mut tx = self.store.begin_sync_apply().await?;
                tx.reset_synced_rows().await?;
                tx.commit().await?;
                report.reset = true;
                self.pull_to_head(token, &mut report).await?;
            }
            other => other?,
        }
        let counts = self.store.sync_counts().await?;
        report.pending = counts.pending;
        report.needs_attention = counts.needs_attention;
        report.open_conflicts = counts.conflicts;
        tracing::info!(?report, "sync finished");
        Ok(report)
    }

    /// Pushes the outbox in order, in batches; every answered op leaves it
    /// (acknowledged, or moved to "needs attention") in one local transaction
    /// per batch.
    ///
    /// # Errors
    /// The server stayed unreachable, a gap in the device sequence, 401/426.
    pub async fn push_all(&self, token: &str, report: &mut SyncReport) -> Result<()> {
        let state = self
            .store
            .sync_state()
            .await?
            .ok_or(SyncError::NotEnabled)?;
        let me = state.identity.user_id;
        let mut batch = self.config.push_batch.max(1);
        loop {
            let ops = self.store.outbox(batch).await?;
            if ops.is_empty() {
                return Ok(());
            }
            let req = PushRequest {
                device_id: state.identity.device_id,
                schema_version: SCHEMA_VERSION,
                ops,
            };
            let resp = match self
                .retrying("push", || self.transport.push(token, &req))
                .await
            {
                Err(SyncError::Http { status: 413, .. }) if batch > 1 => {
                    batch /= 2;
                    tracing::warn!(batch, "push too large; halving the batch");
                    continue;
                }
                r => r?,
            };
            if resp.results.len() != req.ops.len() {
                return Err(SyncError::Protocol(format!(
                    "{} results for {} ops",
                    resp.results.len(),
                    req.ops.len()
                )));
            }
            let now = Utc::now();
            let mut gap = None;
            let mut tx = self.store.begin_write().await?;
            for (op, result) in req.ops.iter().zip(&resp.results) {
                if result.op_id != op.op_id {
                    return Err(SyncError::Protocol(format!(
                        "result for op {} where {} was expected",
                        result.op_id, op.op_id
                    )));
                }
                match &result.outcome {
                    OpOutcome::Applied { hlc, .. } => {
                        tx.ack_op(op.op_id, Some(*hlc)).await?;
                        report.pushed += 1;
                    }
                    OpOutcome::Duplicate { .. } => {
                        tx.ack_op(op.op_id, None).await?;
                        report.pushed += 1;
                    }
                    OpOutcome::Conflict { hlc, conflicts, .. } => {
                        tx.ack_op(op.op_id, Some(*hlc)).await?;
                        for c in conflicts {
                            tx.record_push_conflict(op, *hlc, c, me, now).await?;
                        }
                        report.pushed += 1;
                        report.conflicts += conflicts.len() as u64;
                    }
                    OpOutcome::Rejected { code, reason } => {
                        let code = serde_json::to_value(code)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default();
                        tracing::warn!(op = %op.op_id, entity = %op.entity, %code, %reason, "op rejected; kept as needs attention");
                        tx.reject_op(op.op_id, &code, reason, now).await?;
                        report.rejected += 1;
                    }
                    OpOutcome::Gap { expected_seq } => {
                        gap = Some((*expected_seq, op.device_seq));
                        break;
                    }
                }
            }
            tx.receive_hlc(resp.server_hlc, now.timestamp_millis())
                .await?;
            tx.commit().await?;
            if let Some((expected, got)) = gap {
                return Err(SyncError::Protocol(format!(
                    "the server expects op {expected} of this device next, the outbox starts at {got}"
                )));
            }
        }
    }

    /// Pulls pages until the head; each page is one local transaction
    /// (changes, move-ins and revokes in `seq` order, the HLC receive step,
    /// the cursor); at the head, pending ops are re-applied in the same one.
    ///
    /// # Errors
    /// The server stayed unreachable, 401/410/426.
    pub async fn pull_to_head(&self, token: &str, report: &mut SyncReport) -> Result<()> {
        let state = self
            .store
            .sync_state()
            .await?
            .ok_or(SyncError::NotEnabled)?;
        let mut cursor: Option<Cursor> = state.cursor;
        loop {
            let req = PullRequest {
                cursor: cursor.clone(),
                limit: Some(self.config.pull_limit),
                device_id: Some(state.identity.device_id),
            };
            let page = self
                .retrying("pull", || self.transport.pull(token, &req))
                .await?;
            if page.min_schema > SCHEMA_VERSION {
                return Err(SyncError::UpgradeRequired(format!(
                    "the server needs schema {} or newer; this build writes {SCHEMA_VERSION}",
                    page.min_schema
                )));
            }
            let mut items: Vec<Item<'_>> = page
                .changes
                .iter()
                .chain(&page.move_in)
                .map(Item::Row)
                .chain(page.revoke.iter().map(Item::Revoke))
                .collect();
            items.sort_by_key(Item::seq);
            let mut seen = page.server_hlc;
            let mut tx = self.store.begin_sync_apply().await?;
            for item in &items {
                match item {
                    Item::Row(c) => {
                        tx.apply_change(c).await?;
                        if let Some(max) = c.clocks.values().max() {
                            seen = seen.max(*max);
                        }
                        if c.entity == EntityKind::Conflict {
                            report.conflicts += 1;
                        }
                    }
                    Item::Revoke(r) => tx.apply_revoke(r).await?,
                }
            }
            let now = Utc::now();
            // One receive step on the largest clock seen: the result exceeds every pulled clock.
            tx.receive_hlc(seen.max(Hlc::ZERO), now.timestamp_millis())
                .await?;
            let at_head = !page.has_more;
            tx.set_cursor(Some(&page.cursor), at_head.then_some(now))
                .await?;
            if at_head {
                tx.reapply_pending().await?;
            }
            tx.commit().await?;
            report.pulled += items.len() as u64;
            report.pages += 1;
            if at_head {
                return Ok(());
            }
            if cursor.as_ref() == Some(&page.cursor) && items.is_empty() {
                return Err(SyncError::Protocol(
                    "the pull did not advance but says more rows wait".into(),
                ));
            }
            cursor = Some(page.cursor);
        }
    }
}

/// Whether an error means "sign in again".
#[must_use]
pub fn needs_sign_in(e: &SyncError) -> bool {
    matches!(e, SyncError::Unauthorized(_))
        || matches!(
            e,
            SyncError::Http {
                code: Some(ErrorCode::Unauthorized),
                ..
            }
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_is_capped_and_jittered() {
        let base = Duration::from_millis(100);
        let max = Duration::from_secs(5);
        for attempt in 0..12 {
            let cap = (base * 2_u32.pow(attempt)).min(max);
            let mut seen = std::collections::BTreeSet::new();
            for _ in 0..50 {
                let d = backoff(attempt, base, max, None);
                assert!(
                    d >= cap / 2 && d <= cap,
                    "attempt {attempt}: {d:?} not in [{:?}, {cap:?}]",
                    cap / 2
                );
                seen.insert(d);
            }
            assert!(seen.len() > 1, "attempt {attempt}: no jitter");
        }
        assert!(
            backoff(0, base, max, Some(3)) >= Duration::from_secs(3),
            "Retry-After is a floor"
        );
        assert!(
            backoff(60, base, max, None) <= max,
            "huge attempts do not overflow"
        );
    }
}
