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

/// The real server in-process on a port of 127.0.0.1, over a fresh database
/// ([`fresh_database`]), that can be stopped and started again on the same
/// database and port — for the suites that exercise clients against it (the
/// sync client's and the app's).
pub struct TestServer {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    /// The storage, for admin steps a test takes directly.
    pub store: crate::DynStore,
    url: String,
    addr: std::net::SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl TestServer {
    /// Starts serving a fresh database (a file in `dir` for SQLite).
    ///
    /// # Errors
    /// The database or the port cannot be opened.
    pub async fn start(prefix: &str, dir: &Path) -> crate::error::Result<Self> {
        let url = fresh_database(prefix, dir).await?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let mut s = Self {
            base: format!("http://{addr}"),
            store: crate::open(&url).await?,
            url,
            addr,
            shutdown: None,
            task: None,
        };
        s.serve(listener);
        Ok(s)
    }

    fn serve(&mut self, listener: tokio::net::TcpListener) {
        let state = crate::AppState::new(self.store.clone(), crate::Settings::default());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        self.shutdown = Some(tx);
        self.task = Some(tokio::spawn(async move {
            if let Err(e) = crate::launch(state, listener, async {
                let _ = rx.await;
            })
            .await
            {
                tracing::error!(error = %e, "the test server stopped with an error");
            }
        }));
    }

    /// Stops serving (requests fail with a connection error until [`Self::restart`]).
    pub async fn stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = tokio::time::timeout(std::time::Duration::from_secs(10), task).await;
        }
    }

    /// A new server process: reopens the same database and listens on the same port.
    ///
    /// # Errors
    /// The database or the port cannot be opened again.
    pub async fn restart(&mut self) -> crate::error::Result<()> {
        self.stop().await;
        self.store = crate::open(&self.url).await?;
        let listener = tokio::net::TcpListener::bind(self.addr).await?;
        self.serve(listener);
        Ok(())
    }

    /// Creates a person who can sign in with [`PASSWORD`] (`<name>@example.com`,
    /// unit Operations); returns their id and email.
    ///
    /// # Errors
    /// The storage refused the person.
    pub async fn person(
        &self,
        name: &str,
        role: stride_protocol::Role,
        manager: Option<&str>,
    ) -> crate::error::Result<(uuid::Uuid, String)> {
        let email = format!("{}@example.com", name.to_lowercase());
        let id = self
            .store
            .create_person(
                crate::store::NewPerson {
                    name: name.to_owned(),
                    email: email.clone(),
                    title: String::new(),
                    role,
                    unit: Some("Operations".into()),
                    manager_email: manager.map(str::to_owned),
                },
                Some(password_hash()?),
                chrono::Utc::now(),
            )
            .await?;
        Ok((id, email))
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
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
