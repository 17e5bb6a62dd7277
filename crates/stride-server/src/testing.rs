//! What tests that run this server in-process share — this crate's API
//! suite and the sync client's real-stack and model suites: one password and
//! its argon2 hash (hashing is slow, so it is made once), and a fresh
//! database per test — a temp SQLite file, or a new PostgreSQL database when
//! `STRIDE_TEST_PG_URL` names a server (`cargo xtask test pg` sets it and
//! counts the databases by their prefix to prove the suites used it).

use std::path::Path;
use std::sync::OnceLock;

use sqlx::Connection as _;

/// The password every test account gets.
pub const PASSWORD: &str = "password-123";

/// One argon2 hash of [`PASSWORD`], made on first use.
///
/// # Errors
/// When hashing fails (no randomness).
pub fn password_hash() -> crate::error::Result<String> {
    static HASH: OnceLock<String> = OnceLock::new();
    if let Some(h) = HASH.get() {
        return Ok(h.clone());
    }
    let h = crate::auth::hash_password(PASSWORD)?;
    Ok(HASH.get_or_init(|| h).clone())
}

/// Whether tests run against PostgreSQL (`STRIDE_TEST_PG_URL` is set).
#[must_use]
pub fn on_postgres() -> bool {
    std::env::var("STRIDE_TEST_PG_URL").is_ok()
}

/// `url` with its database name replaced by `db` (query string kept).
#[must_use]
pub fn with_database(url: &str, db: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    let query = query.map(|q| format!("?{q}")).unwrap_or_default();
    format!("{}/{db}{query}", &base[..path_start])
}

/// A database URL for one test: a new PostgreSQL database named
/// `<prefix><uuid>` when `STRIDE_TEST_PG_URL` is set, else `server.db` in
/// `dir`.
///
/// # Errors
/// When PostgreSQL cannot be reached or refuses to create the database.
pub async fn fresh_database(prefix: &str, dir: &Path) -> Result<String, sqlx::Error> {
    match std::env::var("STRIDE_TEST_PG_URL") {
        Ok(admin_url) => {
            let mut conn = sqlx::PgConnection::connect(&admin_url).await?;
            let name = format!("{prefix}{}", uuid::Uuid::now_v7().simple());
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await?;
            Ok(with_database(&admin_url, &name))
        }
        Err(_) => Ok(dir.join("server.db").to_string_lossy().into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_name_is_swapped_and_the_query_kept() {
        assert_eq!(
            with_database(
                "postgres://stride@127.0.0.1:5432/postgres?sslmode=disable",
                "t1"
            ),
            "postgres://stride@127.0.0.1:5432/t1?sslmode=disable"
        );
        assert_eq!(with_database("postgres://h", "t2"), "postgres://h/t2");
    }
}
