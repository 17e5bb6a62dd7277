//! `stride sync`: push this database's changes to a Stride server and pull
//! what the signed-in person may see. The token is kept in the OS keychain.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use clap::Args;
use stride_store::Store;
use stride_sync::{
    needs_sign_in, Credentials, Engine, HttpTransport, KeyringCredentials, MemoryCredentials,
    SyncError,
};

use crate::CliError;

#[derive(Args)]
pub(crate) struct SyncArgs {
    /// The SQLite file (created on the first sync if missing).
    #[arg(long)]
    db: PathBuf,
    /// The server's base URL, e.g. http://127.0.0.1:8787.
    #[arg(long)]
    server: String,
    /// The account's email (needed on the first sync of a database).
    #[arg(long)]
    email: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

impl From<SyncError> for CliError {
    fn from(e: SyncError) -> Self {
        match e {
            SyncError::Input(_) | SyncError::NotEnabled => Self::Input(e.to_string()),
            SyncError::Store(s) => s.into(),
            other => Self::Other(other.to_string()),
        }
    }
}

/// The password: `STRIDE_PASSWORD`, or one line typed on standard input.
fn password() -> Result<String, SyncError> {
    if let Ok(p) = std::env::var("STRIDE_PASSWORD") {
        return Ok(p);
    }
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "password: ");
    let _ = err.flush();
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| SyncError::Input(format!("cannot read the password: {e}")))?;
    let p = line.trim_end_matches(['\r', '\n']).to_owned();
    if p.is_empty() {
        return Err(SyncError::Input(
            "no password (set STRIDE_PASSWORD or type it)".into(),
        ));
    }
    Ok(p)
}

/// The token store: the OS keychain, or memory when `STRIDE_CREDENTIALS=memory`
/// (machines without a keychain, e.g. CI; the token is then not kept).
fn credentials() -> Box<dyn Credentials> {
    if std::env::var("STRIDE_CREDENTIALS").as_deref() == Ok("memory") {
        Box::new(MemoryCredentials::default())
    } else {
        Box::new(KeyringCredentials::default())
    }
}

pub(crate) async fn sync(args: SyncArgs) -> Result<String, CliError> {
    let server = args.server.trim().trim_end_matches('/').to_owned();
    if !(server.starts_with("http://") || server.starts_with("https://")) {
        return Err(CliError::Input(format!(
            "--server: `{server}` is not an http:// or https:// URL"
        )));
    }
    let store = Store::open(&args.db).await?;
    let engine = Engine::new(store, HttpTransport::new(&server)?);
    let creds = credentials();
    let result = run(&engine, creds.as_ref(), &server, args.email.as_deref()).await;
    engine.store().clone().close().await;
    let report = result?;
    if args.json {
        let mut v = serde_json::to_value(report).map_err(|e| CliError::Other(e.to_string()))?;
        v["database"] = serde_json::json!(args.db.display().to_string());
        v["server"] = serde_json::json!(server);
        return serde_json::to_string_pretty(&v).map_err(|e| CliError::Other(e.to_string()));
    }
    Ok(format!(
        "pushed {}, pulled {}, conflicts {}, needs attention {} ({} pending, {} open conflicts{})",
        report.pushed,
        report.pulled,
        report.conflicts,
        report.needs_attention,
        report.pending,
        report.open_conflicts,
        if report.reset {
            ", downloaded afresh"
        } else {
            ""
        },
    ))
}

async fn run(
    engine: &Engine<HttpTransport>,
    creds: &dyn Credentials,
    server: &str,
    email: Option<&str>,
) -> Result<stride_sync::SyncReport, SyncError> {
    let token = engine.connect(creds, server, email, &mut password).await?;
    match engine.sync(&token).await {
        Err(e) if needs_sign_in(&e) => {
            // The stored token expired or was revoked: sign in again once.
            let state = engine
                .store()
                .sync_state()
                .await?
                .ok_or(SyncError::NotEnabled)?;
            creds.delete(server, &state.identity.email)?;
            let token = engine.connect(creds, server, email, &mut password).await?;
            engine.sync(&token).await
        }
        other => other,
    }
}
