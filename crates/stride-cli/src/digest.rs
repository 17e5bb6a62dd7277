//! `stride digest`: a manager's weekly digest as Markdown (or JSON).

use clap::Args;
use stride_domain::{PersonId, StatusThresholds};

use crate::{open_existing, parse_day, CliError, DbArgs};

#[derive(Args)]
pub(crate) struct DigestArgs {
    #[command(flatten)]
    db: DbArgs,
    /// The manager (person id).
    #[arg(long)]
    manager: String,
    /// The last day of the week covered (YYYY-MM-DD).
    #[arg(long)]
    as_of: String,
}

pub(crate) async fn digest(args: DigestArgs) -> Result<String, CliError> {
    let as_of = parse_day("--as-of", &args.as_of)?;
    let manager: PersonId = args
        .manager
        .parse()
        .map_err(|e: stride_domain::IdParseError| CliError::Input(format!("--manager: {e}")))?;
    let store = open_existing(&args.db.db).await?;
    let digest = store
        .weekly_digest(manager, as_of, &StatusThresholds::default())
        .await;
    store.close().await;
    let digest = digest?;
    if args.db.json {
        return serde_json::to_string_pretty(&digest).map_err(|e| CliError::Other(e.to_string()));
    }
    Ok(digest.to_markdown().trim_end().to_owned())
}
