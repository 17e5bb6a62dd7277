//! `stride reminders due`: the check-in reminders the app would raise on a day.

use std::fmt::Write as _;

use clap::Subcommand;

use crate::{open_existing, parse_day, CliError, DbArgs};

#[derive(Subcommand)]
pub(crate) enum RemindersCommand {
    /// Goals due for a check-in on a day, with missed periods and escalations.
    Due {
        #[command(flatten)]
        db: DbArgs,
        /// The day (YYYY-MM-DD).
        #[arg(long)]
        as_of: String,
    },
}

pub(crate) async fn reminders(command: RemindersCommand) -> Result<String, CliError> {
    let RemindersCommand::Due { db, as_of } = command;
    let as_of = parse_day("--as-of", &as_of)?;
    let store = open_existing(&db.db).await?;
    let due = store.check_ins_due(as_of).await?;
    if db.json {
        return serde_json::to_string_pretty(&due).map_err(|e| CliError::Other(e.to_string()));
    }
    if due.is_empty() {
        return Ok(format!("no check-ins due on {as_of}"));
    }
    let mut out = String::new();
    for r in &due {
        let _ = write!(
            out,
            "{}: check in on \"{}\" ({}, {} missed since {})",
            r.owner_name, r.title, r.cadence, r.due.missed, r.due.due_since
        );
        if r.due.escalate {
            if let Some(manager) = &r.manager_name {
                let _ = write!(out, " — {manager} is told too");
            }
        }
        out.push('\n');
    }
    let _ = write!(out, "{} reminders", due.len());
    Ok(out)
}
