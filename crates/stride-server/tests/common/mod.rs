//! Test harness: an in-process server on port 0 over a temp SQLite file, or
//! over a fresh PostgreSQL database when `STRIDE_TEST_PG_URL` is set, and a
//! real HTTP client.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::collections::BTreeMap;

use serde_json::{json, Value};
use stride_protocol::{DeviceId, EntityKind, FieldValue, Hlc, Op, OpId, OpKind, Role};
use stride_server::store::NewPerson;
use stride_server::{AppState, DynStore, Settings};
use tokio::sync::oneshot;
use uuid::Uuid;

pub use stride_server::testing::PASSWORD;

fn password_hash() -> String {
    stride_server::testing::password_hash().unwrap()
}

/// A database URL for one test: a fresh PostgreSQL database, or a temp SQLite file.
async fn fresh_database() -> (String, Option<tempfile::TempDir>) {
    let dir = tempfile::tempdir().unwrap();
    let url = stride_server::testing::fresh_database("stride_t_", dir.path())
        .await
        .unwrap();
    (url, (!stride_server::testing::on_postgres()).then_some(dir))
}

pub struct TestServer {
    pub base: String,
    pub store: DynStore,
    pub state: AppState,
    shutdown: Option<oneshot::Sender<()>>,
    _dir: Option<tempfile::TempDir>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

pub struct User {
    pub id: Uuid,
    pub email: String,
    pub client: Client,
    pub device: Device,
}

impl TestServer {
    pub async fn start() -> Self {
        Self::start_with(Settings::default()).await
    }

    pub async fn start_with(settings: Settings) -> Self {
        let (url, dir) = fresh_database().await;
        let store = stride_server::open(&url).await.unwrap();
        let state = AppState::new(store.clone(), settings);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = oneshot::channel::<()>();
        tokio::spawn(stride_server::launch(state.clone(), listener, async {
            let _ = rx.await;
        }));
        Self {
            base: format!("http://{addr}"),
            store,
            state,
            shutdown: Some(tx),
            _dir: dir,
        }
    }

    pub fn anonymous(&self) -> Client {
        Client {
            http: reqwest::Client::new(),
            base: self.base.clone(),
            token: None,
        }
    }

    /// Creates a person with an account (not signed in).
    pub async fn person(&self, name: &str, role: Role, manager: Option<&str>) -> (Uuid, String) {
        let email = format!("{}@example.com", name.to_lowercase());
        let id = self
            .store
            .create_person(
                NewPerson {
                    name: name.to_owned(),
                    email: email.clone(),
                    title: String::new(),
                    role,
                    unit: None,
                    manager_email: manager.map(str::to_owned),
                },
                Some(password_hash()),
                chrono::Utc::now(),
            )
            .await
            .unwrap();
        (id, email)
    }

    /// Creates and signs in a person.
    pub async fn user(&self, name: &str, role: Role, manager: Option<&str>) -> User {
        let (id, email) = self.person(name, role, manager).await;
        let client = self.sign_in(&email).await;
        User {
            id,
            email,
            client,
            device: Device::new(),
        }
    }

    pub async fn sign_in(&self, email: &str) -> Client {
        let mut c = self.anonymous();
        let (status, body) = c
            .post(
                "/api/v1/auth/sign-in",
                &json!({"email": email, "password": PASSWORD}),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        c.token = Some(body["token"].as_str().unwrap().to_owned());
        c
    }
}

#[derive(Clone)]
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
    pub token: Option<String>,
}

impl Client {
    fn auth(&self, rb: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.token {
            Some(t) => rb.bearer_auth(t),
            None => rb,
        }
    }

    async fn finish(rb: reqwest::RequestBuilder) -> (u16, Value) {
        let resp = rb.send().await.unwrap();
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap();
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON ({status}): {text}"))
        };
        (status, body)
    }

    pub async fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        let rb = self.http.post(format!("{}{path}", self.base)).json(body);
        Self::finish(self.auth(rb)).await
    }

    pub async fn post_raw(&self, path: &str, content_type: &str, body: Vec<u8>) -> (u16, Value) {
        let rb = self
            .http
            .post(format!("{}{path}", self.base))
            .header("content-type", content_type)
            .body(body);
        Self::finish(self.auth(rb)).await
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        let rb = self.http.get(format!("{}{path}", self.base));
        Self::finish(self.auth(rb)).await
    }

    pub async fn push(&self, device: DeviceId, ops: &[Op]) -> (u16, Value) {
        self.post(
            "/api/v1/sync/push",
            &json!({"device_id": device, "schema_version": 1, "ops": ops}),
        )
        .await
    }

    /// Pushes and returns the results, asserting a 200.
    pub async fn push_ok(&self, device: DeviceId, ops: &[Op]) -> Vec<Value> {
        let (status, body) = self.push(device, ops).await;
        assert_eq!(status, 200, "{body}");
        body["results"].as_array().unwrap().clone()
    }

    pub async fn pull_page(&self, cursor: Option<&str>, limit: u32) -> Value {
        let (status, body) = self
            .post(
                "/api/v1/sync/pull",
                &json!({"cursor": cursor, "limit": limit}),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        body
    }

    /// Pulls to the head; returns every change/move-in/revoke item in order and the cursor.
    pub async fn pull_all(&self, cursor: Option<&str>, limit: u32) -> (Vec<Value>, String) {
        let mut cursor = cursor.map(str::to_owned);
        let mut items = Vec::new();
        for _ in 0..10_000 {
            let page = self.pull_page(cursor.as_deref(), limit).await;
            let mut page_items: Vec<Value> = Vec::new();
            for (list, tag) in [
                ("changes", "change"),
                ("move_in", "move_in"),
                ("revoke", "revoke"),
            ] {
                for item in page[list].as_array().unwrap() {
                    let mut item = item.clone();
                    item["kind"] = json!(tag);
                    page_items.push(item);
                }
            }
            assert!(page_items.len() <= limit as usize);
            page_items.sort_by_key(|i| i["seq"].as_i64().unwrap());
            items.extend(page_items);
            cursor = Some(page["cursor"].as_str().unwrap().to_owned());
            if !page["has_more"].as_bool().unwrap() {
                return (items, cursor.unwrap());
            }
        }
        panic!("pull never reached the head");
    }

    /// The ids of visible (not revoked) rows of `entity` after a full pull.
    pub async fn visible(&self, entity: &str) -> BTreeMap<String, Value> {
        let (items, _) = self.pull_all(None, 1000).await;
        let mut out = BTreeMap::new();
        for i in items {
            if i["entity"] != entity {
                continue;
            }
            let id = i["id"].as_str().unwrap().to_owned();
            if i["kind"] == "revoke" {
                out.remove(&id);
            } else {
                out.insert(id, i);
            }
        }
        out
    }
}

/// A client device: its id, outbox sequence and HLC.
pub struct Device {
    pub id: DeviceId,
    pub seq: u64,
    pub hlc: Hlc,
    /// The clock of each field value this device wrote last (its local view).
    pub clocks: std::collections::HashMap<(Uuid, String), Hlc>,
}

impl Device {
    pub fn new() -> Self {
        Self {
            id: DeviceId::new(),
            seq: 0,
            hlc: Hlc::ZERO,
            clocks: std::collections::HashMap::new(),
        }
    }

    pub fn op(&mut self, entity: EntityKind, id: Uuid, kind: OpKind, fields: Value) -> Op {
        self.seq += 1;
        self.hlc = self.hlc.tick(chrono::Utc::now().timestamp_millis());
        let fields = fields
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    FieldValue {
                        value: v.clone(),
                        base_hlc: None,
                    },
                )
            })
            .collect::<BTreeMap<String, FieldValue>>();
        for name in fields.keys() {
            self.clocks.insert((id, name.clone()), self.hlc);
        }
        Op {
            op_id: OpId::new(),
            device_seq: self.seq,
            hlc: self.hlc,
            schema_version: 1,
            entity,
            entity_id: id,
            kind,
            fields,
        }
    }

    /// An update of one field, having seen the value with clock `base`
    /// (default: the clock of this device's own last write of the field).
    pub fn set(
        &mut self,
        entity: EntityKind,
        id: Uuid,
        field: &str,
        value: Value,
        base: Option<Hlc>,
    ) -> Op {
        let base = base.or_else(|| self.clocks.get(&(id, field.to_owned())).copied());
        let mut op = self.op(entity, id, OpKind::Update, json!({ field: value }));
        if let Some(fv) = op.fields.get_mut(field) {
            fv.base_hlc = base;
        }
        op
    }

    /// Runs the HLC receive step on a clock seen from the server.
    pub fn receive(&mut self, remote: Hlc) {
        self.hlc = self
            .hlc
            .receive(remote, chrono::Utc::now().timestamp_millis());
    }
}

pub fn goal_fields(owner: Uuid, title: &str) -> Value {
    json!({
        "kind": "smart_goal",
        "owner_person_id": owner.to_string(),
        "title": title,
        "category": "performance",
        "unit_kind": "percent",
        "direction": "increase",
        "baseline": 50.0,
        "target": 70.0,
        "start_date": "2026-01-01",
        "due_date": "2026-03-31",
        "cadence": "weekly",
        "state": "active",
        "created_at": "2026-01-01T09:00:00Z",
        "updated_at": "2026-01-01T09:00:00Z"
    })
}

pub fn checkin_fields(goal: Uuid, value: f64) -> Value {
    json!({
        "goal_id": goal.to_string(),
        "value": value,
        "effective_date": "2026-02-01",
        "created_at": "2026-02-01T09:00:00Z"
    })
}

/// Creates a goal owned by `owner` through `user`'s push; asserts it applied.
pub async fn create_goal(user: &mut User, owner: Uuid, title: &str) -> Uuid {
    let id = Uuid::now_v7();
    let op = user.device.op(
        EntityKind::Goal,
        id,
        OpKind::Create,
        goal_fields(owner, title),
    );
    let results = user.client.push_ok(user.device.id, &[op]).await;
    assert_eq!(results[0]["status"], "applied", "{results:?}");
    id
}

pub fn status_of(result: &Value) -> (&str, &str) {
    (
        result["status"].as_str().unwrap_or(""),
        result["code"].as_str().unwrap_or(""),
    )
}

/// Creates a goal owned by `user` themselves.
pub async fn create_own_goal(user: &mut User, title: &str) -> Uuid {
    let owner = user.id;
    create_goal(user, owner, title).await
}
