//! The real stack for the sync suite: `stride-server` in-process on a port
//! (SQLite in a temp dir, or a fresh PostgreSQL database when
//! `STRIDE_TEST_PG_URL` is set), and client engines over their own SQLite
//! files talking real HTTP through the fault-injecting transport.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::time::Duration;

use chrono::{NaiveDate, Utc};
use stride_domain::{CheckInDraft, Goal, GoalDraft, GoalId, Owner, PersonId, UnitKind};
use stride_protocol::Role;
use stride_store::Store;
use stride_sync::{Config, Engine, FaultyTransport, HttpTransport, MemoryCredentials, SyncReport};

pub use stride_server::testing::PASSWORD;

/// The real server in-process (`stride_server::testing::TestServer`) with
/// the temp folder its SQLite file lives in.
pub struct Server {
    inner: stride_server::testing::TestServer,
    dir: tempfile::TempDir,
}

impl std::ops::Deref for Server {
    type Target = stride_server::testing::TestServer;
    fn deref(&self) -> &Self::Target {
        &self.inner
    }
}

impl Server {
    pub async fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let inner = stride_server::testing::TestServer::start("stride_sync_", dir.path())
            .await
            .unwrap();
        Self { inner, dir }
    }

    /// Stops serving (requests fail with a connection error until `restart`).
    pub async fn stop(&mut self) {
        self.inner.stop().await;
    }

    /// A new server process: reopens the same database and listens on the same port.
    pub async fn restart(&mut self) {
        self.inner.restart().await.unwrap();
    }

    pub async fn person(
        &self,
        name: &str,
        role: Role,
        manager: Option<&str>,
    ) -> (PersonId, String) {
        let (id, email) = self.inner.person(name, role, manager).await.unwrap();
        (PersonId::from_uuid(id), email)
    }

    pub fn dir(&self) -> &std::path::Path {
        self.dir.path()
    }
}

pub type TestEngine = Engine<FaultyTransport<HttpTransport>>;

/// One device: its own SQLite file and engine, signed in.
pub struct Device {
    pub engine: TestEngine,
    pub token: String,
    pub me: PersonId,
    _dir: tempfile::TempDir,
}

pub fn test_config(pull_limit: u32) -> Config {
    Config {
        push_batch: 50,
        pull_limit,
        retries: 3,
        backoff_base: Duration::from_millis(5),
        backoff_max: Duration::from_millis(40),
    }
}

impl Device {
    pub async fn new(server: &Server, email: &str) -> Self {
        Self::with_config(server, email, test_config(500)).await
    }

    pub async fn with_config(server: &Server, email: &str, config: Config) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("client.db")).await.unwrap();
        // No idle keep-alive connections, so a stopped server really is gone.
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(0)
            .timeout(Duration::from_secs(20))
            .build()
            .unwrap();
        let transport = FaultyTransport::new(HttpTransport::with_client(&server.base, client));
        let engine = Engine::with_config(store, transport, config);
        let creds = MemoryCredentials::default();
        let token = engine
            .connect(&creds, &server.base, Some(email), &mut || {
                Ok(PASSWORD.to_owned())
            })
            .await
            .unwrap();
        let me = engine
            .store()
            .sync_state()
            .await
            .unwrap()
            .unwrap()
            .identity
            .user_id;
        Self {
            engine,
            token,
            me,
            _dir: dir,
        }
    }

    pub fn store(&self) -> &Store {
        self.engine.store()
    }

    pub fn faults(&self) -> &FaultyTransport<HttpTransport> {
        self.engine.transport()
    }

    pub async fn sync(&self) -> SyncReport {
        self.engine.sync(&self.token).await.unwrap()
    }

    /// Creates a goal owned by `owner` locally (lands in the outbox).
    pub async fn create_goal(&self, owner: PersonId, title: &str) -> GoalId {
        let mut d = GoalDraft::new(
            Owner::Person(owner),
            title,
            day(2026, 1, 1),
            day(2026, 6, 30),
        );
        d.unit = UnitKind::Percent;
        d.baseline = Some(50.0);
        d.target = Some(70.0);
        let goal = Goal::new(d).unwrap();
        let mut tx = self.store().begin_write().await.unwrap();
        tx.insert_goals(std::slice::from_ref(&goal), Some(self.me), Utc::now())
            .await
            .unwrap();
        tx.commit().await.unwrap();
        goal.id
    }

    pub async fn check_in(&self, goal: GoalId, value: f64) {
        let mut tx = self.store().begin_write().await.unwrap();
        tx.add_check_in(
            CheckInDraft {
                goal,
                value: Some(value),
                done: false,
                confidence: Some(7),
                note: format!("value {value}"),
                blockers: String::new(),
                effective: day(2026, 2, 1),
                author: self.me,
            },
            Utc::now(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }

    pub async fn set_target(&self, goal: GoalId, target: &str) {
        let mut tx = self.store().begin_write().await.unwrap();
        tx.revise_goal(
            goal,
            &[
                stride_domain::FieldChange::from_input(stride_domain::GoalField::Target, target)
                    .unwrap(),
            ],
            self.me,
            "offline edit",
            Utc::now(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }

    pub async fn check_in_values(&self, goal: GoalId) -> Vec<f64> {
        let mut v: Vec<f64> = self
            .store()
            .check_ins(goal)
            .await
            .unwrap()
            .iter()
            .filter_map(|c| c.value)
            .collect();
        v.sort_by(f64::total_cmp);
        v
    }

    /// What the local database holds of the synced tables, in a comparable form.
    pub async fn fingerprint(&self) -> String {
        stride_store::sqlx::query_scalar(
            "SELECT (SELECT group_concat(id || '=' || title || '/' || coalesce(target, ''), ',') FROM (SELECT * FROM goals ORDER BY id)) \
             || '|' || (SELECT group_concat(id || '=' || coalesce(value, ''), ',') FROM (SELECT * FROM checkins ORDER BY id)) \
             || '|' || (SELECT group_concat(id || '=' || email || '/' || coalesce(manager_id, ''), ',') FROM (SELECT * FROM people ORDER BY id)) \
             || '|' || (SELECT count(*) FROM org_units) || '|' || (SELECT count(*) FROM revisions)",
        )
        .fetch_one(self.store().reader())
        .await
        .unwrap()
    }
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}
