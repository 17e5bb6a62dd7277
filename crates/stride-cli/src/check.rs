//! `stride goal check "<statement>" [--today D] [--db FILE --owner ID] [--json]`:
//! the SMART assistant from a terminal. The JSON object is a contract used by
//! outside checks: `statement, direction, metric, unit, baseline, target,
//! change, deadline, method, leading_indicators, criteria, score`.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;
use stride_domain::smart::{
    prepare, Criterion, ParseOptions, PastResult, SmartCheck, VerdictInput,
};
use stride_domain::PersonId;

use stride_store::SameMetric;

use crate::{open_existing, parse_day, CliError};

/// How many past goals are read for the achievability judgement.
const HISTORY_LIMIT: u32 = 500;

/// `goal check` options.
#[derive(Args)]
pub(crate) struct CheckArgs {
    /// The goal sentence, e.g. "Reduce average order processing time from 48 hours to 32 hours by Q2 2026".
    #[arg(allow_hyphen_values = true)]
    pub statement: String,
    /// The reference day for relative periods ("next quarter"; default: today).
    #[arg(long)]
    pub today: Option<String>,
    /// A database with the owner's past goals (needs --owner).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// The goal's owner: achievable is judged against their and comparable people's past goals (needs --db).
    #[arg(long)]
    pub owner: Option<String>,
    /// Print the contract's JSON object.
    #[arg(long)]
    pub json: bool,
}

pub(crate) async fn run(args: CheckArgs) -> Result<String, CliError> {
    if args.statement.trim().is_empty() {
        return Err(CliError::Input(
            "statement: write the goal as a sentence, e.g. \"Reduce churn to below 3% within six months\"".into(),
        ));
    }
    let today = match args.today.as_deref() {
        Some(t) => parse_day("--today", t)?,
        None => chrono::Utc::now().date_naive(),
    };
    let prepared = prepare(&args.statement, &ParseOptions::new(today));
    let history: Option<Vec<PastResult>> = match (&args.db, &args.owner) {
        (Some(db), Some(owner)) => {
            let owner: PersonId = owner.parse().map_err(|e: stride_domain::IdParseError| {
                CliError::Input(format!("--owner: {e}"))
            })?;
            let store = open_existing(db).await?;
            let same = SameMetric::of(prepared.goal());
            let past = store.past_goals(owner, today, same, HISTORY_LIMIT).await;
            store.close().await;
            Some(
                past?
                    .iter()
                    .map(stride_store::PastGoal::to_past_result)
                    .collect(),
            )
        }
        (Some(_), None) => {
            return Err(CliError::Input(
                "--db needs --owner ID: whose past goals to judge the target against".into(),
            ))
        }
        (None, Some(_)) => {
            return Err(CliError::Input(
                "--owner needs --db FILE: the database with the owner's past goals".into(),
            ))
        }
        (None, None) => None,
    };
    let input = VerdictInput {
        aligned: false,
        history: history.as_deref(),
    };
    let result = prepared.judge(&input);
    if args.json {
        return serde_json::to_string_pretty(&result)
            .map_err(|e| CliError::Other(format!("cannot write JSON: {e}")));
    }
    Ok(text(&result))
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn mark(c: &Criterion) -> &'static str {
    match c.met {
        Some(true) => "✓",
        Some(false) => "✗",
        None => "?",
    }
}

/// The readable verdict.
pub(crate) fn text(r: &SmartCheck) -> String {
    let g = &r.goal;
    let dash = || "—".to_owned();
    let unit = g.unit.clone().unwrap_or_default();
    let value = |v: Option<f64>| {
        v.map_or_else(dash, |v| {
            if unit.is_empty() {
                num(v)
            } else if unit == "%" {
                format!("{}%", num(v))
            } else {
                format!("{} {unit}", num(v))
            }
        })
    };
    let mut out = String::new();
    let _ = writeln!(out, "\"{}\"", g.statement.trim());
    let _ = writeln!(
        out,
        "  direction   {}",
        g.direction.map_or_else(dash, |d| d.as_str().to_owned())
    );
    let _ = writeln!(
        out,
        "  metric      {}",
        g.metric.clone().unwrap_or_else(dash)
    );
    let _ = writeln!(out, "  baseline    {}", value(g.baseline));
    let _ = writeln!(out, "  target      {}", value(g.target));
    let _ = writeln!(
        out,
        "  change      {}",
        g.change.map_or_else(dash, |c| if c.relative {
            format!("{}%", num(c.value))
        } else {
            value(Some(c.value))
        })
    );
    let _ = writeln!(
        out,
        "  deadline    {}",
        g.deadline.map_or_else(dash, |d| d.to_string())
    );
    let _ = writeln!(
        out,
        "  method      {}",
        g.method.clone().unwrap_or_else(dash)
    );
    for li in &g.leading_indicators {
        let _ = writeln!(
            out,
            "  indicator   {} {}{} ({})",
            num(li.value),
            li.unit,
            li.per
                .map_or(String::new(), |p| format!(" per {}", p.as_str())),
            li.activity
        );
    }
    let c = &r.criteria;
    for (name, crit) in [
        ("specific", &c.specific),
        ("measurable", &c.measurable),
        ("achievable", &c.achievable),
        ("relevant", &c.relevant),
        ("time-bound", &c.time_bound),
    ] {
        let _ = writeln!(out, "  {} {name:<11} {}", mark(crit), crit.hint);
    }
    let _ = write!(out, "  score {}/100", r.score);
    out
}
