//! Opening, migrating and backing up real SQLite files.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use stride_store::{Store, StoreError, SCHEMA_VERSION};

#[tokio::test]
async fn a_new_file_is_created_migrated_and_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/stride.db");
    let store = Store::open(&path).await.unwrap();
    assert!(path.exists());
    assert_eq!(store.schema_version().await.unwrap(), SCHEMA_VERSION);
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(store.reader())
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(store.reader())
        .await
        .unwrap();
    assert_eq!(fk, 1);
    assert_eq!(store.counts().await.unwrap().goals, 0);
    // A fresh file needs no backup.
    assert!(!Store::backup_path(&path, SCHEMA_VERSION).exists());
}

#[tokio::test]
async fn reopening_keeps_data_and_takes_no_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stride.db");
    let store = Store::open(&path).await.unwrap();
    let mut tx = store.begin_write().await.unwrap();
    Store::set_meta(&mut tx, "owner", "maria").await.unwrap();
    tx.commit().await.unwrap();
    store.close().await;

    let store = Store::open(&path).await.unwrap();
    assert_eq!(store.meta("owner").await.unwrap().as_deref(), Some("maria"));
    assert!(!Store::backup_path(&path, SCHEMA_VERSION).exists());
}

#[tokio::test]
async fn an_uncommitted_write_is_not_visible() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("s.db")).await.unwrap();
    let mut tx = store.begin_write().await.unwrap();
    Store::set_meta(&mut tx, "k", "v").await.unwrap();
    drop(tx); // rolled back
    assert_eq!(store.meta("k").await.unwrap(), None);
}

/// A file at schema version 1 (what the first release wrote) is backed up
/// before being migrated, and the backup still opens at version 1.
#[tokio::test]
async fn migrating_an_older_file_backs_it_up_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let opts = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true);
        let pool = sqlx::SqlitePool::connect_with(opts).await.unwrap();
        let v1 = sqlx::migrate::Migrator::new(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/migrations"
        )))
        .await
        .unwrap();
        // Apply only migration 1, as the previous schema had it.
        let mut v1 = v1;
        v1.migrations = std::borrow::Cow::Owned(
            v1.migrations
                .iter()
                .filter(|m| m.version == 1)
                .cloned()
                .collect(),
        );
        v1.run(&pool).await.unwrap();
        sqlx::query("INSERT INTO meta (key, value) VALUES ('owner', 'kept')")
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
    }

    let store = Store::open(&path).await.unwrap();
    assert_eq!(store.schema_version().await.unwrap(), SCHEMA_VERSION);
    assert_eq!(store.meta("owner").await.unwrap().as_deref(), Some("kept"));

    let backup = Store::backup_path(&path, SCHEMA_VERSION);
    assert!(backup.exists(), "backup {} missing", backup.display());
    let opts = sqlx::sqlite::SqliteConnectOptions::new().filename(&backup);
    let pool = sqlx::SqlitePool::connect_with(opts).await.unwrap();
    let v: i64 = sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(v, 1);
    let owner: String = sqlx::query_scalar("SELECT value FROM meta WHERE key = 'owner'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(owner, "kept");
}

#[tokio::test]
async fn a_file_from_a_newer_stride_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    Store::open(&path).await.unwrap().close().await;
    let pool =
        sqlx::SqlitePool::connect_with(sqlx::sqlite::SqliteConnectOptions::new().filename(&path))
            .await
            .unwrap();
    sqlx::query("INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time) VALUES (999, 'future', '2030-01-01', 1, x'00', 0)")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;

    let err = Store::open(&path).await.unwrap_err();
    assert!(
        matches!(err, StoreError::TooNew { found: 999, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("newer version of Stride"));
}

#[tokio::test]
async fn schema_version_constant_matches_the_migrations() {
    let m = sqlx::migrate::Migrator::new(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/migrations"
    )))
    .await
    .unwrap();
    assert_eq!(m.iter().map(|m| m.version).max(), Some(SCHEMA_VERSION));
}
