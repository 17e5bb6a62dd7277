//! `stride sync` against a real in-process server: the first sync needs an
//! email, signs in with STRIDE_PASSWORD, downloads the organisation and then
//! pushes a local change; counts come out as text and JSON.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{NaiveDate, Utc};
use stride_domain::{Goal, GoalDraft, Owner, PersonId};
use stride_protocol::Role;
use stride_server::store::NewPerson;
use stride_server::{AppState, Settings};
use stride_store::Store;

const PASSWORD: &str = "password-123";

#[test]
fn sync_signs_in_downloads_and_pushes() {
    let dir = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (base, ana) = rt.block_on(async {
        let store = stride_server::open(&dir.path().join("server.db").to_string_lossy())
            .await
            .unwrap();
        let hash = stride_server::auth::hash_password(PASSWORD).unwrap();
        let mut ids = Vec::new();
        for (name, manager) in [("Maria", None), ("Ana", Some("maria@example.com"))] {
            let id = store
                .create_person(
                    NewPerson {
                        name: name.into(),
                        email: format!("{}@example.com", name.to_lowercase()),
                        title: String::new(),
                        role: Role::Employee,
                        unit: Some("Support".into()),
                        manager_email: manager.map(str::to_owned),
                    },
                    Some(hash.clone()),
                    Utc::now(),
                )
                .await
                .unwrap();
            ids.push(id);
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = AppState::new(store, Settings::default());
        tokio::spawn(stride_server::launch(
            state,
            listener,
            std::future::pending(),
        ));
        (format!("http://{addr}"), PersonId::from_uuid(ids[1]))
    });
    std::env::set_var("STRIDE_PASSWORD", PASSWORD);
    std::env::set_var("STRIDE_CREDENTIALS", "memory");
    let db = dir.path().join("ana.db");
    let db_arg = db.to_string_lossy().into_owned();

    let out = stride_cli::execute(["sync", "--db", &db_arg, "--server", &base]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("--email"), "{out:?}");

    let out = stride_cli::execute([
        "sync",
        "--db",
        &db_arg,
        "--server",
        &base,
        "--email",
        "ana@example.com",
        "--json",
    ]);
    assert_eq!(out.code, 0, "{out:?}");
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["pushed"], 0);
    assert!(
        v["pulled"].as_u64().unwrap() >= 3,
        "two people and their unit: {v}"
    );

    // A goal written locally is pushed by the next sync (the email is remembered).
    rt.block_on(async {
        let store = Store::open(&db).await.unwrap();
        let day = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
        let mut draft = GoalDraft::new(Owner::Person(ana), "Answer within a day", day(1), day(6));
        draft.baseline = Some(40.0);
        draft.target = Some(80.0);
        let goal = Goal::new(draft).unwrap();
        let mut tx = store.begin_write().await.unwrap();
        tx.insert_goals(&[goal], Some(ana), Utc::now())
            .await
            .unwrap();
        tx.commit().await.unwrap();
        store.close().await;
    });
    let out = stride_cli::execute(["sync", "--db", &db_arg, "--server", &base]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout.starts_with("pushed 1, pulled "),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("needs attention 0"), "{}", out.stdout);

    // Another account on the same database is refused.
    let out = stride_cli::execute([
        "sync",
        "--db",
        &db_arg,
        "--server",
        &base,
        "--email",
        "maria@example.com",
    ]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("syncs as ana@example.com"), "{out:?}");
}
