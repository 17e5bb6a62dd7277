//! Sync from the app: connect this database to a Stride server, sync now and
//! in the background, and show what sync did in words — status, conflicts
//! ("your target 70 (edited offline Tue 12 May) was superseded by Maria's
//! 80 (Wed 13 May)") with *keep mine*, and rejected writes that need
//! attention.
//!
//! Everything here is a plain function over a [`Store`], a [`Credentials`]
//! store and a [`SyncService`] (the in-memory sync state of one window), so it
//! is tested without Tauri; `commands::sync` only converts and emits events.

use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use stride_domain::{FieldChange, GoalField, GoalId, PersonId};
use stride_protocol::Hlc;
use stride_store::{ConflictRecord, Store};
use stride_sync::{
    needs_sign_in, Config, Credentials, Engine, HttpTransport, SyncError, SyncReport,
};
use tokio::sync::Notify;
use ts_rs::TS;

use crate::error::IpcError;

/// Where a sync stands, for the status line and the indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncPhase {
    /// This database is not connected to a server.
    Off,
    /// Connected, but no token: sign in to sync again.
    SignedOut,
    /// Connected and signed in; the last sync reached the server.
    Idle,
    /// A sync is running.
    Syncing,
    /// The server could not be reached; changes wait on this computer.
    Offline,
    /// The last sync failed for another reason (see the message).
    Error,
}

/// The sync status of this database, in words and numbers.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    /// Where sync stands.
    pub phase: SyncPhase,
    /// One sentence for people ("Up to date.", "Cannot reach … 3 changes wait on this computer.").
    pub message: String,
    /// The server this database syncs with.
    pub server_url: Option<String>,
    /// The account it syncs as.
    pub email: Option<String>,
    /// When a sync last reached the server's head (RFC 3339).
    pub last_sync_at: Option<String>,
    /// When the last attempt ended (RFC 3339), successful or not.
    pub last_attempt_at: Option<String>,
    /// Changes made here that the server has not taken yet.
    pub pending: i64,
    /// Changes the server refused, not yet dismissed.
    pub needs_attention: i64,
    /// Conflicts not yet dismissed.
    pub conflicts: i64,
    /// Whether this database holds people made on this computer (the demo
    /// or a local organisation), which keeps it from connecting.
    pub local_organisation: bool,
}

/// The sign-in form.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignInInput {
    /// The server's address, e.g. `https://stride.example.com`.
    pub server_url: String,
    /// The account's email.
    pub email: String,
    /// The password (sent once; only the token is kept, in the OS keychain).
    pub password: String,
}

/// A conflict as the person reads it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConflictView {
    /// The conflict's id.
    pub id: String,
    /// The goal it belongs to, when it is about a goal.
    pub goal_id: Option<GoalId>,
    /// The goal's title, when known.
    pub goal_title: Option<String>,
    /// The field in words ("target").
    pub field: String,
    /// The whole story in one sentence.
    pub sentence: String,
    /// My value, formatted.
    pub mine: String,
    /// The other value, formatted.
    pub theirs: String,
    /// Whether my value lost (and can be written again with *keep mine*).
    pub mine_superseded: bool,
    /// Whether *keep mine* can write my value again here.
    pub can_keep_mine: bool,
}

/// A refused change as the person reads it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttentionView {
    /// The refused op (dismissing it dismisses the whole group).
    pub op_id: String,
    /// Every op of this change (a goal edit and its revision records).
    pub op_ids: Vec<String>,
    /// What it changed, in words ("a check-in on Close 12 deals").
    pub what: String,
    /// The server's reason.
    pub reason: String,
    /// The server's reason code.
    pub code: String,
    /// When the refusal arrived.
    pub rejected_at: String,
}

#[derive(Debug, Default)]
struct Inner {
    token: Option<String>,
    syncing: bool,
    last_error: Option<(SyncPhase, String)>,
    last_attempt_at: Option<DateTime<Utc>>,
    failures: u32,
}

struct Snapshot {
    token: bool,
    syncing: bool,
    last_error: Option<(SyncPhase, String)>,
    last_attempt_at: Option<DateTime<Utc>>,
}

/// The sync state of one app: the token once read from the keychain, whether
/// a sync runs, the last error, and the wake-up for background sync.
#[derive(Debug, Default)]
pub struct SyncService {
    inner: Mutex<Inner>,
    wake: Notify,
}

/// How often background sync runs when nothing is written (overridable with
/// `STRIDE_SYNC_INTERVAL_SECS`, e.g. for end-to-end tests).
#[must_use]
pub fn interval() -> Duration {
    std::env::var("STRIDE_SYNC_INTERVAL_SECS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .filter(|s| *s > 0)
        .map_or(Duration::from_secs(30), Duration::from_secs)
}

/// The keychain service name (overridable with `STRIDE_KEYCHAIN_SERVICE`, so
/// test runs never touch a person's real entries).
#[must_use]
pub fn keychain_service() -> String {
    std::env::var("STRIDE_KEYCHAIN_SERVICE").unwrap_or_else(|_| "stride".into())
}

impl SyncService {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn snapshot(&self) -> Snapshot {
        let inner = self.lock();
        Snapshot {
            token: inner.token.is_some(),
            syncing: inner.syncing,
            last_error: inner.last_error.clone(),
            last_attempt_at: inner.last_attempt_at,
        }
    }

    /// Asks background sync to run soon (after a local write, or "sync now").
    pub fn poke(&self) {
        self.wake.notify_one();
    }

    /// Waits for a poke or `timeout`, whichever comes first.
    pub async fn wait(&self, timeout: Duration) {
        let _ = tokio::time::timeout(timeout, self.wake.notified()).await;
    }

    /// How long background sync waits before its next try: the interval, or
    /// a growing backoff after failures (capped at five minutes).
    #[must_use]
    pub fn next_pause(&self, interval: Duration) -> Duration {
        let failures = self.lock().failures;
        if failures == 0 {
            interval
        } else {
            stride_sync::backoff(
                failures.saturating_sub(1),
                Duration::from_secs(2),
                Duration::from_secs(300),
                None,
            )
            .min(interval)
        }
    }
}

fn words(e: &SyncError, server: &str) -> (SyncPhase, String) {
    match e {
        SyncError::Network(_) => (
            SyncPhase::Offline,
            format!("Cannot reach {server}. Your changes are kept on this computer and sent when it answers."),
        ),
        SyncError::Http { status, .. } if *status >= 500 || *status == 429 => (
            SyncPhase::Offline,
            format!("{server} is busy or unavailable (HTTP {status}). Your changes are kept and sent later."),
        ),
        e if needs_sign_in(e) => (
            SyncPhase::SignedOut,
            "Your session on the server ended. Sign in again to sync; your changes are kept.".into(),
        ),
        SyncError::Http { message, .. } => (SyncPhase::Error, format!("The server refused the sync: {message}")),
        SyncError::UpgradeRequired(_) => (
            SyncPhase::Error,
            "This version of Stride is too old for the server. Update Stride; your changes are kept.".into(),
        ),
        SyncError::Credentials(m) => (
            SyncPhase::Error,
            format!("The system keychain is not available ({m}). Stride keeps the sign-in token only there."),
        ),
        SyncError::Input(m) => (SyncPhase::Error, m.clone()),
        other => (SyncPhase::Error, format!("Sync failed: {other}.")),
    }
}

fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The status of `store`'s sync as the app shows it.
///
/// # Errors
/// The local database could not be read.
pub async fn status(store: &Store, service: &SyncService) -> Result<SyncStatus, IpcError> {
    let state = store.sync_state().await?;
    let mut counts = store.sync_counts().await?;
    if counts.needs_attention > 0 {
        counts.needs_attention = i64::try_from(attention(store).await?.len()).unwrap_or(i64::MAX);
    }
    let inner = service.snapshot();
    let Some(state) = state else {
        let local_organisation = store.counts().await?.people > 0;
        return Ok(SyncStatus {
            phase: SyncPhase::Off,
            message: if local_organisation {
                "This database stays on this computer. It holds an organisation made here, so it cannot join a server's organisation; start Stride with a new data folder to connect.".into()
            } else {
                "Not connected to a server. Sign in to your organisation's Stride server to sync."
                    .into()
            },
            server_url: None,
            email: None,
            last_sync_at: None,
            last_attempt_at: None,
            pending: counts.pending,
            needs_attention: counts.needs_attention,
            conflicts: counts.conflicts,
            local_organisation,
        });
    };
    let waiting = if counts.pending > 0 {
        format!(
            " {} wait on this computer.",
            plural(counts.pending, "change", "changes")
        )
    } else {
        String::new()
    };
    let (phase, message) = if inner.syncing {
        (SyncPhase::Syncing, "Syncing…".to_owned())
    } else if !inner.token && !matches!(inner.last_error, Some((SyncPhase::Error, _))) {
        (
            SyncPhase::SignedOut,
            match &inner.last_error {
                Some((SyncPhase::SignedOut, m)) => m.clone(),
                _ => format!("Signed out of {}.{waiting}", state.identity.server_url),
            },
        )
    } else if let Some((phase, m)) = &inner.last_error {
        (*phase, format!("{m}{waiting}"))
    } else if state.last_sync_at.is_some() {
        (
            SyncPhase::Idle,
            if counts.pending > 0 {
                format!("Connected.{waiting}")
            } else {
                "Up to date.".to_owned()
            },
        )
    } else {
        (
            SyncPhase::Idle,
            format!("Connected; not synced yet.{waiting}"),
        )
    };
    Ok(SyncStatus {
        phase,
        message,
        server_url: Some(state.identity.server_url.clone()),
        email: Some(state.identity.email.clone()),
        last_sync_at: state.last_sync_at.clone(),
        last_attempt_at: inner.last_attempt_at.map(|t| t.to_rfc3339()),
        pending: counts.pending,
        needs_attention: counts.needs_attention,
        conflicts: counts.conflicts,
        local_organisation: false,
    })
}

/// A server address as typed, checked: `http(s)://host[:port][/path]`,
/// without a trailing slash.
///
/// # Errors
/// Anything else, with the reason.
pub fn parse_server_url(text: &str) -> Result<String, IpcError> {
    let t = text.trim().trim_end_matches('/');
    let rest = t
        .strip_prefix("https://")
        .or_else(|| t.strip_prefix("http://"))
        .ok_or_else(|| {
            IpcError::invalid(
                "serverUrl",
                "Enter the server's address starting with https:// (or http:// on a local network), e.g. https://stride.example.com.",
            )
        })?;
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() || host.contains(char::is_whitespace) || host.contains('@') {
        return Err(IpcError::invalid(
            "serverUrl",
            "The address has no valid host name, e.g. https://stride.example.com:8787.",
        ));
    }
    if let Some((_, port)) = host.rsplit_once(':') {
        if !host.ends_with(']') && port.parse::<u16>().map_or(true, |p| p == 0) {
            return Err(IpcError::invalid(
                "serverUrl",
                format!("`{port}` is not a port number (1–65535)."),
            ));
        }
    }
    Ok(t.to_owned())
}

fn engine(store: &Store, server_url: &str) -> Result<Engine<HttpTransport>, IpcError> {
    let transport = HttpTransport::new(server_url).map_err(|e| IpcError::Internal {
        message: format!("Cannot prepare the connection: {e}"),
        field: None,
    })?;
    // Background sync retries on its own schedule; one quick retry here.
    let config = Config {
        retries: 1,
        backoff_base: Duration::from_millis(200),
        backoff_max: Duration::from_secs(2),
        ..Config::default()
    };
    Ok(Engine::with_config(store.clone(), transport, config))
}

/// Connects this database to a server: checks the form, signs in, keeps the
/// token in the keychain, makes the account "me" and runs a first sync.
///
/// # Errors
/// Field errors for the form, a wrong password, a database with a local
/// organisation or another account, an unreachable server.
pub async fn sign_in(
    store: &Store,
    service: &SyncService,
    credentials: &dyn Credentials,
    input: SignInInput,
) -> Result<SyncStatus, IpcError> {
    let server_url = parse_server_url(&input.server_url)?;
    let email = input.email.trim();
    if !email.contains('@') || email.len() > 254 || email.contains(char::is_whitespace) {
        return Err(IpcError::invalid(
            "email",
            "Enter the email address you sign in with.",
        ));
    }
    if input.password.is_empty() {
        return Err(IpcError::invalid("password", "Enter your password."));
    }
    let state = store.sync_state().await?;
    if state.is_none() && store.counts().await?.people > 0 {
        return Err(IpcError::Conflict {
            message: "This database holds an organisation made on this computer (the demo or your own), which the server does not know. Start Stride with a new data folder to connect to a server.".into(),
            field: None,
        });
    }
    let engine = engine(store, &server_url)?;
    let password = input.password.clone();
    let mut ask = move || Ok(password.clone());
    // A fresh sign-in every time (the stored token may be stale).
    if let Some(s) = &state {
        if s.identity.email.eq_ignore_ascii_case(email) && s.identity.server_url == server_url {
            let _ = credentials.delete(&server_url, &s.identity.email);
        }
    }
    let token = engine
        .connect(credentials, &server_url, Some(email), &mut ask)
        .await
        .map_err(|e| sign_in_error(&e, &server_url))?;
    let me = store
        .sync_state()
        .await?
        .map(|s| s.identity.user_id)
        .ok_or_else(|| IpcError::Internal {
            message: "Signed in, but sync was not enabled for this database.".into(),
            field: None,
        })?;
    {
        let mut tx = store.begin_write().await?;
        Store::set_meta(&mut tx, "me", &me.to_string()).await?;
        tx.commit().await?;
    }
    {
        let mut inner = service.lock();
        inner.token = Some(token);
        inner.last_error = None;
        inner.failures = 0;
    }
    tracing::info!(server = %server_url, "signed in for sync");
    sync_once(store, service).await;
    status(store, service).await
}

fn sign_in_error(e: &SyncError, server: &str) -> IpcError {
    match e {
        SyncError::Http { status: 401, .. } | SyncError::Unauthorized(_) => {
            IpcError::invalid("password", "The email or password is wrong.")
        }
        SyncError::Http { status: 429, .. } => IpcError::invalid(
            "password",
            "Too many sign-in attempts. Wait a minute and try again.",
        ),
        SyncError::Input(m) => IpcError::Conflict {
            message: m.clone(),
            field: None,
        },
        SyncError::Network(_) => IpcError::invalid(
            "serverUrl",
            format!("Cannot reach {server}. Check the address and your connection."),
        ),
        other => {
            let (_, message) = words(other, server);
            IpcError::Internal {
                message,
                field: None,
            }
        }
    }
}

/// The token for this database's account: the one in memory, else the
/// keychain's. `None` when signed out.
fn token(
    service: &SyncService,
    credentials: &dyn Credentials,
    server: &str,
    email: &str,
) -> Result<Option<String>, SyncError> {
    if let Some(t) = service.lock().token.clone() {
        return Ok(Some(t));
    }
    let t = credentials.read(server, email)?;
    service.lock().token.clone_from(&t);
    Ok(t)
}

/// Loads the token from the keychain into memory (at start-up), so the
/// status knows whether this database is signed in.
pub fn load_token(
    store_state: Option<&stride_store::SyncState>,
    service: &SyncService,
    credentials: &dyn Credentials,
) {
    if let Some(s) = store_state {
        match token(
            service,
            credentials,
            &s.identity.server_url,
            &s.identity.email,
        ) {
            Ok(_) => {}
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the sync token from the keychain");
                service.lock().last_error = Some(words(&e, &s.identity.server_url));
            }
        }
    }
}

/// A sync that has begun: it holds the service's "syncing" flag, so from
/// now on the status reads "Syncing…".
#[derive(Debug)]
pub struct Started {
    server: String,
    token: String,
}

/// Begins a sync if this database is connected and signed in and no other
/// sync runs.
pub async fn start_sync(store: &Store, service: &SyncService) -> Option<Started> {
    let Ok(Some(state)) = store.sync_state().await else {
        return None;
    };
    let mut inner = service.lock();
    let token = inner.token.clone()?;
    if inner.syncing {
        return None;
    }
    inner.syncing = true;
    Some(Started {
        server: state.identity.server_url,
        token,
    })
}

/// Runs a begun sync and records the outcome for the status. Returns the
/// report when it succeeded.
pub async fn finish_sync(
    store: &Store,
    service: &SyncService,
    started: Started,
) -> Option<SyncReport> {
    let Started { server, token } = started;
    let result = match engine(store, &server) {
        Ok(engine) => engine.sync(&token).await,
        Err(e) => Err(SyncError::Input(e.to_string())),
    };
    let mut inner = service.lock();
    inner.syncing = false;
    inner.last_attempt_at = Some(Utc::now());
    match result {
        Ok(report) => {
            inner.last_error = None;
            inner.failures = 0;
            Some(report)
        }
        Err(e) => {
            tracing::warn!(error = %e, "sync failed");
            let (phase, message) = words(&e, &server);
            if phase == SyncPhase::SignedOut {
                inner.token = None;
            }
            inner.failures = inner.failures.saturating_add(1);
            inner.last_error = Some((phase, message));
            None
        }
    }
}

/// One sync if this database is connected and signed in; records the
/// outcome for the status. Returns the report when it ran and succeeded.
pub async fn sync_once(store: &Store, service: &SyncService) -> Option<SyncReport> {
    let started = start_sync(store, service).await?;
    finish_sync(store, service, started).await
}

/// Signs out: removes the token from the keychain and memory. The database
/// keeps its data and its waiting changes for the next sign-in.
///
/// # Errors
/// The keychain failed.
pub async fn sign_out(
    store: &Store,
    service: &SyncService,
    credentials: &dyn Credentials,
) -> Result<SyncStatus, IpcError> {
    if let Some(state) = store.sync_state().await? {
        credentials
            .delete(&state.identity.server_url, &state.identity.email)
            .map_err(|e| IpcError::Internal {
                message: format!("Could not remove the sign-in from the system keychain: {e}"),
                field: None,
            })?;
        tracing::info!(server = %state.identity.server_url, "signed out of sync");
    }
    {
        let mut inner = service.lock();
        inner.token = None;
        inner.last_error = None;
        inner.failures = 0;
    }
    status(store, service).await
}

/// The goal field a synced goal column is, when *keep mine* can write it.
fn goal_field(wire: &str) -> Option<GoalField> {
    let name = match wire {
        "unit_kind" => "unit",
        "start_date" => "start",
        "due_date" => "due",
        "cycle_id" => "cycle",
        "kpi_id" => "kpi",
        "owner_person_id" | "owner_unit_id" | "created_by" | "created_at" | "updated_at" => {
            return None
        }
        other => other,
    };
    name.parse().ok()
}

fn field_words(wire: &str) -> String {
    match wire {
        "due_date" => "due date".into(),
        "start_date" => "start date".into(),
        "unit_kind" => "unit".into(),
        "cycle_id" => "cycle".into(),
        "kpi_id" => "KPI".into(),
        other => other.replace('_', " "),
    }
}

fn value_words(v: &Value) -> String {
    match v {
        Value::Null => "nothing".into(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.as_f64().map_or_else(
            || n.to_string(),
            |f| {
                if f.fract() == 0.0 && f.abs() < 1e15 {
                    format!("{f:.0}")
                } else {
                    format!("{f}")
                }
            },
        ),
        other => other.to_string(),
    }
}

fn when_words(hlc: i64) -> String {
    Hlc::from_packed(hlc)
        .ok()
        .and_then(|h| DateTime::<Utc>::from_timestamp_millis(h.millis()))
        .map_or_else(
            || "at an unknown time".into(),
            |t| {
                t.with_timezone(&chrono::Local)
                    .format("%a %-d %b %H:%M")
                    .to_string()
            },
        )
}

async fn person_name(store: &Store, id: Option<&str>) -> Option<String> {
    let id: PersonId = id?.parse().ok()?;
    store
        .profile(id)
        .await
        .ok()
        .flatten()
        .map(|(name, _, _)| name)
}

/// Open conflicts, newest first, each told in one sentence from my side.
///
/// # Errors
/// The local database could not be read.
pub async fn conflicts(store: &Store) -> Result<Vec<ConflictView>, IpcError> {
    let me = store
        .sync_state()
        .await?
        .map(|s| s.identity.user_id.to_string());
    let mut out = Vec::new();
    for c in store.conflicts().await? {
        out.push(conflict_view(store, me.as_deref(), &c).await?);
    }
    Ok(out)
}

async fn conflict_view(
    store: &Store,
    me: Option<&str>,
    c: &ConflictRecord,
) -> Result<ConflictView, IpcError> {
    let goal_id: Option<GoalId> = c.goal_id.as_deref().and_then(|g| g.parse().ok());
    let goal_title = match goal_id {
        Some(g) => store.goal(g).await.ok().map(|g| g.title.clone()),
        None => None,
    };
    let mine_lost = me.is_some() && c.loser_person.as_deref() == me;
    let mine_won = me.is_some() && c.winner_person.as_deref() == me;
    let field = field_words(&c.field);
    let (mine, theirs, mine_hlc, their_hlc, their_person) = if mine_won && !mine_lost {
        (
            &c.winner_value,
            &c.loser_value,
            c.winner_hlc,
            c.loser_hlc,
            c.loser_person.as_deref(),
        )
    } else {
        (
            &c.loser_value,
            &c.winner_value,
            c.loser_hlc,
            c.winner_hlc,
            c.winner_person.as_deref(),
        )
    };
    let mut who = person_name(store, their_person).await;
    if who.is_none() {
        // The server did not say who: the revision that wrote the value does.
        if let (Some(g), Some(f)) = (goal_id, goal_field(&c.field)) {
            if let Ok(revisions) = store.revisions(g).await {
                let theirs_json = theirs.to_string();
                if let Some(r) = revisions.iter().rev().find(|r| {
                    r.field == f
                        && r.new_value == theirs_json
                        && Some(r.author.to_string().as_str()) != me
                }) {
                    who = person_name(store, Some(&r.author.to_string())).await;
                }
            }
        }
    }
    let who = who.map_or_else(|| "someone else's".to_owned(), |n| format!("{n}'s"));
    let on = goal_title
        .as_ref()
        .map(|t| format!(" on “{t}”"))
        .unwrap_or_default();
    let sentence = if mine_won && !mine_lost {
        format!(
            "Your {field} {} ({}) was kept{on}; {who} {} ({}) was superseded and stays in the history.",
            value_words(mine),
            when_words(mine_hlc),
            value_words(theirs),
            when_words(their_hlc)
        )
    } else {
        format!(
            "Your {field} {} (edited {}) was superseded by {who} {} ({}){on}.",
            value_words(mine),
            when_words(mine_hlc),
            value_words(theirs),
            when_words(their_hlc)
        )
    };
    Ok(ConflictView {
        id: c.id.clone(),
        goal_id,
        goal_title,
        field,
        sentence,
        mine: value_words(mine),
        theirs: value_words(theirs),
        mine_superseded: !mine_won || mine_lost,
        can_keep_mine: (!mine_won || mine_lost)
            && c.entity == "goal"
            && goal_id.is_some()
            && goal_field(&c.field).is_some(),
    })
}

/// *Keep mine*: writes my superseded value again (a new edit with a reason,
/// so it wins from now on and the history says why) and closes the conflict.
///
/// # Errors
/// An unknown conflict, one that cannot be kept from here, a value the goal
/// no longer accepts.
pub async fn keep_mine(store: &Store, id: &str) -> Result<(), IpcError> {
    let me = store.sync_state().await?.map(|s| s.identity.user_id);
    let record = store
        .conflicts()
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| IpcError::NotFound {
            message: "That conflict is no longer open.".into(),
            field: None,
        })?;
    let view = conflict_view(store, me.map(|m| m.to_string()).as_deref(), &record).await?;
    let (Some(goal), Some(field), true) =
        (view.goal_id, goal_field(&record.field), view.can_keep_mine)
    else {
        return Err(IpcError::Conflict {
            message: "This conflict cannot be undone from here; edit the goal instead.".into(),
            field: None,
        });
    };
    let author = me.ok_or_else(|| IpcError::Conflict {
        message: "This database is not connected to a server.".into(),
        field: None,
    })?;
    let mine = if view.mine_superseded {
        &record.loser_value
    } else {
        &record.winner_value
    };
    let change = FieldChange {
        field,
        value: mine.to_string(),
    };
    let now = Utc::now();
    let mut tx = store.begin_write().await?;
    tx.revise_goal(
        goal,
        &[change],
        author,
        "Kept my value after a sync conflict",
        now,
    )
    .await?;
    tx.dismiss_conflict(id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Closes a conflict (the kept value stays).
///
/// # Errors
/// The local database could not be written.
pub async fn dismiss_conflict(store: &Store, id: &str) -> Result<(), IpcError> {
    let mut tx = store.begin_write().await?;
    let done = tx.dismiss_conflict(id, Utc::now()).await?;
    tx.commit().await?;
    if done {
        Ok(())
    } else {
        Err(IpcError::NotFound {
            message: "That conflict is no longer open.".into(),
            field: None,
        })
    }
}

/// Changes the server refused, oldest first, in words.
///
/// # Errors
/// The local database could not be read.
pub async fn attention(store: &Store) -> Result<Vec<AttentionView>, IpcError> {
    let mut out: Vec<AttentionView> = Vec::new();
    let items = store.needs_attention().await?;
    // A goal edit travels as the goal op plus one revision op per field: one
    // change for the person, so the revisions join their goal's item.
    let mut goal_items: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let (revisions, others): (Vec<_>, Vec<_>) =
        items.into_iter().partition(|i| i.entity == "revision");
    for item in others.into_iter().chain(revisions) {
        if item.entity == "revision" {
            if let Some(&at) = item.fields["goal_id"]["value"]
                .as_str()
                .and_then(|g| goal_items.get(g))
            {
                out[at].op_ids.push(item.op_id);
                continue;
            }
        }
        if item.entity == "goal" {
            goal_items.insert(item.entity_id.clone(), out.len());
        }
        let goal_title = |id: &str| {
            let id: Option<GoalId> = id.parse().ok();
            async move {
                match id {
                    Some(g) => store.goal(g).await.ok().map(|g| g.title.clone()),
                    None => None,
                }
            }
        };
        let what = match item.entity.as_str() {
            "goal" => {
                let title = goal_title(&item.entity_id)
                    .await
                    .or_else(|| item.fields["title"]["value"].as_str().map(str::to_owned));
                let fields: Vec<String> = item
                    .fields
                    .as_object()
                    .map(|m| m.keys().map(|k| field_words(k)).collect())
                    .unwrap_or_default();
                match (item.kind.as_str(), title) {
                    ("create", Some(t)) => format!("The new goal “{t}”"),
                    (_, Some(t)) => format!("Your change to {} of “{t}”", fields.join(", ")),
                    _ => format!(
                        "Your change to {} of a goal no longer shared with you",
                        fields.join(", ")
                    ),
                }
            }
            "check_in" => {
                let goal = item.fields["goal_id"]["value"]
                    .as_str()
                    .map(str::to_owned)
                    .unwrap_or_default();
                match goal_title(&goal).await {
                    Some(t) => format!("Your check-in on “{t}”"),
                    None => "A check-in".into(),
                }
            }
            "alignment" => "An alignment between goals".into(),
            "revision" => {
                let goal = item.fields["goal_id"]["value"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                match goal_title(&goal).await {
                    Some(t) => format!("A change record on “{t}”"),
                    None => "A change record".into(),
                }
            }
            other => format!("A change ({})", other.replace('_', " ")),
        };
        out.push(AttentionView {
            op_ids: vec![item.op_id.clone()],
            op_id: item.op_id,
            what,
            reason: item.reason,
            code: item.code,
            rejected_at: item.rejected_at,
        });
    }
    Ok(out)
}

/// Marks a refused change as seen.
///
/// # Errors
/// An unknown item; the local database could not be written.
pub async fn dismiss_attention(store: &Store, op_id: &str) -> Result<(), IpcError> {
    let group = attention(store)
        .await?
        .into_iter()
        .find(|v| v.op_ids.iter().any(|o| o == op_id))
        .map_or_else(|| vec![op_id.to_owned()], |v| v.op_ids);
    let now = Utc::now();
    let mut tx = store.begin_write().await?;
    let mut done = false;
    for op in &group {
        done |= tx.dismiss_attention(op, now).await?;
    }
    tx.commit().await?;
    if done {
        Ok(())
    } else {
        Err(IpcError::NotFound {
            message: "That item is no longer open.".into(),
            field: None,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::NaiveDate;
    use stride_domain::{CheckInDraft, Goal, GoalDraft, Owner, UnitKind};
    use stride_protocol::Role;
    use stride_server::testing::PASSWORD;
    use stride_sync::MemoryCredentials;

    use super::*;

    /// The real server in-process over SQLite, stoppable and restartable on its port.
    struct Server {
        inner: stride_server::testing::TestServer,
        _dir: tempfile::TempDir,
    }

    impl std::ops::Deref for Server {
        type Target = stride_server::testing::TestServer;
        fn deref(&self) -> &Self::Target {
            &self.inner
        }
    }

    impl Server {
        async fn start() -> Self {
            let dir = tempfile::tempdir().unwrap();
            let inner = stride_server::testing::TestServer::start("stride_app_", dir.path())
                .await
                .unwrap();
            Self { inner, _dir: dir }
        }

        async fn stop(&mut self) {
            self.inner.stop().await;
        }

        async fn restart(&mut self) {
            self.inner.restart().await.unwrap();
        }

        async fn person(&self, name: &str, role: Role, manager: Option<&str>) -> String {
            self.inner.person(name, role, manager).await.unwrap().1
        }
    }

    /// One app: its own database, sync service and credentials.
    struct App {
        store: Store,
        service: SyncService,
        creds: MemoryCredentials,
        _dir: tempfile::TempDir,
    }

    impl App {
        async fn new() -> Self {
            let dir = tempfile::tempdir().unwrap();
            Self {
                store: Store::open(&dir.path().join("stride.db")).await.unwrap(),
                service: SyncService::default(),
                creds: MemoryCredentials::default(),
                _dir: dir,
            }
        }

        async fn signed_in(server: &Server, email: &str) -> Self {
            let app = Self::new().await;
            let status = app.sign_in(&server.base, email, PASSWORD).await.unwrap();
            assert_eq!(status.phase, SyncPhase::Idle, "{status:?}");
            app
        }

        async fn sign_in(
            &self,
            url: &str,
            email: &str,
            password: &str,
        ) -> Result<SyncStatus, IpcError> {
            sign_in(
                &self.store,
                &self.service,
                &self.creds,
                SignInInput {
                    server_url: url.into(),
                    email: email.into(),
                    password: password.into(),
                },
            )
            .await
        }

        async fn status(&self) -> SyncStatus {
            status(&self.store, &self.service).await.unwrap()
        }

        async fn sync(&self) -> Option<SyncReport> {
            sync_once(&self.store, &self.service).await
        }

        async fn me(&self) -> PersonId {
            self.store
                .sync_state()
                .await
                .unwrap()
                .unwrap()
                .identity
                .user_id
        }

        async fn create_goal(&self, title: &str) -> GoalId {
            let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
            let mut d =
                GoalDraft::new(Owner::Person(self.me().await), title, day(1, 1), day(6, 30));
            d.unit = UnitKind::Percent;
            d.baseline = Some(50.0);
            d.target = Some(60.0);
            let goal = Goal::new(d).unwrap();
            let mut tx = self.store.begin_write().await.unwrap();
            tx.insert_goals(
                std::slice::from_ref(&goal),
                Some(self.me().await),
                Utc::now(),
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
            goal.id
        }

        async fn check_in(&self, goal: GoalId, value: f64) {
            let mut tx = self.store.begin_write().await.unwrap();
            tx.add_check_in(
                CheckInDraft {
                    goal,
                    value: Some(value),
                    done: false,
                    confidence: Some(6),
                    note: "on the plane".into(),
                    blockers: String::new(),
                    effective: NaiveDate::from_ymd_opt(2026, 2, 1).unwrap(),
                    author: self.me().await,
                },
                Utc::now(),
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
        }

        async fn set_target(&self, goal: GoalId, target: &str) {
            let mut tx = self.store.begin_write().await.unwrap();
            tx.revise_goal(
                goal,
                &[FieldChange::from_input(GoalField::Target, target).unwrap()],
                self.me().await,
                "offline edit",
                Utc::now(),
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
        }

        async fn target(&self, goal: GoalId) -> Option<f64> {
            self.store.goal(goal).await.unwrap().target
        }
    }

    fn field(e: &IpcError) -> Option<&str> {
        match e {
            IpcError::InvalidInput { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    #[test]
    fn server_addresses_are_checked_with_the_reason() {
        assert_eq!(
            parse_server_url(" https://stride.example.com/ ").unwrap(),
            "https://stride.example.com"
        );
        assert_eq!(
            parse_server_url("http://127.0.0.1:8787").unwrap(),
            "http://127.0.0.1:8787"
        );
        assert_eq!(
            parse_server_url("https://example.com/stride").unwrap(),
            "https://example.com/stride"
        );
        for bad in [
            "stride.example.com",
            "ftp://x",
            "https://",
            "https://a b",
            "http://x:0",
            "http://x:99999",
            "http://x:port",
        ] {
            let e = parse_server_url(bad).unwrap_err();
            assert_eq!(field(&e), Some("serverUrl"), "{bad}: {e:?}");
        }
    }

    #[tokio::test]
    async fn the_sign_in_form_says_which_field_is_wrong() {
        let server = Server::start().await;
        let email = server.person("Rita", Role::Employee, None).await;
        let app = App::new().await;
        let e = app
            .sign_in(&server.base, "not-an-email", PASSWORD)
            .await
            .unwrap_err();
        assert_eq!(field(&e), Some("email"));
        let e = app.sign_in(&server.base, &email, "").await.unwrap_err();
        assert_eq!(field(&e), Some("password"));
        let e = app
            .sign_in(&server.base, &email, "wrong password")
            .await
            .unwrap_err();
        assert_eq!(field(&e), Some("password"), "{e:?}");
        assert!(e.to_string().contains("email or password is wrong"), "{e}");
        // A closed port: the address is at fault.
        let closed = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap()
        };
        let e = app
            .sign_in(&format!("http://{closed}"), &email, PASSWORD)
            .await
            .unwrap_err();
        assert_eq!(field(&e), Some("serverUrl"), "{e:?}");
        // Nothing was enabled by the failed attempts.
        assert_eq!(app.status().await.phase, SyncPhase::Off);
        assert!(app.store.sync_state().await.unwrap().is_none());
    }

    #[tokio::test]
    async fn a_database_with_a_local_organisation_is_not_mixed_into_a_servers() {
        let server = Server::start().await;
        let email = server.person("Rita", Role::Employee, None).await;
        let app = App::new().await;
        let options = stride_store::demo::DemoOptions::new(
            10,
            7,
            NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        );
        stride_store::demo::generate(&app.store, &options, &mut |_| {})
            .await
            .unwrap();
        let status = app.status().await;
        assert!(status.local_organisation);
        assert!(
            status.message.contains("new data folder"),
            "{}",
            status.message
        );
        let e = app
            .sign_in(&server.base, &email, PASSWORD)
            .await
            .unwrap_err();
        assert_eq!(e.code(), "conflict", "{e:?}");
        assert!(app.store.sync_state().await.unwrap().is_none());
    }

    #[tokio::test]
    async fn a_check_in_made_while_the_server_is_down_reaches_the_manager_and_the_status_says_so() {
        let mut server = Server::start().await;
        let manager_email = server.person("Maria", Role::Manager, None).await;
        let report_email = server
            .person("Rita", Role::Employee, Some(&manager_email))
            .await;
        let report = App::signed_in(&server, &report_email).await;
        assert_eq!(report.status().await.message, "Up to date.");
        // The account became "me" and the person row arrived.
        let me = report.me().await;
        assert_eq!(report.store.meta("me").await.unwrap(), Some(me.to_string()));
        assert!(report.store.profile(me).await.unwrap().is_some());
        let goal = report.create_goal("Close 12 deals").await;
        report.sync().await.unwrap();
        let manager = App::signed_in(&server, &manager_email).await;

        server.stop().await;
        report.check_in(goal, 55.0).await;
        assert!(report.sync().await.is_none());
        let s = report.status().await;
        assert_eq!(s.phase, SyncPhase::Offline, "{s:?}");
        assert_eq!(s.pending, 1);
        assert!(
            s.message.contains("Cannot reach") && s.message.contains("1 change wait"),
            "{}",
            s.message
        );
        assert!(report.service.next_pause(Duration::from_secs(30)) <= Duration::from_secs(30));

        server.restart().await;
        let r = report.sync().await.unwrap();
        assert_eq!(r.pushed, 1);
        let s = report.status().await;
        assert_eq!(
            (s.phase, s.pending, s.message.as_str()),
            (SyncPhase::Idle, 0, "Up to date.")
        );
        manager.sync().await.unwrap();
        let values: Vec<Option<f64>> = manager
            .store
            .check_ins(goal)
            .await
            .unwrap()
            .iter()
            .map(|c| c.value)
            .collect();
        assert_eq!(values, vec![Some(55.0)]);
    }

    #[tokio::test]
    async fn both_edit_a_target_offline_the_loser_reads_the_story_and_keeps_mine() {
        let server = Server::start().await;
        let manager_email = server.person("Maria", Role::Manager, None).await;
        let report_email = server
            .person("Rita", Role::Employee, Some(&manager_email))
            .await;
        let report = App::signed_in(&server, &report_email).await;
        let goal = report.create_goal("Raise NPS").await;
        report.sync().await.unwrap();
        let manager = App::signed_in(&server, &manager_email).await;

        report.set_target(goal, "70").await;
        manager.set_target(goal, "80").await; // later: wins
        report.sync().await.unwrap();
        manager.sync().await.unwrap();
        report.sync().await.unwrap();
        assert_eq!(report.target(goal).await, Some(80.0));
        assert_eq!(
            report.status().await.conflicts,
            1,
            "{:?}",
            report.store.conflicts().await
        );

        let views = conflicts(&report.store).await.unwrap();
        assert_eq!(views.len(), 1, "{views:?}");
        let v = &views[0];
        assert_eq!((v.mine.as_str(), v.theirs.as_str()), ("70", "80"));
        assert!(v.mine_superseded && v.can_keep_mine);
        assert!(
            v.sentence.starts_with("Your target 70 (edited ")
                && v.sentence.contains("was superseded by Maria's 80 ("),
            "{}",
            v.sentence
        );
        assert!(v.sentence.contains("“Raise NPS”"), "{}", v.sentence);
        // The manager sees the same conflict from the winning side.
        let theirs = conflicts(&manager.store).await.unwrap();
        assert_eq!(theirs.len(), 1, "{theirs:?}");
        assert!(!theirs[0].mine_superseded && !theirs[0].can_keep_mine);
        assert!(
            theirs[0].sentence.starts_with("Your target 80 ("),
            "{}",
            theirs[0].sentence
        );

        keep_mine(&report.store, &v.id).await.unwrap();
        assert_eq!(report.target(goal).await, Some(70.0));
        assert!(conflicts(&report.store).await.unwrap().is_empty());
        let revisions = report.store.revisions(goal).await.unwrap();
        assert_eq!(
            revisions.last().unwrap().reason,
            "Kept my value after a sync conflict"
        );
        // The goal edit and its revision record wait to be sent.
        assert_eq!(report.status().await.pending, 2);
        report.sync().await.unwrap();
        manager.sync().await.unwrap();
        assert_eq!(manager.target(goal).await, Some(70.0));
        // Both goal pages still read: the history branches but keeps its start.
        for app in [&report, &manager] {
            let detail = app
                .store
                .goal_detail(
                    goal,
                    chrono::Utc::now().date_naive(),
                    &stride_domain::StatusThresholds::default(),
                )
                .await
                .unwrap();
            assert_eq!(detail.original_target, Some(60.0));
            assert_eq!(detail.revisions.len(), 3, "70, 80 and kept 70");
        }
        assert!(
            conflicts(&report.store).await.unwrap().is_empty(),
            "an edit made after seeing the winner is no new conflict"
        );
        // Closed twice: the second time it is gone.
        let e = keep_mine(&report.store, &v.id).await.unwrap_err();
        assert_eq!(e.code(), "not_found");
        dismiss_conflict(&manager.store, &theirs[0].id)
            .await
            .unwrap();
        assert!(conflicts(&manager.store).await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn a_refused_change_needs_attention_in_words_until_dismissed() {
        let server = Server::start().await;
        let manager_email = server.person("Maria", Role::Manager, None).await;
        let report_email = server
            .person("Rita", Role::Employee, Some(&manager_email))
            .await;
        let report = App::signed_in(&server, &report_email).await;
        let goal = report.create_goal("Ship the beta").await;
        report.sync().await.unwrap();
        let manager = App::signed_in(&server, &manager_email).await;
        // Offline, the manager edits the report's goal; meanwhile the report
        // moves to no manager on the server: the edit is refused.
        manager.set_target(goal, "95").await;
        server.store.set_manager(&report_email, None).await.unwrap();
        manager.sync().await.unwrap();
        let s = manager.status().await;
        assert_eq!((s.needs_attention, s.pending), (1, 0), "{s:?}");
        let items = attention(&manager.store).await.unwrap();
        assert_eq!(items.len(), 1);
        assert!(items[0].what.contains("target"), "{}", items[0].what);
        assert!(
            ["not_found", "forbidden"].contains(&items[0].code.as_str()),
            "{:?}",
            items[0]
        );
        assert!(!items[0].reason.is_empty());
        dismiss_attention(&manager.store, &items[0].op_id)
            .await
            .unwrap();
        assert!(attention(&manager.store).await.unwrap().is_empty());
        assert_eq!(manager.status().await.needs_attention, 0);
        assert_eq!(
            dismiss_attention(&manager.store, &items[0].op_id)
                .await
                .unwrap_err()
                .code(),
            "not_found"
        );
    }

    #[tokio::test]
    async fn a_begun_sync_reads_syncing_and_is_not_begun_twice() {
        let server = Server::start().await;
        let email = server.person("Rita", Role::Employee, None).await;
        let app = App::signed_in(&server, &email).await;
        let started = start_sync(&app.store, &app.service).await.unwrap();
        let s = app.status().await;
        assert_eq!(
            (s.phase, s.message.as_str()),
            (SyncPhase::Syncing, "Syncing…")
        );
        assert!(
            start_sync(&app.store, &app.service).await.is_none(),
            "one sync at a time"
        );
        assert!(finish_sync(&app.store, &app.service, started)
            .await
            .is_some());
        assert_eq!(app.status().await.phase, SyncPhase::Idle);
    }

    #[tokio::test]
    async fn sign_out_removes_the_token_and_keeps_waiting_changes() {
        let server = Server::start().await;
        let email = server.person("Rita", Role::Employee, None).await;
        let app = App::signed_in(&server, &email).await;
        assert!(app.creds.read(&server.base, &email).unwrap().is_some());
        let goal = app.create_goal("Offline work").await;
        let _ = goal;
        let s = sign_out(&app.store, &app.service, &app.creds)
            .await
            .unwrap();
        assert_eq!(s.phase, SyncPhase::SignedOut);
        assert!(
            s.message.contains("Signed out of") && s.message.contains("1 change wait"),
            "{}",
            s.message
        );
        assert_eq!(app.creds.read(&server.base, &email).unwrap(), None);
        assert!(app.sync().await.is_none(), "no sync without a token");
        assert_eq!(app.status().await.pending, 1);
        // Signing in again sends what waited.
        let s = app.sign_in(&server.base, &email, PASSWORD).await.unwrap();
        assert_eq!((s.phase, s.pending), (SyncPhase::Idle, 0), "{s:?}");
        // Another account on the same database is refused.
        let other = server.person("Otto", Role::Employee, None).await;
        let e = app
            .sign_in(&server.base, &other, PASSWORD)
            .await
            .unwrap_err();
        assert_eq!(e.code(), "conflict", "{e:?}");
    }
}
