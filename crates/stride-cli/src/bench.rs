//! `stride bench store`: times the dashboard aggregates and the cascade
//! roll-up through the store, runs the very same SQL through the `sqlite3`
//! command-line shell in the same run, and prints each median and the ratio
//! (ours ÷ sqlite3). Figures are ratios against a baseline measured in the
//! same run on the same file, so they do not depend on the machine.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use clap::Subcommand;
use serde_json::json;
use stride_domain::StatusThresholds;
use stride_store::{bench_statements, BenchStatement};

use crate::{as_of, open_existing, CliError, DbArgs};

#[derive(Subcommand)]
pub(crate) enum BenchCommand {
    /// Dashboard aggregates and cascade roll-up vs the same SQL in the sqlite3 shell.
    Store {
        #[command(flatten)]
        db: DbArgs,
        /// Timed runs per query (after one warm-up run).
        #[arg(long, default_value_t = 7)]
        runs: usize,
        /// The date to evaluate on (default: today).
        #[arg(long)]
        as_of: Option<String>,
        /// The sqlite3 shell to compare with.
        #[arg(long, default_value = "sqlite3")]
        sqlite3: String,
    },
    /// Push ops/s, pull rows/s, request latency and a cold sync of N changes
    /// through the real server in-process, on SQLite and PostgreSQL.
    Sync(crate::bench_sync::SyncBenchArgs),
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs.get(xs.len() / 2).copied().unwrap_or_default()
}

/// The statement with its parameters written in as literals, for the shell.
fn with_literals(sql: &str, as_of: NaiveDate, t: &StatusThresholds) -> String {
    sql.replace("?1", &format!("'{}'", as_of.format("%Y-%m-%d")))
        .replace("?2", &format!("{:?}", t.at_risk_gap))
        .replace("?3", &format!("{:?}", t.off_track_gap))
}

/// Runs `statement` `runs + 1` times in one sqlite3 session with `.timer on`
/// and returns the timed runs (the first is a warm-up).
fn sqlite3_times(
    shell: &str,
    db: &Path,
    sql: &str,
    runs: usize,
) -> Result<Vec<Duration>, CliError> {
    let mut script = String::from(".timer on\n.output /dev/null\n");
    for _ in 0..=runs {
        script.push_str(sql);
        script.push_str(";\n");
    }
    let mut child = Command::new(shell)
        .arg("-batch")
        .arg("-readonly")
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| CliError::Input(format!("cannot run `{shell}` ({e}); install the sqlite3 command-line shell (Debian: apt-get install sqlite3)")))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(script.as_bytes())
            .map_err(|e| CliError::Other(format!("cannot talk to {shell}: {e}")))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| CliError::Other(format!("{shell} failed: {e}")))?;
    if !out.status.success() {
        return Err(CliError::Other(format!(
            "{shell} failed: {}",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .next()
                .unwrap_or("")
        )));
    }
    let times: Vec<Duration> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.strip_prefix("Run Time: real "))
        .filter_map(|rest| rest.split_whitespace().next())
        .filter_map(|secs| secs.parse::<f64>().ok())
        .map(Duration::from_secs_f64)
        .collect();
    if times.len() != runs + 1 {
        return Err(CliError::Other(format!(
            "{shell} reported {} timings, expected {}",
            times.len(),
            runs + 1
        )));
    }
    Ok(times.into_iter().skip(1).collect())
}

pub(crate) async fn bench(command: BenchCommand) -> Result<String, CliError> {
    let (db, runs, date, sqlite3) = match command {
        BenchCommand::Store {
            db,
            runs,
            as_of,
            sqlite3,
        } => (db, runs, as_of, sqlite3),
        BenchCommand::Sync(args) => return crate::bench_sync::bench_sync(args).await,
    };
    if runs == 0 {
        return Err(CliError::Input("--runs: needs at least 1".into()));
    }
    let date = as_of(date.as_deref())?;
    let thresholds = StatusThresholds::default();
    let store = open_existing(&db.db).await?;
    let counts = store.counts().await?;

    let mut rows_out = Vec::new();
    // Remember every stale goal evaluation first (what the app's scheduler
    // does), timed once: the statements below then read remembered rows,
    // and the "live" one shows what they would cost without.
    let start = Instant::now();
    let remembered = store.refresh_evaluations(date, &thresholds).await?;
    rows_out.push((
        "refresh: remember stale goal evaluations (once)",
        usize::try_from(remembered).unwrap_or(usize::MAX),
        start.elapsed(),
        None,
    ));
    let statements: Vec<BenchStatement> = bench_statements();
    for statement in &statements {
        let mut ours = Vec::with_capacity(runs);
        let mut rows = 0;
        for i in 0..=runs {
            let start = Instant::now();
            rows = store
                .run_bench_statement(statement, date, &thresholds)
                .await?;
            if i > 0 {
                ours.push(start.elapsed());
            }
        }
        let theirs = sqlite3_times(
            &sqlite3,
            &db.db,
            &with_literals(&statement.sql, date, &thresholds),
            runs,
        )?;
        rows_out.push((statement.name, rows, median(ours), Some(median(theirs))));
    }
    // The whole cascade: its SQL (above) plus the weighted roll-up in Rust.
    let mut full = Vec::with_capacity(runs);
    let mut nodes = 0;
    for i in 0..=runs {
        let start = Instant::now();
        nodes = store.cascade(None, date, &thresholds).await?.nodes.len();
        if i > 0 {
            full.push(start.elapsed());
        }
    }
    let cascade_sql = rows_out.last().and_then(|r| r.3);
    rows_out.push((
        "cascade: SQL + roll-up (vs its SQL)",
        nodes,
        median(full),
        cascade_sql,
    ));

    if db.json {
        let items: Vec<_> = rows_out
            .iter()
            .map(|(name, rows, ours, theirs)| {
                json!({
                    "query": name,
                    "rows": rows,
                    "ours_ms": ours.as_secs_f64() * 1e3,
                    "sqlite3_ms": theirs.map(|t| t.as_secs_f64() * 1e3),
                    "ratio": theirs.filter(|t| !t.is_zero()).map(|t| ours.as_secs_f64() / t.as_secs_f64()),
                })
            })
            .collect();
        return serde_json::to_string_pretty(&json!({
            "database": db.db.display().to_string(),
            "goals": counts.goals,
            "people": counts.people,
            "runs": runs,
            "as_of": date,
            "queries": items,
        }))
        .map_err(|e| CliError::Other(e.to_string()));
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} people, {} goals; median of {runs} runs after a warm-up, as of {date}",
        db.db.display(),
        counts.people,
        counts.goals
    );
    let _ = writeln!(
        out,
        "{:<40} {:>7} {:>11} {:>11} {:>7}",
        "query", "rows", "ours ms", "sqlite3 ms", "ratio"
    );
    for (name, rows, ours, theirs) in &rows_out {
        let ratio = theirs.filter(|t| !t.is_zero()).map_or("—".to_owned(), |t| {
            format!("{:.2}×", ours.as_secs_f64() / t.as_secs_f64())
        });
        let _ = writeln!(
            out,
            "{:<40} {:>7} {:>11.1} {:>11} {:>7}",
            name,
            rows,
            ours.as_secs_f64() * 1e3,
            theirs.map_or("—".to_owned(), |t| format!(
                "{:.1}",
                t.as_secs_f64() * 1e3
            )),
            ratio
        );
    }
    Ok(out.trim_end().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_replace_the_bound_parameters() {
        let t = StatusThresholds::default();
        let d = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        assert_eq!(
            with_literals("x <= ?1 AND y < ?2 AND z <= ?3", d, &t),
            "x <= '2026-06-30' AND y < 0.165 AND z <= 0.33"
        );
    }

    #[test]
    fn median_of_odd_and_even_runs() {
        let ms = Duration::from_millis;
        assert_eq!(median(vec![ms(5), ms(1), ms(3)]), ms(3));
        assert_eq!(median(vec![ms(4), ms(1), ms(3), ms(2)]), ms(3));
    }
}
