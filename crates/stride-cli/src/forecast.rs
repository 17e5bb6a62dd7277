//! `stride goal forecast --direction D --baseline B --target T --start D
//! --due D --as-of D --series FILE.csv [--json]`: where a goal will land,
//! from a CSV of dated values. The JSON object is a contract used by outside
//! checks: `expected_progress, progress, status, forecast: {value, low, high}
//! | null, probability_on_target | null, reason`.
//!
//! The CSV: a header naming the columns `date` and `value` (any order, any
//! case, extra columns ignored), then one row per value. Tolerated: a UTF-8
//! BOM, CRLF, blank lines, spaces around fields, double-quoted fields
//! (`""` escapes a quote), thousands separators inside quotes (`"1,200"`),
//! rows in any order. Several rows on one date count as their **mean**; rows
//! after `--as-of` are ignored. Anything else (a bad date, a non-number or
//! non-finite value, a missing field) is bad input naming the line.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;
use stride_domain::{
    assess, latest_on_or_before, Checkpoint, Direction, Goal, GoalDraft, GoalStatus, Owner,
    PersonId, RiskThresholds, StatusThresholds,
};

use crate::{parse_day, CliError};

/// `goal forecast` options.
#[derive(Args)]
pub(crate) struct ForecastArgs {
    /// increase, decrease, at_least, at_most (or within_band with --low/--high).
    #[arg(long)]
    pub direction: String,
    /// The value at the start.
    #[arg(long, allow_hyphen_values = true)]
    pub baseline: String,
    /// The value to reach (the threshold for at_least/at_most).
    #[arg(long, allow_hyphen_values = true)]
    pub target: Option<String>,
    /// The band's low end (within_band).
    #[arg(long, allow_hyphen_values = true)]
    pub low: Option<String>,
    /// The band's high end (within_band).
    #[arg(long, allow_hyphen_values = true)]
    pub high: Option<String>,
    /// The goal's first day, YYYY-MM-DD.
    #[arg(long)]
    pub start: String,
    /// The due date, YYYY-MM-DD.
    #[arg(long)]
    pub due: String,
    /// The day to evaluate on (default: today); later rows are ignored.
    #[arg(long)]
    pub as_of: Option<String>,
    /// A CSV file with the header `date,value`.
    #[arg(long)]
    pub series: PathBuf,
    /// A checkpoint on the expected path, DATE=VALUE (repeatable).
    #[arg(long = "checkpoint")]
    pub checkpoints: Vec<String>,
    /// The unit shown in the reason (e.g. hours, %, USD).
    #[arg(long, default_value = "")]
    pub unit: String,
    /// Print the contract's JSON object.
    #[arg(long)]
    pub json: bool,
}

/// The contract's object, keys in this order.
#[derive(Serialize)]
struct Output {
    expected_progress: f64,
    progress: f64,
    status: Option<GoalStatus>,
    forecast: Option<Band>,
    probability_on_target: Option<f64>,
    reason: String,
}

#[derive(Serialize)]
struct Band {
    value: f64,
    low: f64,
    high: f64,
}

fn number(flag: &str, text: &str) -> Result<f64, CliError> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| CliError::Input(format!("{flag}: `{text}` is not a number")))
}

fn goal(args: &ForecastArgs) -> Result<Goal, CliError> {
    let direction: Direction = args.direction.parse().map_err(|_| {
        CliError::Input(format!(
            "--direction: `{}` is not one of increase, decrease, at_least, at_most, within_band",
            args.direction
        ))
    })?;
    if direction == Direction::Done {
        return Err(CliError::Input(
            "--direction: a done/not-done goal has no trend to forecast".into(),
        ));
    }
    let start = parse_day("--start", &args.start)?;
    let due = parse_day("--due", &args.due)?;
    if due < start {
        return Err(CliError::Input(format!(
            "--due: {due} is before the start {start}"
        )));
    }
    let mut draft = GoalDraft::new(Owner::Person(PersonId::new()), "forecast", start, due);
    draft.direction = direction;
    draft.unit_label = args.unit.trim().to_owned();
    draft.baseline = Some(number("--baseline", &args.baseline)?);
    let need = |flag: &str, v: &Option<String>| -> Result<f64, CliError> {
        match v {
            Some(t) => number(flag, t),
            None => Err(CliError::Input(format!(
                "{flag} is required for --direction {direction}"
            ))),
        }
    };
    if direction == Direction::WithinBand {
        draft.band_low = Some(need("--low", &args.low)?);
        draft.band_high = Some(need("--high", &args.high)?);
    } else {
        draft.target = Some(need("--target", &args.target)?);
    }
    for c in &args.checkpoints {
        let (date, value) = c.split_once('=').ok_or_else(|| {
            CliError::Input(format!(
                "--checkpoint: `{c}` is not DATE=VALUE like 2026-05-13=42"
            ))
        })?;
        draft.checkpoints.push(Checkpoint {
            date: parse_day("--checkpoint", date)?,
            expected: number("--checkpoint", value)?,
            label: String::new(),
        });
    }
    let goal = Goal::new(draft).map_err(|e| CliError::Input(format!("--{e}")))?;
    Ok(goal)
}

pub(crate) fn run(args: &ForecastArgs) -> Result<String, CliError> {
    let goal = goal(args)?;
    let as_of = match args.as_of.as_deref() {
        Some(t) => parse_day("--as-of", t)?,
        None => chrono::Utc::now().date_naive(),
    };
    let series = read_series(&args.series)?;
    let series: Vec<(NaiveDate, f64)> = series.into_iter().filter(|(d, _)| *d <= as_of).collect();
    let current = latest_on_or_before(&series, as_of).map(|(_, v)| v);
    let a = assess(
        &goal,
        current,
        &series,
        as_of,
        &StatusThresholds::default(),
        &RiskThresholds::default(),
    );
    let out = Output {
        expected_progress: a.expected_progress,
        progress: a.progress,
        status: a.status,
        forecast: a.forecast.map(|f| Band {
            value: f.value,
            low: f.low,
            high: f.high,
        }),
        probability_on_target: a.probability,
        reason: a.reason.clone(),
    };
    if args.json {
        return serde_json::to_string_pretty(&out)
            .map_err(|e| CliError::Other(format!("cannot write JSON: {e}")));
    }
    let mut s = String::new();
    let status = a.status.map_or("—", GoalStatus::as_str);
    let pace = a.pace_status.map_or("—", GoalStatus::as_str);
    if a.escalated {
        let _ = writeln!(s, "status    {status} (pace alone: {pace})");
    } else {
        let _ = writeln!(s, "status    {status}");
    }
    let _ = writeln!(
        s,
        "progress  {:.0}% (expected {:.0}% on {as_of})",
        a.progress * 100.0,
        a.expected_progress * 100.0
    );
    match a.forecast {
        Some(f) => {
            let _ = writeln!(
                s,
                "forecast  {} on {} ({:.0}% interval {} to {}; {} points, {})",
                stride_domain::risk::num(f.value),
                f.due,
                f.level * 100.0,
                stride_domain::risk::num(f.low),
                stride_domain::risk::num(f.high),
                f.points_used,
                f.method
            );
            if let Some(p) = f.probability {
                let _ = writeln!(s, "chance    {:.0}% of reaching the target", p * 100.0);
            }
        }
        None => {
            let _ = writeln!(s, "forecast  none");
        }
    }
    let _ = write!(s, "reason    {}", a.reason);
    Ok(s)
}

/// Reads and parses the `date,value` CSV (see the module docs).
fn read_series(path: &Path) -> Result<Vec<(NaiveDate, f64)>, CliError> {
    let bytes = std::fs::read(path)
        .map_err(|e| CliError::Input(format!("--series: cannot read {}: {e}", path.display())))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| CliError::Input(format!("--series: {} is not UTF-8 text", path.display())))?;
    parse_series(&path.display().to_string(), &text)
}

fn parse_series(name: &str, text: &str) -> Result<Vec<(NaiveDate, f64)>, CliError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bad = |line: usize, msg: String| CliError::Input(format!("{name} line {line}: {msg}"));
    let mut rows = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((hline, header)) = rows.next() else {
        return Err(CliError::Input(format!(
            "--series: {name} is empty (expected the header `date,value`)"
        )));
    };
    let columns: Vec<String> = fields(header)
        .map_err(|m| bad(hline, m))?
        .into_iter()
        .map(|c| c.trim().to_ascii_lowercase())
        .collect();
    let find = |want: &str| columns.iter().position(|c| c == want);
    let (Some(di), Some(vi)) = (find("date"), find("value")) else {
        return Err(bad(
            hline,
            format!(
                "the header must name the columns `date,value`, found `{}`",
                header.trim()
            ),
        ));
    };
    let mut out = Vec::new();
    for (line, row) in rows {
        let f = fields(row).map_err(|m| bad(line, m))?;
        let (Some(date), Some(value)) = (f.get(di), f.get(vi)) else {
            return Err(bad(
                line,
                format!("expected {} fields, found {}", columns.len(), f.len()),
            ));
        };
        let date = date.trim();
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .map_err(|_| bad(line, format!("date `{date}` is not a date like 2026-06-30")))?;
        let value = value.trim();
        if value.is_empty() {
            return Err(bad(line, "the value is empty".into()));
        }
        let v = parse_value(value)
            .ok_or_else(|| bad(line, format!("value `{value}` is not a number")))?;
        out.push((date, v));
    }
    Ok(out)
}

/// A finite number; `1,200` / `1,200,000.5` style grouping is accepted.
fn parse_value(text: &str) -> Option<f64> {
    let plain = text.parse::<f64>().ok();
    let v = plain.or_else(|| {
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        let int = int.strip_prefix(['-', '+']).unwrap_or(int);
        let groups: Vec<&str> = int.split(',').collect();
        let ok = groups.len() > 1
            && (1..=3).contains(&groups[0].len())
            && groups[1..].iter().all(|g| g.len() == 3)
            && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
            && frac.chars().all(|c| c.is_ascii_digit());
        if ok {
            text.replace(',', "").parse::<f64>().ok()
        } else {
            None
        }
    })?;
    v.is_finite().then_some(v)
}

/// Splits one CSV line into fields (double quotes, `""` inside quotes).
fn fields(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    let mut was_quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    cur.push('"');
                    chars.next();
                }
                '"' => quoted = false,
                _ => cur.push(c),
            }
        } else {
            match c {
                '"' if cur.trim().is_empty() && !was_quoted => {
                    cur.clear();
                    quoted = true;
                    was_quoted = true;
                }
                ',' => {
                    out.push(std::mem::take(&mut cur));
                    was_quoted = false;
                }
                _ if was_quoted && !c.is_whitespace() => {
                    return Err(format!("unexpected `{c}` after a quoted field"));
                }
                _ if was_quoted => {}
                _ => cur.push(c),
            }
        }
    }
    if quoted {
        return Err("a quoted field is not closed".into());
    }
    out.push(cur);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields() {
        assert_eq!(
            fields(r#" "a" , b,"c,""d""" "#).unwrap(),
            vec!["a", " b", "c,\"d\""]
        );
        assert!(fields(r#""open"#).is_err());
        assert!(fields(r#""a"x,b"#).is_err());
    }

    #[test]
    fn values() {
        assert_eq!(parse_value("1,200"), Some(1200.0));
        assert_eq!(parse_value("-1,200.5"), Some(-1200.5));
        assert_eq!(parse_value("1,2"), None);
        assert_eq!(parse_value("NaN"), None);
        assert_eq!(parse_value("inf"), None);
        assert_eq!(parse_value("1e3"), Some(1000.0));
    }
}
