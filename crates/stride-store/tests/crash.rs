//! A writer killed with SIGKILL in the middle of a batch leaves a database
//! that opens, passes `PRAGMA integrity_check`, and holds every write that
//! was committed — and no part of the batch that was not.
//!
//! The test re-runs its own binary as the child writer (selected by an
//! environment variable), reads "committed N" lines from it, and kills it
//! while it is writing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)] // tests fail loudly; the child reports on stdout

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use chrono::NaiveDate;
use stride_domain::{OrgUnit, OrgUnitId, OrgUnitKind, Person, PersonId, Role};
use stride_store::Store;

const CHILD_ENV: &str = "STRIDE_CRASH_CHILD_DB";
const BATCH: usize = 500;

fn people(unit: OrgUnitId, batch: usize) -> Vec<Person> {
    (0..BATCH)
        .map(|i| Person {
            id: PersonId::new(),
            name: format!("Person {batch}-{i}"),
            email: format!("p{batch}.{i}@crash.test"),
            title: "Tester".into(),
            org_unit: unit,
            manager: None,
            hire_date: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            active: true,
            role: Role::Employee,
        })
        .collect()
}

/// The child: writes batches of people forever, one transaction each, and
/// reports every commit. It never returns on its own; the parent kills it.
#[test]
fn crash_child_writer() {
    let Ok(db) = std::env::var(CHILD_ENV) else {
        return; // only meaningful as the child of `sigkill_mid_batch_loses_nothing_committed`
    };
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = Store::open(std::path::Path::new(&db)).await.unwrap();
        let unit = OrgUnit {
            id: OrgUnitId::new(),
            name: "Crash Co".into(),
            kind: OrgUnitKind::Company,
            parent: None,
            lead: None,
        };
        let mut tx = store.begin_write().await.unwrap();
        tx.insert_org_units(std::slice::from_ref(&unit))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        for batch in 1.. {
            let mut tx = store.begin_write().await.unwrap();
            // Half the batch, then the other half: a kill can land between them.
            let rows = people(unit.id, batch);
            tx.insert_people(&rows[..BATCH / 2]).await.unwrap();
            tx.insert_people(&rows[BATCH / 2..]).await.unwrap();
            tx.commit().await.unwrap();
            println!("committed {batch}");
        }
    });
}

#[test]
fn sigkill_mid_batch_loses_nothing_committed() {
    if std::env::var(CHILD_ENV).is_ok() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "crash_child_writer",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, &db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut last_committed = 0usize;
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        if let Some(n) = line.strip_prefix("committed ") {
            last_committed = n.trim().parse().unwrap();
            if last_committed >= 8 {
                break;
            }
        }
    }
    // The child is in the middle of batch 9 (or just committed it).
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    assert!(!status.success());
    assert!(last_committed >= 8);

    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = Store::open(&db).await.unwrap();
        let check: String = stride_store::sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(store.reader())
            .await
            .unwrap();
        assert_eq!(check, "ok");
        let people = store.counts().await.unwrap().people;
        let people = usize::try_from(people).unwrap();
        assert!(
            people >= last_committed * BATCH,
            "{people} people, {last_committed} batches committed"
        );
        assert_eq!(
            people % BATCH,
            0,
            "a partial batch survived: {people} people"
        );
        // Every committed batch is complete, by name.
        for batch in 1..=last_committed {
            let n: i64 =
                stride_store::sqlx::query_scalar("SELECT count(*) FROM people WHERE name LIKE ?")
                    .bind(format!("Person {batch}-%"))
                    .fetch_one(store.reader())
                    .await
                    .unwrap();
            assert_eq!(n, i64::try_from(BATCH).unwrap(), "batch {batch}");
        }
    });
}
