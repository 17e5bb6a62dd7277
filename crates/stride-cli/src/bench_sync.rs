//! `stride bench sync`: the real sync stack measured end to end, on SQLite
//! and (when given) PostgreSQL in one run.
//!
//! For each backend it starts `stride-server` in-process on `127.0.0.1:0`,
//! creates an organisation (a manager and a report), and then:
//!
//! 1. **baseline**: sequential `GET /healthz` round trips (HTTP plus one
//!    database read) through the same kind of client;
//! 2. **edit A → B**: the report revises a goal and syncs, the manager syncs
//!    and sees it (median of a few);
//! 3. **push**: the report's client database (a real `stride-store` file)
//!    writes N changes through the store's write path — a few goals, the rest
//!    check-ins — and the engine pushes the outbox; every push request is
//!    timed by a wrapping [`Transport`];
//! 4. **cold pull**: a fresh database of the manager runs its first sync
//!    (everything the manager may see, the report's N changes included);
//!    every pull page is timed.
//!
//! Figures are reported with their ratio to the baseline measured in the same
//! run (latencies ÷ the healthz latency at the same percentile, rates ÷
//! healthz round trips per second, totals ÷ one healthz round trip), so they
//! can be compared across machines.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use chrono::{NaiveDate, Utc};
use clap::Args;
use serde::Serialize;
use stride_domain::{
    CheckInDraft, FieldChange, Goal, GoalDraft, GoalField, GoalId, Owner, PersonId, UnitKind,
};
use stride_protocol::{
    PullRequest, PullResponse, PushRequest, PushResponse, Role, SignInRequest, SignInResponse,
};
use stride_store::Store;
use stride_sync::{Engine, HttpTransport, MemoryCredentials, SyncError, SyncReport, Transport};
use tokio::sync::oneshot;

use crate::CliError;

/// The environment variable naming a PostgreSQL server to measure too.
pub(crate) const POSTGRES_ENV: &str = "STRIDE_BENCH_POSTGRES";

/// Goals the report's changes are spread over (the rest are check-ins).
const GOALS: usize = 5;
/// Check-ins written per local transaction.
const WRITE_BATCH: usize = 1000;
/// Edits timed from device A to device B.
const EDITS: usize = 5;
/// The benchmark accounts' password.
const PASSWORD: &str = "bench-password-123";

#[derive(Args)]
pub(crate) struct SyncBenchArgs {
    /// Changes the report's device writes and pushes (a few goals, the rest check-ins).
    #[arg(long, default_value_t = 100_000)]
    changes: usize,
    /// Also measure on this PostgreSQL database (or set STRIDE_BENCH_POSTGRES); use an empty one.
    #[arg(long)]
    postgres: Option<String>,
    /// Sequential /healthz round trips of the baseline.
    #[arg(long, default_value_t = 300)]
    baseline_requests: usize,
    /// Also write the JSON report to this file (the table still goes to stdout).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Print JSON instead of the table.
    #[arg(long)]
    json: bool,
}

/// Latency percentiles in milliseconds.
#[derive(Debug, Clone, Copy, Default, Serialize)]
struct Latency {
    samples: usize,
    p50_ms: f64,
    p95_ms: f64,
    p99_ms: f64,
    mean_ms: f64,
}

/// The nearest-rank percentile `p` (0–100) of sorted samples.
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

impl Latency {
    fn of(mut xs: Vec<Duration>) -> Self {
        xs.sort();
        let total: Duration = xs.iter().sum();
        #[allow(clippy::cast_precision_loss)]
        let mean_ms = if xs.is_empty() {
            0.0
        } else {
            ms(total) / xs.len() as f64
        };
        Self {
            samples: xs.len(),
            p50_ms: ms(percentile(&xs, 50.0)),
            p95_ms: ms(percentile(&xs, 95.0)),
            p99_ms: ms(percentile(&xs, 99.0)),
            mean_ms,
        }
    }
}

/// Per-second rate of `n` items in `d`.
fn rate(n: u64, d: Duration) -> f64 {
    let secs = d.as_secs_f64();
    #[allow(clippy::cast_precision_loss)]
    if secs > 0.0 {
        n as f64 / secs
    } else {
        0.0
    }
}

/// A transport that times every push and pull request of the wrapped one.
struct Timed<T> {
    inner: T,
    pushes: Mutex<Vec<Duration>>,
    push_bytes: AtomicU64,
    pulls: Mutex<Vec<Duration>>,
}

impl<T> Timed<T> {
    fn new(inner: T) -> Self {
        Self {
            inner,
            pushes: Mutex::default(),
            push_bytes: AtomicU64::new(0),
            pulls: Mutex::default(),
        }
    }

    /// Takes the recorded timings (and pushed body bytes), leaving none.
    fn take(&self) -> (Vec<Duration>, Vec<Duration>, u64) {
        let lock = |m: &Mutex<Vec<Duration>>| {
            std::mem::take(&mut *m.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
        };
        (
            lock(&self.pushes),
            lock(&self.pulls),
            self.push_bytes.swap(0, Ordering::Relaxed),
        )
    }
}

fn record(m: &Mutex<Vec<Duration>>, d: Duration) {
    m.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push(d);
}

#[async_trait]
impl<T: Transport> Transport for Timed<T> {
    async fn sign_in(&self, req: &SignInRequest) -> stride_sync::Result<SignInResponse> {
        self.inner.sign_in(req).await
    }

    async fn push(&self, token: &str, req: &PushRequest) -> stride_sync::Result<PushResponse> {
        // The body size is measured outside the timed call.
        let bytes = serde_json::to_vec(req).map_or(0, |b| b.len() as u64);
        self.push_bytes.fetch_add(bytes, Ordering::Relaxed);
        let start = Instant::now();
        let out = self.inner.push(token, req).await;
        record(&self.pushes, start.elapsed());
        out
    }

    async fn pull(&self, token: &str, req: &PullRequest) -> stride_sync::Result<PullResponse> {
        let start = Instant::now();
        let out = self.inner.pull(token, req).await;
        record(&self.pulls, start.elapsed());
        out
    }
}

/// The in-process server, stopped on drop.
struct Server {
    base: String,
    store: stride_server::DynStore,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Server {
    async fn start(url: &str) -> Result<Self, CliError> {
        let store = stride_server::open(url)
            .await
            .map_err(|e| CliError::Other(format!("cannot open the server database: {e}")))?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| CliError::Other(format!("cannot listen on 127.0.0.1: {e}")))?;
        let addr = listener
            .local_addr()
            .map_err(|e| CliError::Other(e.to_string()))?;
        let state = stride_server::AppState::new(store.clone(), stride_server::Settings::default());
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let stopped = stride_server::launch(state, listener, async {
                let _ = rx.await;
            })
            .await;
            if let Err(e) = stopped {
                tracing::error!(error = %e, "the benchmark server stopped");
            }
        });
        Ok(Self {
            base: format!("http://{addr}"),
            store,
            shutdown: Some(tx),
            task: Some(task),
        })
    }

    async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = tokio::time::timeout(Duration::from_secs(10), task).await;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// One client device: its own SQLite file and a timed engine, signed in.
struct Device {
    engine: Engine<Timed<HttpTransport>>,
    token: String,
    me: PersonId,
}

impl Device {
    async fn new(server: &Server, email: &str, file: PathBuf) -> Result<Self, CliError> {
        let store = Store::open(&file).await?;
        let transport = Timed::new(HttpTransport::new(&server.base)?);
        let engine = Engine::new(store, transport);
        let token = engine
            .connect(
                &MemoryCredentials::default(),
                &server.base,
                Some(email),
                &mut || Ok(PASSWORD.to_owned()),
            )
            .await?;
        let me = engine
            .store()
            .sync_state()
            .await?
            .ok_or(SyncError::NotEnabled)?
            .identity
            .user_id;
        Ok(Self { engine, token, me })
    }

    fn store(&self) -> &Store {
        self.engine.store()
    }

    async fn sync(&self) -> Result<SyncReport, CliError> {
        Ok(self.engine.sync(&self.token).await?)
    }

    async fn close(self) {
        self.engine.store().clone().close().await;
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn goal_for(owner: PersonId, title: &str) -> Result<Goal, CliError> {
    let mut d = GoalDraft::new(
        Owner::Person(owner),
        title,
        day(2026, 1, 1),
        day(2026, 12, 31),
    );
    d.unit = UnitKind::Percent;
    d.baseline = Some(0.0);
    d.target = Some(100.0);
    Ok(Goal::new(d)?)
}

/// Writes `changes` changes on the device (goals first, then check-ins spread
/// over them) through the store's write path; returns how long it took.
async fn write_changes(device: &Device, changes: usize) -> Result<Duration, CliError> {
    let start = Instant::now();
    let goals: Vec<Goal> = (0..GOALS.min(changes))
        .map(|i| goal_for(device.me, &format!("Benchmark goal {}", i + 1)))
        .collect::<Result<_, _>>()?;
    let ids: Vec<GoalId> = goals.iter().map(|g| g.id).collect();
    let mut tx = device.store().begin_write().await?;
    tx.insert_goals(&goals, Some(device.me), Utc::now()).await?;
    tx.commit().await?;
    let check_ins = changes - goals.len();
    let mut written = 0;
    while written < check_ins {
        let mut tx = device.store().begin_write().await?;
        let end = (written + WRITE_BATCH).min(check_ins);
        for i in written..end {
            #[allow(clippy::cast_precision_loss)]
            let value = (i % 100) as f64;
            #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
            let days = (i % 365) as i64;
            tx.add_check_in(
                CheckInDraft {
                    goal: ids[i % ids.len()],
                    value: Some(value),
                    done: false,
                    confidence: Some(7),
                    note: format!("benchmark check-in {i}"),
                    blockers: String::new(),
                    effective: day(2026, 1, 1) + chrono::Duration::days(days),
                    author: device.me,
                },
                Utc::now(),
            )
            .await?;
        }
        tx.commit().await?;
        written = end;
        if written % 20_000 == 0 {
            eprintln!("  wrote {written} / {check_ins} check-ins");
        }
    }
    Ok(start.elapsed())
}

/// The sequential `/healthz` round trips of the baseline.
async fn healthz_baseline(base: &str, requests: usize) -> Result<(Latency, f64), CliError> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| CliError::Other(e.to_string()))?;
    let url = format!("{base}/healthz");
    let mut times = Vec::with_capacity(requests);
    for i in 0..=requests {
        let start = Instant::now();
        let resp = client
            .get(&url)
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(|e| CliError::Other(format!("healthz: {e}")))?;
        resp.bytes()
            .await
            .map_err(|e| CliError::Other(format!("healthz: {e}")))?;
        if i > 0 {
            // The first opens the connection.
            times.push(start.elapsed());
        }
    }
    let total: Duration = times.iter().sum();
    let per_s = rate(times.len() as u64, total);
    Ok((Latency::of(times), per_s))
}

/// Everything measured on one backend.
#[derive(Debug, Clone, Serialize)]
struct BackendReport {
    backend: &'static str,
    changes: usize,
    baseline: Baseline,
    local_writes: Phase,
    push: Push,
    cold_pull: Pull,
    edit_a_to_b: Latency,
}

#[derive(Debug, Clone, Serialize)]
struct Baseline {
    healthz: Latency,
    healthz_per_s: f64,
}

#[derive(Debug, Clone, Serialize)]
struct Phase {
    items: u64,
    seconds: f64,
    per_s: f64,
}

#[derive(Debug, Clone, Serialize)]
struct Push {
    ops: u64,
    rejected: u64,
    seconds: f64,
    ops_per_s: f64,
    requests: Latency,
    batch: usize,
    bytes_per_op: f64,
}

#[derive(Debug, Clone, Serialize)]
struct Pull {
    rows: u64,
    pages: u64,
    /// The fresh client's whole first sync (push nothing, pull to the head).
    cold_sync_seconds: f64,
    rows_per_s: f64,
    requests: Latency,
    page_limit: u32,
}

/// Runs the whole benchmark on the server database at `url`.
async fn measure(
    backend: &'static str,
    url: &str,
    changes: usize,
    baseline_requests: usize,
    dir: &std::path::Path,
) -> Result<BackendReport, CliError> {
    eprintln!("{backend}: starting the server");
    let server = Server::start(url).await?;
    // Unique accounts and unit, so a reused database does not collide.
    let run = uuid_like();
    let unit = format!("Bench {run}");
    let maria = format!("maria.{run}@bench.example.com");
    let omar = format!("omar.{run}@bench.example.com");
    for (name, email, role, manager) in [
        ("Maria Bench", &maria, Role::Manager, None),
        ("Omar Bench", &omar, Role::Employee, Some(maria.as_str())),
    ] {
        stride_server::admin::create_user(
            &server.store,
            name,
            email,
            role,
            "",
            Some(&unit),
            manager,
            Some(PASSWORD),
        )
        .await
        .map_err(|e| CliError::Other(format!("cannot create {email}: {e}")))?;
    }

    eprintln!("{backend}: baseline ({baseline_requests} × GET /healthz)");
    let (healthz, healthz_per_s) = healthz_baseline(&server.base, baseline_requests).await?;

    let report = Device::new(&server, &omar, dir.join(format!("{backend}-report.db"))).await?;
    let manager = Device::new(&server, &maria, dir.join(format!("{backend}-manager.db"))).await?;
    report.sync().await?;
    manager.sync().await?;

    eprintln!("{backend}: edit on A → visible on B ({EDITS} edits)");
    let probe = goal_for(report.me, "Latency probe")?;
    let mut tx = report.store().begin_write().await?;
    tx.insert_goals(std::slice::from_ref(&probe), Some(report.me), Utc::now())
        .await?;
    tx.commit().await?;
    report.sync().await?;
    manager.sync().await?;
    let mut edits = Vec::with_capacity(EDITS);
    for i in 0..EDITS {
        let target = format!("{}", 90 + i);
        let start = Instant::now();
        let mut tx = report.store().begin_write().await?;
        tx.revise_goal(
            probe.id,
            &[FieldChange::from_input(GoalField::Target, &target)?],
            report.me,
            "benchmark edit",
            Utc::now(),
        )
        .await?;
        tx.commit().await?;
        report.sync().await?;
        manager.sync().await?;
        edits.push(start.elapsed());
        #[allow(clippy::cast_precision_loss)]
        let expected = (90 + i) as f64;
        let seen = manager.store().goal(probe.id).await?.target;
        if seen != Some(expected) {
            return Err(CliError::Other(format!(
                "{backend}: the manager sees target {seen:?} after edit {i}, expected {expected}"
            )));
        }
    }
    manager.close().await;
    report.engine.transport().take();

    eprintln!("{backend}: writing {changes} changes on the report's device");
    let wrote = write_changes(&report, changes).await?;
    let pending = report.store().sync_counts().await?.pending;

    eprintln!("{backend}: pushing {pending} ops");
    let mut pushed = SyncReport::default();
    let start = Instant::now();
    report.engine.push_all(&report.token, &mut pushed).await?;
    let push_time = start.elapsed();
    let (push_times, _, push_bytes) = report.engine.transport().take();
    report.close().await;

    eprintln!("{backend}: cold first sync of a fresh manager device");
    let fresh = Device::new(&server, &maria, dir.join(format!("{backend}-cold.db"))).await?;
    fresh.engine.transport().take();
    let start = Instant::now();
    let cold = fresh.sync().await?;
    let cold_time = start.elapsed();
    let (_, pull_times, _) = fresh.engine.transport().take();
    fresh.close().await;
    server.stop().await;

    let config = stride_sync::Config::default();
    #[allow(clippy::cast_precision_loss)]
    let bytes_per_op = if pushed.pushed == 0 {
        0.0
    } else {
        push_bytes as f64 / pushed.pushed as f64
    };
    Ok(BackendReport {
        backend,
        changes,
        baseline: Baseline {
            healthz,
            healthz_per_s,
        },
        local_writes: Phase {
            items: u64::try_from(pending).unwrap_or(0),
            seconds: wrote.as_secs_f64(),
            per_s: rate(u64::try_from(pending).unwrap_or(0), wrote),
        },
        push: Push {
            ops: pushed.pushed,
            rejected: pushed.rejected,
            seconds: push_time.as_secs_f64(),
            ops_per_s: rate(pushed.pushed, push_time),
            requests: Latency::of(push_times),
            batch: config.push_batch,
            bytes_per_op,
        },
        cold_pull: Pull {
            rows: cold.pulled,
            pages: cold.pages,
            cold_sync_seconds: cold_time.as_secs_f64(),
            rows_per_s: rate(cold.pulled, cold_time),
            requests: Latency::of(pull_times),
            page_limit: config.pull_limit,
        },
        edit_a_to_b: Latency::of(edits),
    })
}

/// A short unique tag for this run's accounts.
fn uuid_like() -> String {
    let nanos = Utc::now().timestamp_nanos_opt().unwrap_or_default();
    format!("{:x}{:x}", nanos, std::process::id())
}

/// One row of the table: metric, value, unit, ratio to the baseline.
fn rows(r: &BackendReport) -> Vec<(String, f64, &'static str, Option<f64>)> {
    let b = &r.baseline.healthz;
    let per = |x: f64, base: f64| (base > 0.0).then(|| x / base);
    let mut out = vec![
        (
            "baseline: healthz round trips/s".into(),
            r.baseline.healthz_per_s,
            "/s",
            Some(1.0),
        ),
        ("baseline: healthz p50".into(), b.p50_ms, "ms", Some(1.0)),
        ("baseline: healthz p95".into(), b.p95_ms, "ms", Some(1.0)),
        ("baseline: healthz p99".into(), b.p99_ms, "ms", Some(1.0)),
        (
            "local writes (store → outbox)".into(),
            r.local_writes.per_s,
            "ops/s",
            None,
        ),
        (
            "push".into(),
            r.push.ops_per_s,
            "ops/s",
            per(r.push.ops_per_s, r.baseline.healthz_per_s),
        ),
    ];
    let p = &r.push.requests;
    let batch = r.push.batch;
    out.extend([
        (
            format!("push request p50 ({batch} ops)"),
            p.p50_ms,
            "ms",
            per(p.p50_ms, b.p50_ms),
        ),
        (
            format!("push request p95 ({batch} ops)"),
            p.p95_ms,
            "ms",
            per(p.p95_ms, b.p95_ms),
        ),
        (
            format!("push request p99 ({batch} ops)"),
            p.p99_ms,
            "ms",
            per(p.p99_ms, b.p99_ms),
        ),
        ("push bytes per op".into(), r.push.bytes_per_op, "B", None),
        (
            "cold pull".into(),
            r.cold_pull.rows_per_s,
            "rows/s",
            per(r.cold_pull.rows_per_s, r.baseline.healthz_per_s),
        ),
    ]);
    let q = &r.cold_pull.requests;
    let limit = r.cold_pull.page_limit;
    out.extend([
        (
            format!("pull page p50 (≤{limit} rows)"),
            q.p50_ms,
            "ms",
            per(q.p50_ms, b.p50_ms),
        ),
        (
            format!("pull page p95 (≤{limit} rows)"),
            q.p95_ms,
            "ms",
            per(q.p95_ms, b.p95_ms),
        ),
        (
            format!("pull page p99 (≤{limit} rows)"),
            q.p99_ms,
            "ms",
            per(q.p99_ms, b.p99_ms),
        ),
        (
            format!("cold sync of {} rows (whole first sync)", r.cold_pull.rows),
            r.cold_pull.cold_sync_seconds,
            "s",
            per(r.cold_pull.cold_sync_seconds * 1e3, b.mean_ms),
        ),
        (
            format!("edit A → B median (of {})", r.edit_a_to_b.samples),
            r.edit_a_to_b.p50_ms,
            "ms",
            per(r.edit_a_to_b.p50_ms, b.p50_ms),
        ),
    ]);
    out
}

fn table(reports: &[BackendReport]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "ratios against GET /healthz measured in the same run: latencies ÷ healthz at the same \
         percentile, rates ÷ healthz round trips/s, totals ÷ the mean healthz round trip"
    );
    let _ = writeln!(
        out,
        "{:<10} {:<42} {:>14} {:<7} {:>10}",
        "backend", "metric", "value", "unit", "ratio"
    );
    for r in reports {
        for (metric, value, unit, ratio) in rows(r) {
            let value = if value >= 100.0 {
                format!("{value:.0}")
            } else {
                format!("{value:.2}")
            };
            let ratio = ratio.map_or("—".to_owned(), |x| {
                if x >= 100.0 {
                    format!("{x:.0}×")
                } else {
                    format!("{x:.2}×")
                }
            });
            let _ = writeln!(
                out,
                "{:<10} {:<42} {:>14} {:<7} {:>10}",
                r.backend, metric, value, unit, ratio
            );
        }
        let _ = writeln!(
            out,
            "{:<10} pushed {} (rejected {}), pulled {} in {} pages",
            r.backend, r.push.ops, r.push.rejected, r.cold_pull.rows, r.cold_pull.pages
        );
    }
    out.trim_end().to_owned()
}

pub(crate) async fn bench_sync(args: SyncBenchArgs) -> Result<String, CliError> {
    if args.changes == 0 {
        return Err(CliError::Input("--changes: needs at least 1".into()));
    }
    if args.baseline_requests == 0 {
        return Err(CliError::Input(
            "--baseline-requests: needs at least 1".into(),
        ));
    }
    let postgres = args
        .postgres
        .clone()
        .or_else(|| std::env::var(POSTGRES_ENV).ok())
        .filter(|u| !u.trim().is_empty());
    if let Some(url) = &postgres {
        if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            return Err(CliError::Input(format!(
                "--postgres: `{url}` is not a postgres:// URL"
            )));
        }
    }
    let dir = tempfile::tempdir()
        .map_err(|e| CliError::Other(format!("cannot make a temporary folder: {e}")))?;
    let started = Instant::now();
    let mut reports = Vec::new();
    let sqlite_url = dir.path().join("server.db").to_string_lossy().into_owned();
    reports.push(
        measure(
            "sqlite",
            &sqlite_url,
            args.changes,
            args.baseline_requests,
            dir.path(),
        )
        .await?,
    );
    if let Some(url) = &postgres {
        reports.push(
            measure(
                "postgres",
                url,
                args.changes,
                args.baseline_requests,
                dir.path(),
            )
            .await?,
        );
    }
    let json = serde_json::json!({
        "changes": args.changes,
        "seconds": started.elapsed().as_secs_f64(),
        "push_batch": stride_sync::Config::default().push_batch,
        "pull_limit": stride_sync::Config::default().pull_limit,
        "baseline_requests": args.baseline_requests,
        "backends": reports,
    });
    let json_text =
        serde_json::to_string_pretty(&json).map_err(|e| CliError::Other(e.to_string()))?;
    if let Some(out) = &args.out {
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|e| CliError::Other(format!("cannot create {}: {e}", parent.display())))?;
        }
        std::fs::write(out, &json_text)
            .map_err(|e| CliError::Other(format!("cannot write {}: {e}", out.display())))?;
    }
    if args.json {
        return Ok(json_text);
    }
    Ok(table(&reports))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let xs: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&xs, 50.0), Duration::from_millis(50));
        assert_eq!(percentile(&xs, 95.0), Duration::from_millis(95));
        assert_eq!(percentile(&xs, 99.0), Duration::from_millis(99));
        assert_eq!(percentile(&xs, 100.0), Duration::from_millis(100));
        assert_eq!(percentile(&xs[..1], 95.0), Duration::from_millis(1));
        assert_eq!(percentile(&[], 95.0), Duration::ZERO);
    }

    #[test]
    fn latency_summary_in_milliseconds() {
        let l = Latency::of(vec![
            Duration::from_millis(3),
            Duration::from_millis(1),
            Duration::from_millis(2),
        ]);
        assert_eq!(l.samples, 3);
        assert!((l.p50_ms - 2.0).abs() < 1e-9);
        assert!((l.p95_ms - 3.0).abs() < 1e-9);
        assert!((l.mean_ms - 2.0).abs() < 1e-9);
        assert!((rate(10, Duration::from_secs(2)) - 5.0).abs() < 1e-9);
        assert!(rate(10, Duration::ZERO).abs() < 1e-9);
    }
}
