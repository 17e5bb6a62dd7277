//! Stories across the CLI and the store, over real SQLite files.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod cli_demo;
mod cli_goals;

use stride_store::{Store, SCHEMA_VERSION};

#[test]
fn the_cli_creates_a_database_the_store_then_opens() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let out = stride_cli::execute(["db", "info", "--db", db.to_str().unwrap(), "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["schema_version"], SCHEMA_VERSION);
    assert_eq!(json["goals"], 0);

    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = Store::open(&db).await.unwrap();
        assert_eq!(store.schema_version().await.unwrap(), SCHEMA_VERSION);
        // Reopening needed no migration, so no backup was taken.
        assert!(!Store::backup_path(&db, SCHEMA_VERSION).exists());
    });
}

#[test]
fn bad_input_is_one_line_and_exit_code_2() {
    let out = stride_cli::execute(["db", "info"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--db"), "{}", out.stderr);

    let dir = tempfile::tempdir().unwrap();
    // A folder where the database file should be: refused, not panicked.
    let db = dir.path().join("folder.db");
    std::fs::create_dir(&db).unwrap();
    let out = stride_cli::execute(["db", "info", "--db", db.to_str().unwrap()]);
    assert_ne!(out.code, 0);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
}
