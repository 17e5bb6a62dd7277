//! `stride goals …`, `stride goal …`, `stride checkin …`.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use clap::Subcommand;
use serde_json::{json, Value};
use stride_domain::{
    AlignmentEdge, CheckInDraft, FieldChange, GoalField, GoalId, OrgUnitId, PersonId,
    StatusThresholds,
};
use stride_store::{Cascade, GoalDetail, GoalScope, GoalSummary, Store};

use crate::{as_of, open_existing, parse_day, CliError, DbArgs};

#[derive(Subcommand)]
pub(crate) enum GoalsCommand {
    /// Goals with progress and status (at risk and off track first).
    List {
        #[command(flatten)]
        db: DbArgs,
        /// Only this person's goals.
        #[arg(long, conflicts_with_all = ["team", "unit"])]
        owner: Option<String>,
        /// A manager's team: their reports' goals and their units' goals.
        #[arg(long, conflicts_with = "unit")]
        team: Option<String>,
        /// Goals of an org unit and its members.
        #[arg(long)]
        unit: Option<String>,
        /// The date to evaluate on (default: today).
        #[arg(long)]
        as_of: Option<String>,
        /// At most this many goals.
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
    /// One goal in full: numbers, parents, children, check-ins, revisions.
    Show {
        /// The goal's id.
        id: String,
        #[command(flatten)]
        db: DbArgs,
        /// The date to evaluate on (default: today).
        #[arg(long)]
        as_of: Option<String>,
    },
    /// The cascade from company goals (or a unit's goals) down, with rolled-up progress.
    Tree {
        #[command(flatten)]
        db: DbArgs,
        /// Start from this org unit's goals.
        #[arg(long)]
        unit: Option<String>,
        /// The date to evaluate on (default: today).
        #[arg(long)]
        as_of: Option<String>,
        /// Draw at most this many levels.
        #[arg(long)]
        depth: Option<usize>,
    },
}

#[derive(Subcommand)]
pub(crate) enum GoalCommand {
    /// Reads a goal sentence: what is measured, from where to where, by when and how, and which SMART criteria it meets.
    Check(crate::check::CheckArgs),
    /// Forecasts where a goal will land from a `date,value` CSV: status, chance of reaching the target, reason.
    Forecast(crate::forecast::ForecastArgs),
    /// Changes one field; the old value stays in the revision history.
    Revise {
        /// The goal's id.
        id: String,
        #[command(flatten)]
        db: DbArgs,
        /// The field (title, target, baseline, due, state, weight, …).
        #[arg(long)]
        field: String,
        /// The new value as you would type it (e.g. 30, 2026-09-30, active).
        #[arg(long)]
        value: String,
        /// Why it changed (required).
        #[arg(long)]
        reason: String,
        /// Who changes it (default: the goal's owner or its unit's lead).
        #[arg(long)]
        author: Option<String>,
    },
    /// Aligns a goal under a parent goal with a weight.
    Align {
        /// The contributing goal's id.
        id: String,
        #[command(flatten)]
        db: DbArgs,
        /// The parent goal's id.
        #[arg(long)]
        parent: String,
        /// The contribution weight (> 0).
        #[arg(long, default_value = "1")]
        weight: String,
    },
}

#[derive(Subcommand)]
pub(crate) enum CheckinCommand {
    /// Records a check-in (append-only).
    Add {
        /// The goal's id.
        goal: String,
        #[command(flatten)]
        db: DbArgs,
        /// The measured value.
        #[arg(long)]
        value: Option<String>,
        /// Mark a done/not-done goal as done.
        #[arg(long)]
        done: bool,
        /// Confidence 0–10.
        #[arg(long)]
        confidence: Option<String>,
        /// A note.
        #[arg(long, default_value = "")]
        note: String,
        /// What is in the way.
        #[arg(long, default_value = "")]
        blockers: String,
        /// The date the value is for (default: today).
        #[arg(long)]
        date: Option<String>,
        /// Who checks in (default: the goal's owner or its unit's lead).
        #[arg(long)]
        author: Option<String>,
    },
}

fn goal_id(text: &str) -> Result<GoalId, CliError> {
    text.parse()
        .map_err(|e: stride_domain::IdParseError| CliError::Input(e.to_string()))
}

fn person_id(text: &str) -> Result<PersonId, CliError> {
    text.parse()
        .map_err(|e: stride_domain::IdParseError| CliError::Input(e.to_string()))
}

fn unit_id(text: &str) -> Result<OrgUnitId, CliError> {
    text.parse()
        .map_err(|e: stride_domain::IdParseError| CliError::Input(e.to_string()))
}

fn number(flag: &str, text: &str) -> Result<f64, CliError> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| CliError::Input(format!("{flag}: `{text}` is not a number")))
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, CliError> {
    serde_json::to_string_pretty(value)
        .map_err(|e| CliError::Other(format!("cannot write JSON: {e}")))
}

fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn status_word(s: &GoalSummary) -> &'static str {
    s.status.map_or("—", |st| st.as_str())
}

/// The person who acts when `--author` is not given: the goal's owner, or
/// the lead of the owning unit.
async fn default_author(
    store: &Store,
    goal: GoalId,
    author: Option<&str>,
) -> Result<PersonId, CliError> {
    if let Some(a) = author {
        return person_id(a);
    }
    store.answerable_for(goal).await?.ok_or_else(|| {
        CliError::Input(format!(
            "goal {goal} belongs to a unit without a lead: pass --author PERSON_ID"
        ))
    })
}

pub(crate) async fn goals(command: GoalsCommand) -> Result<String, CliError> {
    let thresholds = StatusThresholds::default();
    match command {
        GoalsCommand::List {
            db,
            owner,
            team,
            unit,
            as_of: date,
            limit,
        } => {
            let date = as_of(date.as_deref())?;
            let scope = match (owner, team, unit) {
                (Some(p), _, _) => GoalScope::Person(person_id(&p)?),
                (_, Some(m), _) => GoalScope::Team(person_id(&m)?),
                (_, _, Some(u)) => GoalScope::Unit(unit_id(&u)?),
                _ => GoalScope::All,
            };
            let store = open_existing(&db.db).await?;
            let list = store
                .goal_summaries(scope, None, date, &thresholds, limit, 0)
                .await?;
            if db.json {
                return to_json(&list);
            }
            if list.is_empty() {
                return Ok("no goals".into());
            }
            let mut out = String::new();
            for s in &list {
                let _ = writeln!(
                    out,
                    "{}  {:>4}  {:<9}  due {}  {}  ({})",
                    s.id,
                    percent(s.progress),
                    status_word(s),
                    s.due,
                    s.title,
                    s.owner_name
                );
            }
            Ok(out.trim_end().to_owned())
        }
        GoalsCommand::Show {
            id,
            db,
            as_of: date,
        } => {
            let id = goal_id(&id)?;
            let date = as_of(date.as_deref())?;
            let store = open_existing(&db.db).await?;
            let detail = store.goal_detail(id, date, &thresholds).await?;
            if db.json {
                return to_json(&show_json(&detail));
            }
            Ok(show_text(&detail))
        }
        GoalsCommand::Tree {
            db,
            unit,
            as_of: date,
            depth,
        } => {
            let date = as_of(date.as_deref())?;
            let unit = unit.as_deref().map(unit_id).transpose()?;
            let store = open_existing(&db.db).await?;
            let cascade = store.cascade(unit, date, &thresholds).await?;
            if db.json {
                return to_json(&cascade);
            }
            Ok(tree_text(&cascade, depth.unwrap_or(usize::MAX)))
        }
    }
}

/// The JSON of `goals show`: the goal's fields, its numbers and its links.
pub(crate) fn show_json(d: &GoalDetail) -> Value {
    let s = &d.summary;
    json!({
        "id": s.id,
        "title": s.title,
        "kind": s.kind,
        "statement": d.goal.statement,
        "method": d.goal.method,
        "category": d.goal.category,
        "owner": s.owner,
        "owner_name": s.owner_name,
        "metric": d.goal.metric_name,
        "direction": s.direction,
        "unit": s.unit_label,
        "unit_kind": s.unit,
        "baseline": s.baseline,
        "target": s.target,
        "band_low": s.band_low,
        "band_high": s.band_high,
        "original_target": d.original_target,
        "current": s.current,
        "progress": s.progress,
        "expected_progress": s.expected_progress,
        "status": s.status,
        "state": s.state,
        "start": s.start,
        "due": s.due,
        "cycle": d.goal.cycle,
        "weight": s.weight,
        "cadence": d.goal.cadence.to_string(),
        "checkpoints": d.goal.checkpoints,
        "last_check_in": s.last_check_in,
        "parents": d.parents,
        "children": d.children,
        "alignment_paths": d.paths,
        "check_ins": d.check_ins,
        "revisions": d.revisions,
    })
}

fn show_text(d: &GoalDetail) -> String {
    let s = &d.summary;
    let mut out = String::new();
    let _ = writeln!(out, "{}  [{}]  {}", s.title, s.kind, s.id);
    if !d.goal.statement.is_empty() {
        let _ = writeln!(out, "  \"{}\"", d.goal.statement);
    }
    let _ = writeln!(
        out,
        "  {} {}: {} → {} {}  (now {})",
        s.direction,
        d.goal.metric_name,
        s.baseline.map_or("—".into(), |v| v.to_string()),
        s.target.map_or("—".into(), |v| v.to_string()),
        s.unit_label,
        s.current
            .map_or("no value yet".into(), |v| format!("{v} {}", s.unit_label))
    );
    let _ = writeln!(
        out,
        "  progress {} (expected {}), status {}, {} → {}",
        percent(s.progress),
        percent(s.expected_progress),
        status_word(s),
        s.start,
        s.due
    );
    for p in &d.parents {
        let _ = writeln!(out, "  contributes to: {} (weight {})", p.title, p.weight);
    }
    for c in &d.children {
        let _ = writeln!(out, "  supported by: {} (weight {})", c.title, c.weight);
    }
    for r in &d.revisions {
        let _ = writeln!(
            out,
            "  {} changed from {} to {} on {}: {}",
            r.field,
            r.old_value,
            r.new_value,
            r.at.date_naive(),
            r.reason
        );
    }
    let _ = write!(out, "  {} check-ins", d.check_ins.len());
    out
}

fn tree_text(c: &Cascade, max_depth: usize) -> String {
    if c.roots.is_empty() {
        return "no company-level goals yet".into();
    }
    let mut out = String::new();
    for root in &c.roots {
        let mut path = BTreeSet::new();
        draw(c, *root, None, 0, max_depth, &mut path, &mut out);
    }
    out.trim_end().to_owned()
}

fn draw(
    c: &Cascade,
    id: GoalId,
    weight: Option<f64>,
    depth: usize,
    max_depth: usize,
    path: &mut BTreeSet<GoalId>,
    out: &mut String,
) {
    let Some(node) = c.nodes.get(&id) else { return };
    let w = weight.map_or(String::new(), |w| format!(" ×{w}"));
    let _ = writeln!(
        out,
        "{}{} {}  rolled up {}  own {}  {}{}  ({})",
        "  ".repeat(depth),
        if depth == 0 { "■" } else { "└" },
        node.goal.title,
        percent(node.rolled_up),
        percent(node.goal.progress),
        status_word(&node.goal),
        w,
        node.goal.owner_name
    );
    if depth + 1 >= max_depth || !path.insert(id) {
        return;
    }
    for (child, w) in &node.children {
        draw(c, *child, Some(*w), depth + 1, max_depth, path, out);
    }
    path.remove(&id);
}

pub(crate) async fn goal(command: GoalCommand) -> Result<String, CliError> {
    match command {
        GoalCommand::Check(args) => crate::check::run(args).await,
        GoalCommand::Forecast(args) => crate::forecast::run(&args),
        GoalCommand::Revise {
            id,
            db,
            field,
            value,
            reason,
            author,
        } => {
            let id = goal_id(&id)?;
            let field: GoalField = field.parse()?;
            let change = FieldChange::from_input(field, &value)?;
            let store = open_existing(&db.db).await?;
            let author = default_author(&store, id, author.as_deref()).await?;
            let mut tx = store.begin_write().await?;
            let (goal, revisions) = tx
                .revise_goal(id, &[change], author, &reason, chrono::Utc::now())
                .await?;
            tx.commit().await?;
            if db.json {
                return to_json(&json!({ "goal": goal, "revisions": revisions }));
            }
            Ok(revisions
                .iter()
                .map(|r| {
                    format!(
                        "{}: {} → {} ({})",
                        r.field, r.old_value, r.new_value, r.reason
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"))
        }
        GoalCommand::Align {
            id,
            db,
            parent,
            weight,
        } => {
            let edge = AlignmentEdge {
                child: goal_id(&id)?,
                parent: goal_id(&parent)?,
                weight: number("--weight", &weight)?,
            };
            let store = open_existing(&db.db).await?;
            let mut tx = store.begin_write().await?;
            tx.align(edge).await?;
            tx.commit().await?;
            if db.json {
                return to_json(&edge);
            }
            Ok(format!(
                "aligned {} under {} with weight {}",
                edge.child, edge.parent, edge.weight
            ))
        }
    }
}

pub(crate) async fn checkin(command: CheckinCommand) -> Result<String, CliError> {
    match command {
        CheckinCommand::Add {
            goal,
            db,
            value,
            done,
            confidence,
            note,
            blockers,
            date,
            author,
        } => {
            let goal = goal_id(&goal)?;
            let value = value.as_deref().map(|v| number("--value", v)).transpose()?;
            let confidence = confidence
                .as_deref()
                .map(|c| {
                    c.trim().parse::<i64>().map_err(|_| {
                        CliError::Input(format!(
                            "--confidence: `{c}` is not a whole number from 0 to 10"
                        ))
                    })
                })
                .transpose()?;
            let effective = match date {
                Some(d) => parse_day("--date", &d)?,
                None => chrono::Utc::now().date_naive(),
            };
            let store = open_existing(&db.db).await?;
            let author = default_author(&store, goal, author.as_deref()).await?;
            let mut tx = store.begin_write().await?;
            let check_in = tx
                .add_check_in(
                    CheckInDraft {
                        goal,
                        value,
                        done,
                        confidence,
                        note,
                        blockers,
                        effective,
                        author,
                    },
                    chrono::Utc::now(),
                )
                .await?;
            tx.commit().await?;
            if db.json {
                return to_json(&check_in);
            }
            Ok(format!("checked in on {} for {}", goal, check_in.effective))
        }
    }
}
