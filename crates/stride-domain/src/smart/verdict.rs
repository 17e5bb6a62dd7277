//! The SMART verdict: one [`Criterion`] per letter and a 0–100 score.
//!
//! Score = Σ weightᵢ × valueᵢ, rounded, with weights specific 25, measurable
//! 25, time-bound 25, achievable 15, relevant 10 and value 1 for met, ½ for
//! "cannot be judged" (`None`), 0 for not met. A sentence with S, M and T met
//! and nothing known about history or alignment scores 88; "Improve customer
//! satisfaction." scores 13.

use serde::{Deserialize, Serialize};

use super::parse::Notes;
use super::{Criteria, Criterion, ParsedGoal, SmartDirection, Verdict};

/// What the sentence alone cannot show.
#[derive(Debug, Clone, Copy, Default)]
pub struct VerdictInput<'a> {
    /// The goal is aligned to a parent goal (relevant is then met; without
    /// alignment relevance cannot be judged from the sentence: `None`).
    pub aligned: bool,
    /// Past results of the owner and comparable people; `None` leaves
    /// achievable unjudged.
    pub history: Option<&'a [PastResult]>,
}

/// One past goal with its result, for [`judge_achievable`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PastResult {
    /// What it measured ("average order processing time").
    pub metric: String,
    /// Its unit label ("hours"); may be empty.
    pub unit: String,
    /// Whether it aimed to raise (true) or lower (false) the number.
    pub increase: bool,
    /// Its starting value.
    pub baseline: f64,
    /// Its target.
    pub target: f64,
    /// The value reached (latest check-in), if any.
    pub achieved: Option<f64>,
    /// The owner's own goal (true) or a comparable person's (false).
    pub own: bool,
}

const W_SPECIFIC: f64 = 25.0;
const W_MEASURABLE: f64 = 25.0;
const W_TIME: f64 = 25.0;
const W_ACHIEVABLE: f64 = 15.0;
const W_RELEVANT: f64 = 10.0;

/// The score of a set of criteria (formula in the module docs and README).
#[must_use]
pub fn score(c: &Criteria) -> u8 {
    let v = |m: Option<bool>| match m {
        Some(true) => 1.0,
        None => 0.5,
        Some(false) => 0.0,
    };
    let s = W_SPECIFIC * v(c.specific.met)
        + W_MEASURABLE * v(c.measurable.met)
        + W_TIME * v(c.time_bound.met)
        + W_ACHIEVABLE * v(c.achievable.met)
        + W_RELEVANT * v(c.relevant.met);
    s.round().clamp(0.0, 100.0) as u8
}

/// Judges a parsed goal (re-deriving the parse notes from its statement is
/// not needed: the verdict uses only the parsed fields and the direction's
/// completion test).
#[must_use]
pub fn verdict(goal: &ParsedGoal, input: &VerdictInput<'_>) -> Verdict {
    let today = goal.deadline.unwrap_or_default();
    let (_, notes) = super::parse_noted(&goal.statement, &super::ParseOptions::new(today));
    verdict_noted(goal, &notes, input)
}

pub(crate) fn fmt(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

fn with_unit(v: f64, unit: Option<&str>) -> String {
    match unit {
        Some("%") => format!("{}%", fmt(v)),
        Some(u) => format!("{} {u}", fmt(v)),
        None => fmt(v),
    }
}

pub(crate) fn verdict_noted(goal: &ParsedGoal, notes: &Notes, input: &VerdictInput<'_>) -> Verdict {
    let unit = goal.unit.as_deref();
    let has_number = goal.target.is_some() || goal.change.is_some();
    let outcome = goal.direction == Some(SmartDirection::Achieve) && notes.clear_outcome;
    let metric = goal.metric.as_deref();

    let specific = match (metric, has_number || outcome) {
        (Some(m), true) => Criterion {
            met: Some(true),
            hint: format!("Names what changes: {m}."),
        },
        (None, _) => Criterion {
            met: Some(false),
            hint: "Name what will change: the metric or outcome (e.g. \"customer satisfaction score\" or \"the PMP certification\").".into(),
        },
        (Some(m), false) => Criterion {
            met: Some(false),
            hint: format!(
                "Say exactly what result you want for {m}: a level to reach (\"to 85%\") or a concrete deliverable."
            ),
        },
    };

    let measurable = if has_number {
        let hint = match (goal.baseline, goal.target, goal.change) {
            (Some(b), Some(t), _) => format!(
                "Measured from {} to {}.",
                with_unit(b, unit),
                with_unit(t, unit)
            ),
            (None, Some(t), _)
                if matches!(
                    goal.direction,
                    Some(SmartDirection::Increase | SmartDirection::Decrease)
                ) =>
            {
                format!(
                    "Target {}; add the current value (\"from …\") so progress can be measured from a baseline.",
                    with_unit(t, unit)
                )
            }
            (None, Some(t), _) => format!("Measured against {}.", with_unit(t, unit)),
            (_, None, Some(c)) if c.relative => format!(
                "Measured as a {}% change; add the current value (\"from …\") so the target is a number.",
                fmt(c.value)
            ),
            (_, None, Some(c)) => format!("Measured as a change of {}.", with_unit(c.value, unit)),
            _ => "Measured.".into(),
        };
        Criterion {
            met: Some(true),
            hint,
        }
    } else if outcome {
        Criterion {
            met: Some(true),
            hint: "A yes/no outcome: done when it is completed.".into(),
        }
    } else if goal.direction == Some(SmartDirection::Achieve) {
        Criterion {
            met: Some(false),
            hint: "Make completion testable: name the deliverable, number or credential that proves it is done.".into(),
        }
    } else {
        Criterion {
            met: Some(false),
            hint: "Add a number to measure it by: a target (\"from 72% to 80%\"), a change (\"by 10%\") or a clear completion test.".into(),
        }
    };

    let time_bound = match (goal.deadline, &notes.service_level) {
        (Some(d), _) => Criterion {
            met: Some(true),
            hint: format!("Due {d}."),
        },
        (None, Some(sla)) => Criterion {
            met: Some(false),
            hint: format!(
                "\"{sla}\" is a service level, not a deadline: add the period it must hold for (e.g. \"this quarter\" or \"by June 30, 2026\")."
            ),
        },
        (None, None) => Criterion {
            met: Some(false),
            hint: "Add a date or period by which it is reached (e.g. \"by June 30, 2026\", \"in Q3 2026\" or \"within six months\").".into(),
        },
    };

    let achievable = match input.history {
        Some(h) => judge_achievable(goal, h),
        None => Criterion {
            met: None,
            hint: "Cannot be judged from the sentence alone: compare the target with what you and comparable people reached before.".into(),
        },
    };

    let relevant = if input.aligned {
        Criterion {
            met: Some(true),
            hint: "Aligned to a parent goal.".into(),
        }
    } else {
        Criterion {
            met: None,
            hint: "Cannot be judged from the sentence alone: align it to the team or company goal it supports.".into(),
        }
    };

    let criteria = Criteria {
        specific,
        measurable,
        achievable,
        relevant,
        time_bound,
    };
    let score = score(&criteria);
    Verdict { criteria, score }
}

/// Content words of a metric, for similarity.
fn words(s: &str) -> Vec<String> {
    const STOP: &[&str] = &[
        "the", "of", "a", "an", "and", "for", "in", "on", "to", "per", "our", "my", "average",
        "total", "new",
    ];
    s.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .map(|w| w.trim_end_matches('s').to_owned())
        .filter(|w| !w.is_empty() && !STOP.contains(&w.as_str()))
        .collect()
}

/// Two metrics are similar when at least half of the shorter one's content
/// words appear in the other.
fn similar(a: &str, b: &str) -> bool {
    let (a, b) = (words(a), words(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let common = short.iter().filter(|w| long.contains(w)).count();
    common * 2 >= short.len() && common > 0
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        0.0
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn pct(x: f64) -> String {
    format!("{}%", fmt((x * 1000.0).round() / 10.0))
}

/// Judges the goal's planned change against past results for a similar
/// metric (same direction, compatible unit, similar words).
///
/// The planned change is relative: `|target − baseline| / |baseline|`, or the
/// stated relative change, or an absolute change over the baseline. A past
/// goal's reached change is `(achieved − baseline) / |baseline|` in its
/// direction. The target is **far outside** what was reached when it is more
/// than 1.5 × the best past change and more than 5 points above it (or above
/// 5 % when nobody improved); then `met` is false with the numbers. Without a
/// computable planned change or comparable past results, `met` is `None`.
#[must_use]
pub fn judge_achievable(goal: &ParsedGoal, history: &[PastResult]) -> Criterion {
    let unknown = |hint: String| Criterion { met: None, hint };
    let increase = match goal.direction {
        Some(SmartDirection::Increase) => true,
        Some(SmartDirection::Decrease) => false,
        _ => {
            return unknown(
                "Cannot be judged against history: only goals that raise or lower a number are compared."
                    .into(),
            )
        }
    };
    let planned = match (goal.baseline, goal.target, goal.change) {
        (Some(b), Some(t), _) if b != 0.0 => Some((t - b).abs() / b.abs()),
        (_, _, Some(c)) if c.relative => Some(c.value / 100.0),
        (Some(b), None, Some(c)) if b != 0.0 => Some(c.value / b.abs()),
        _ => None,
    };
    let Some(planned) = planned.filter(|p| p.is_finite()) else {
        return unknown(
            "Cannot be compared with history: add the current value (\"from …\") and the target."
                .into(),
        );
    };
    let metric = goal.metric.as_deref().unwrap_or("");
    let unit = goal.unit.as_deref().unwrap_or("");
    let comparable: Vec<&PastResult> = history
        .iter()
        .filter(|h| h.increase == increase)
        .filter(|h| unit.is_empty() || h.unit.is_empty() || h.unit.eq_ignore_ascii_case(unit))
        .filter(|h| similar(metric, &h.metric))
        .filter(|h| h.baseline != 0.0 && h.achieved.is_some_and(f64::is_finite))
        .collect();
    if comparable.is_empty() {
        return unknown(format!(
            "No comparable past results for \"{}\" to judge the target against.",
            if metric.is_empty() {
                "this metric"
            } else {
                metric
            }
        ));
    }
    let mut reached: Vec<f64> = comparable
        .iter()
        .map(|h| {
            let a = h.achieved.unwrap_or(h.baseline);
            let d = (a - h.baseline) / h.baseline.abs();
            if increase {
                d
            } else {
                -d
            }
        })
        .collect();
    let own = comparable.iter().filter(|h| h.own).count();
    let best = reached.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let med = median(&mut reached);
    let n = comparable.len();
    let word = if increase { "increase" } else { "decrease" };
    let basis = format!(
        "best {}, median {} over {n} past goal{} ({own} yours)",
        pct(best.max(0.0)),
        pct(med),
        if n == 1 { "" } else { "s" }
    );
    let far = if best > 0.0 {
        planned > best * 1.5 && planned - best > 0.05
    } else {
        planned > 0.05
    };
    if far {
        let suggestion = goal
            .baseline
            .filter(|_| best > 0.0)
            .map(|b| {
                let t = if increase {
                    b + b.abs() * best
                } else {
                    b - b.abs() * best
                };
                format!(
                    "; a target near {} matches the best so far",
                    with_unit((t * 100.0).round() / 100.0, goal.unit.as_deref())
                )
            })
            .unwrap_or_default();
        Criterion {
            met: Some(false),
            hint: format!(
                "A {} {word} is far beyond what you and comparable people reached: {basis}{suggestion}.",
                pct(planned)
            ),
        }
    } else {
        Criterion {
            met: Some(true),
            hint: format!(
                "A {} {word} is within what was reached before: {basis}.",
                pct(planned)
            ),
        }
    }
}
