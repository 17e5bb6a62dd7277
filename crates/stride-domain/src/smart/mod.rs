//! The SMART assistant: a goal sentence becomes a structured goal and a
//! verdict on each SMART criterion — hand-written patterns, no IO, no model.
//!
//! - [`parse`] / [`parse_with`]: direction, metric, unit, baseline, target,
//!   change, deadline, method and leading indicators of a sentence;
//! - [`verdict`]: per criterion `met` (`Some(true)`, `Some(false)` or `None`
//!   when the sentence alone cannot tell) with a one-sentence hint, and a
//!   0–100 [score];
//! - [`judge_achievable`]: the target against past results ([`PastResult`]);
//! - [`check`]: parse + verdict, the `stride goal check` JSON object;
//! - [`templates`]: goal templates per department, [`templates::fill`],
//!   [`templates::apply_to_team`].
//!
//! The grammar, the conventions and the score formula are documented in the
//! crate README ("The SMART parser").

mod lexicon;
mod parse;
pub mod templates;
mod time;
mod token;
mod verdict;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize, Serializer};

pub use verdict::{judge_achievable, score, verdict, PastResult, VerdictInput};

/// Which way the sentence says the metric should go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum SmartDirection {
    /// Raise a number ("increase", "grow", "improve … from 67% to 75%").
    Increase,
    /// Lower a number ("reduce", "cut … to below 3%").
    Decrease,
    /// Hold a level ("keep … above 99.9%", a service level "within 2 hours").
    Maintain,
    /// Complete an outcome with a yes/no test ("earn the PMP certification").
    Achieve,
}

impl SmartDirection {
    /// The snake_case name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Increase => "increase",
            Self::Decrease => "decrease",
            Self::Maintain => "maintain",
            Self::Achieve => "achieve",
        }
    }
}

/// The period of a leading indicator's rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Per {
    /// per day / a day / daily.
    Day,
    /// per week / weekly.
    Week,
    /// per month / monthly.
    Month,
}

impl Per {
    /// `day`, `week` or `month`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
        }
    }
}

/// A stated change: "by 25%" is `{25, relative: true}`, "by 10 points" is
/// `{10, relative: false}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Change {
    /// The amount (always positive; the direction says which way).
    #[serde(serialize_with = "num")]
    pub value: f64,
    /// A percentage of the starting value (true) or an amount in the unit.
    pub relative: bool,
}

/// An activity rate that drives the outcome: "20 outbound calls per day".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LeadingIndicator {
    /// How many (20).
    #[serde(serialize_with = "num")]
    pub value: f64,
    /// The counted noun, plural lower case ("calls").
    pub unit: String,
    /// Per day, week or month; `None` for other periods.
    pub per: Option<Per>,
    /// What is done ("outbound calls").
    pub activity: String,
}

/// What a sentence states. Unknown values are `None`, never guessed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ParsedGoal {
    /// The sentence as given.
    pub statement: String,
    /// Which way the metric goes.
    pub direction: Option<SmartDirection>,
    /// What is measured ("average order processing time").
    pub metric: Option<String>,
    /// `%`, an ISO currency code, `minutes|hours|days|weeks|months`, or the
    /// counted noun in plural lower case.
    pub unit: Option<String>,
    /// The starting value ("from 48 hours").
    #[serde(serialize_with = "opt_num")]
    pub baseline: Option<f64>,
    /// The value to reach or hold ("to 32 hours", "above 99.9%").
    #[serde(serialize_with = "opt_num")]
    pub target: Option<f64>,
    /// A stated change ("by 25%").
    pub change: Option<Change>,
    /// The last day of the stated period.
    pub deadline: Option<NaiveDate>,
    /// How ("the by … / through … / via … part").
    pub method: Option<String>,
    /// Activity rates ("20 outbound calls per day").
    pub leading_indicators: Vec<LeadingIndicator>,
}

/// Parse settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseOptions {
    /// The reference day for relative periods ("next quarter", "within 90 days").
    pub today: NaiveDate,
    /// The month (1–12) the fiscal year starts in; FY*N* is the fiscal year
    /// that **ends** in calendar year *N*. Default 1: fiscal = calendar year.
    pub fiscal_year_start_month: u32,
}

impl ParseOptions {
    /// Options for `today` with a calendar fiscal year.
    #[must_use]
    pub const fn new(today: NaiveDate) -> Self {
        Self {
            today,
            fiscal_year_start_month: 1,
        }
    }
}

/// Parses a goal sentence relative to `today` (fiscal year = calendar year).
#[must_use]
pub fn parse(statement: &str, today: NaiveDate) -> ParsedGoal {
    parse_with(statement, &ParseOptions::new(today))
}

/// Parses a goal sentence with explicit options.
#[must_use]
pub fn parse_with(statement: &str, options: &ParseOptions) -> ParsedGoal {
    parse_noted(statement, options).0
}

pub(crate) fn parse_noted(statement: &str, options: &ParseOptions) -> (ParsedGoal, parse::Notes) {
    let cal = time::Calendar {
        today: options.today,
        fy_start_month: options.fiscal_year_start_month.clamp(1, 12),
    };
    parse::parse_tokens(statement, &cal)
}

/// One SMART criterion's verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Criterion {
    /// Met, not met, or `None` when the sentence alone cannot tell.
    pub met: Option<bool>,
    /// One sentence: what to add (or, when met, what satisfied it).
    pub hint: String,
}

/// The five criteria.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Criteria {
    /// Names what changes and by how much (or a concrete outcome).
    pub specific: Criterion,
    /// Has a number to measure by (target, change) or a yes/no completion test.
    pub measurable: Criterion,
    /// The target is within reach of past results (needs history).
    pub achievable: Criterion,
    /// Aligned to a parent goal (needs alignment).
    pub relevant: Criterion,
    /// Has a date or period by which it is reached.
    pub time_bound: Criterion,
}

/// Criteria and score for a parsed goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Verdict {
    /// Per criterion.
    pub criteria: Criteria,
    /// 0–100 (see [`score`]).
    pub score: u8,
}

/// The `stride goal check --json` object: the parse, the criteria and the
/// score, fields in the contract's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SmartCheck {
    /// The parse.
    #[serde(flatten)]
    pub goal: ParsedGoal,
    /// Per criterion.
    pub criteria: Criteria,
    /// 0–100.
    pub score: u8,
}

/// Parses `statement` and judges it.
#[must_use]
pub fn check(statement: &str, options: &ParseOptions, input: &VerdictInput<'_>) -> SmartCheck {
    prepare(statement, options).judge(input)
}

/// A sentence parsed once, so that what the verdict needs (e.g. past goals
/// on its metric) can be looked up from the parse before judging it.
#[derive(Debug, Clone)]
pub struct Prepared {
    goal: ParsedGoal,
    notes: parse::Notes,
}

impl Prepared {
    /// The parsed goal.
    #[must_use]
    pub fn goal(&self) -> &ParsedGoal {
        &self.goal
    }

    /// The verdict on it.
    #[must_use]
    pub fn judge(self, input: &VerdictInput<'_>) -> SmartCheck {
        let v = verdict::verdict_noted(&self.goal, &self.notes, input);
        SmartCheck {
            goal: self.goal,
            criteria: v.criteria,
            score: v.score,
        }
    }
}

/// Parses `statement` for a later [`Prepared::judge`].
#[must_use]
pub fn prepare(statement: &str, options: &ParseOptions) -> Prepared {
    let (goal, notes) = parse_noted(statement, options);
    Prepared { goal, notes }
}

/// Whole numbers as JSON integers (25, not 25.0); others as floats.
fn num<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

#[allow(clippy::ref_option)] // serde's serialize_with passes &Option<T>
fn opt_num<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => num(v, s),
        None => s.serialize_none(),
    }
}
