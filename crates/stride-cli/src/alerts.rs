//! `stride alerts`: the alerts the app would raise on a day.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use clap::Args;
use serde_json::json;
use stride_domain::risk::RiskThresholds;
use stride_domain::StatusThresholds;

use crate::{open_existing, parse_day, CliError, DbArgs};

#[derive(Args)]
pub(crate) struct AlertsArgs {
    #[command(flatten)]
    db: DbArgs,
    /// The day (YYYY-MM-DD).
    #[arg(long)]
    as_of: String,
}

pub(crate) async fn alerts(args: AlertsArgs) -> Result<String, CliError> {
    let as_of = parse_day("--as-of", &args.as_of)?;
    let store = open_existing(&args.db.db).await?;
    let alerts = store
        .alerts_on(
            as_of,
            &StatusThresholds::default(),
            &RiskThresholds::default(),
        )
        .await?;
    let names: BTreeMap<String, String> = store.person_names().await?.into_iter().collect();
    let name =
        |id: &stride_domain::PersonId| names.get(&id.to_string()).cloned().unwrap_or_default();
    if args.db.json {
        let items: Vec<_> = alerts
            .iter()
            .map(|a| {
                json!({
                    "goal": a.goal,
                    "kind": a.kind,
                    "recipient": a.recipient,
                    "recipient_name": name(&a.recipient),
                    "cause": a.cause,
                    "reason": a.reason,
                })
            })
            .collect();
        return serde_json::to_string_pretty(&items).map_err(|e| CliError::Other(e.to_string()));
    }
    if alerts.is_empty() {
        return Ok(format!("no alerts on {as_of}"));
    }
    let mut out = String::new();
    for a in &alerts {
        let _ = writeln!(out, "{} · {} · {}", name(&a.recipient), a.kind, a.reason);
    }
    let _ = write!(out, "{} alerts", alerts.len());
    Ok(out)
}
