//! The goal model: one [`Goal`] type for SMART goals, objectives and key
//! results, parsed from a [`GoalDraft`] so that every `Goal` in the program is
//! valid (see [`Goal::new`] for the rules).

use std::fmt;
use std::ops::Deref;
use std::str::FromStr;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Result};
use crate::ids::{CycleId, GoalId, KpiId, OrgUnitId, PersonId};
use crate::text_enum::text_enum;

text_enum!(
    /// What a goal is: a stand-alone SMART goal, an OKR objective, or one of
    /// its key results.
    GoalKind, "goal kind" {
        /// A SMART goal.
        SmartGoal => "smart_goal",
        /// An OKR objective.
        Objective => "objective",
        /// An OKR key result.
        KeyResult => "key_result",
    }
);

text_enum!(
    /// What kind of result a goal is about.
    Category, "goal category" {
        /// An outcome (e.g. revenue, processing time).
        Performance => "performance",
        /// A skill or development goal.
        Development => "development",
        /// An activity / leading indicator (e.g. 20 outbound calls a day).
        Activity => "activity",
    }
);

text_enum!(
    /// The kind of quantity a metric measures (drives formatting and whether
    /// the goal is binary).
    UnitKind, "unit kind" {
        /// A plain number.
        Number => "number",
        /// A percentage, stored as the number shown (67 means 67 %).
        Percent => "percent",
        /// Money; the currency code goes in the unit label (e.g. "USD").
        Currency => "currency",
        /// A duration; the unit goes in the label (e.g. "hours").
        Duration => "duration",
        /// A count of things (e.g. "calls").
        Count => "count",
        /// Done or not done; goes with [`Direction::Done`].
        Binary => "binary",
    }
);

text_enum!(
    /// Which way a metric should move.
    Direction, "direction" {
        /// Raise the value from the baseline to the target.
        Increase => "increase",
        /// Lower the value from the baseline to the target.
        Decrease => "decrease",
        /// Be at or above the target (a threshold to reach or keep).
        AtLeast => "at_least",
        /// Be at or below the target.
        AtMost => "at_most",
        /// Stay inside `[band_low, band_high]`.
        WithinBand => "within_band",
        /// Done or not done (binary).
        Done => "done",
    }
);

text_enum!(
    /// A goal's lifecycle state (set by people; the computed pace is
    /// [`GoalStatus`](crate::GoalStatus)).
    GoalState, "goal state" {
        /// Being written; not tracked yet.
        Draft => "draft",
        /// Committed and tracked.
        Active => "active",
        /// Closed as achieved.
        Completed => "completed",
        /// Closed as not achieved.
        Missed => "missed",
        /// Dropped; kept for history, excluded from roll-up.
        Cancelled => "cancelled",
        /// Set aside by a change of priorities; excluded from roll-up.
        Deprioritised => "deprioritised",
    }
);

impl GoalState {
    /// Whether the goal counts in roll-ups and dashboards (active or closed
    /// with a result). Drafts, cancelled and deprioritised goals do not.
    #[must_use]
    pub const fn counts_in_rollup(self) -> bool {
        matches!(self, Self::Active | Self::Completed | Self::Missed)
    }
}

impl Direction {
    /// Whether the direction compares a number with a target (all but `done`).
    #[must_use]
    pub const fn is_numeric(self) -> bool {
        !matches!(self, Self::Done)
    }

    /// Whether the goal is a level to hold rather than a change to make
    /// (`at_least`, `at_most`, `within_band`). Such goals are judged on their
    /// due date: meeting the level early means "on track", not "done".
    #[must_use]
    pub const fn is_maintenance(self) -> bool {
        matches!(self, Self::AtLeast | Self::AtMost | Self::WithinBand)
    }
}

/// Who owns a goal: a person or an org unit (team, department, … company).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "type", content = "id", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Owner {
    /// An individual's goal.
    Person(PersonId),
    /// A team/department/division/company goal.
    Unit(OrgUnitId),
}

impl Owner {
    /// `"person"` or `"unit"` (the store's `owner_type` column).
    #[must_use]
    pub const fn kind_str(&self) -> &'static str {
        match self {
            Self::Person(_) => "person",
            Self::Unit(_) => "unit",
        }
    }

    /// The person, if a person owns the goal.
    #[must_use]
    pub const fn person(&self) -> Option<PersonId> {
        match self {
            Self::Person(p) => Some(*p),
            Self::Unit(_) => None,
        }
    }

    /// The org unit, if a unit owns the goal.
    #[must_use]
    pub const fn unit(&self) -> Option<OrgUnitId> {
        match self {
            Self::Unit(u) => Some(*u),
            Self::Person(_) => None,
        }
    }

    /// Rebuilds an owner from the store's two columns (`"person"`/`"unit"` and
    /// the id text).
    ///
    /// # Errors
    /// An unknown kind or a malformed id.
    pub fn from_parts(kind: &str, id: &str) -> Result<Self> {
        match kind.trim() {
            "person" => Ok(Self::Person(id.parse()?)),
            "unit" => Ok(Self::Unit(id.parse()?)),
            other => Err(DomainError::UnknownVariant {
                what: "owner type",
                input: other.chars().take(64).collect(),
                expected: "person unit",
            }),
        }
    }
}

/// `person:<uuid>` or `unit:<uuid>`.
impl fmt::Display for Owner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Person(p) => write!(f, "person:{p}"),
            Self::Unit(u) => write!(f, "unit:{u}"),
        }
    }
}

impl FromStr for Owner {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self> {
        let (kind, id) = s
            .split_once(':')
            .ok_or_else(|| DomainError::invalid("owner", "expected person:<id> or unit:<id>"))?;
        Self::from_parts(kind, id)
    }
}

text_enum!(
    /// The kind of a [`Cadence`] (its store column).
    CadenceKind, "cadence" {
        /// Every 7 days.
        Weekly => "weekly",
        /// Every 14 days.
        Biweekly => "biweekly",
        /// Same day each month.
        Monthly => "monthly",
        /// Every N days.
        Custom => "custom",
    }
);

/// How often the owner should check in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Cadence {
    /// Every 7 days.
    Weekly,
    /// Every 14 days (the HR example's bi-weekly sessions).
    Biweekly,
    /// Once a month.
    Monthly,
    /// Every `days` days, 1..=366.
    Custom {
        /// Interval in days.
        days: u16,
    },
}

impl Cadence {
    /// Largest custom interval.
    pub const MAX_CUSTOM_DAYS: u16 = 366;

    /// The kind (store column `cadence`).
    #[must_use]
    pub const fn kind(&self) -> CadenceKind {
        match self {
            Self::Weekly => CadenceKind::Weekly,
            Self::Biweekly => CadenceKind::Biweekly,
            Self::Monthly => CadenceKind::Monthly,
            Self::Custom { .. } => CadenceKind::Custom,
        }
    }

    /// The custom day count (store column `cadence_days`), `None` otherwise.
    #[must_use]
    pub const fn custom_days(&self) -> Option<u16> {
        match self {
            Self::Custom { days } => Some(*days),
            _ => None,
        }
    }

    /// A custom cadence of `days` days.
    ///
    /// # Errors
    /// `days` outside 1..=366.
    pub fn custom(days: i64) -> Result<Self> {
        match u16::try_from(days) {
            Ok(d) if (1..=Self::MAX_CUSTOM_DAYS).contains(&d) => Ok(Self::Custom { days: d }),
            _ => Err(DomainError::InvalidCadence { days }),
        }
    }

    /// Rebuilds a cadence from its two store columns.
    ///
    /// # Errors
    /// A custom kind without a valid day count.
    pub fn from_parts(kind: CadenceKind, days: Option<i64>) -> Result<Self> {
        match kind {
            CadenceKind::Weekly => Ok(Self::Weekly),
            CadenceKind::Biweekly => Ok(Self::Biweekly),
            CadenceKind::Monthly => Ok(Self::Monthly),
            CadenceKind::Custom => Self::custom(days.unwrap_or(0)),
        }
    }

    /// The next check-in date after one on `from` (`None` past chrono's range).
    #[must_use]
    pub fn next_after(&self, from: NaiveDate) -> Option<NaiveDate> {
        match self {
            Self::Weekly => from.checked_add_days(chrono::Days::new(7)),
            Self::Biweekly => from.checked_add_days(chrono::Days::new(14)),
            Self::Monthly => from.checked_add_months(Months::new(1)),
            Self::Custom { days } => from.checked_add_days(chrono::Days::new(u64::from(*days))),
        }
    }
}

/// `weekly`, `biweekly`, `monthly` or `custom:N`.
impl fmt::Display for Cadence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Custom { days } => write!(f, "custom:{days}"),
            other => f.write_str(other.kind().as_str()),
        }
    }
}

impl FromStr for Cadence {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self> {
        let s = s.trim();
        if let Some(days) = s.strip_prefix("custom:") {
            let days: i64 = days.trim().parse().map_err(|_| {
                DomainError::invalid("cadence", "custom:N needs a whole number of days")
            })?;
            return Self::custom(days);
        }
        Self::from_parts(s.parse()?, None)
    }
}

/// A dated intermediate target, e.g. the operations goal's six-week review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Checkpoint {
    /// When the value should be reached (within `[start, due]`).
    pub date: NaiveDate,
    /// The metric value expected by then (in the metric's unit, not a %).
    pub expected: f64,
    /// A short label ("six-week review"); may be empty.
    pub label: String,
}

/// An unvalidated goal: every field as written by a person, a file or the
/// store. [`Goal::new`] turns it into a [`Goal`]; a `Goal` derefs to its draft
/// for read access, so `goal.title` works.
///
/// Metric values depend on the direction:
///
/// | direction     | baseline | target   | band_low / band_high |
/// |---------------|----------|----------|----------------------|
/// | `increase`    | required | required, > baseline | absent    |
/// | `decrease`    | required | required, < baseline | absent    |
/// | `at_least`    | required | required | absent               |
/// | `at_most`     | required | required | absent               |
/// | `within_band` | required | absent   | required, low ≤ high |
/// | `done`        | absent   | absent   | absent               |
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GoalDraft {
    /// The goal's id (a new one for a new goal).
    pub id: GoalId,
    /// SMART goal, objective or key result.
    pub kind: GoalKind,
    /// A person or an org unit.
    pub owner: Owner,
    /// The sentence as written, e.g. "Reduce average order processing time
    /// from 48 hours to 32 hours by Q2 2026 by …". May be empty.
    pub statement: String,
    /// A short title; required.
    pub title: String,
    /// The "how" (e.g. "automated workflow routing"). May be empty.
    pub method: String,
    /// Performance, development or activity.
    pub category: Category,
    /// What is measured, e.g. "average order processing time".
    pub metric_name: String,
    /// The kind of quantity.
    pub unit: UnitKind,
    /// The unit as shown: "%", "USD", "hours", "calls". May be empty.
    pub unit_label: String,
    /// Which way the metric should move.
    pub direction: Direction,
    /// The value at the start.
    pub baseline: Option<f64>,
    /// The value to reach (or the threshold for `at_least`/`at_most`).
    pub target: Option<f64>,
    /// Low end of the band (`within_band`).
    pub band_low: Option<f64>,
    /// High end of the band (`within_band`).
    pub band_high: Option<f64>,
    /// First day of the goal.
    pub start: NaiveDate,
    /// Last day of the goal (inclusive), ≥ `start`.
    pub due: NaiveDate,
    /// The cycle it belongs to, if any.
    pub cycle: Option<CycleId>,
    /// Relative weight among the owner's goals, > 0 (default 1).
    pub weight: f64,
    /// How often to check in.
    pub cadence: Cadence,
    /// Dated intermediate targets, in `[start, due]`, at most one per date.
    pub checkpoints: Vec<Checkpoint>,
    /// Lifecycle state.
    pub state: GoalState,
    /// A KPI whose latest data point is the goal's current value.
    pub kpi: Option<KpiId>,
}

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest statement / method, in characters.
pub const MAX_TEXT_CHARS: usize = 4000;
/// Most checkpoints on one goal.
pub const MAX_CHECKPOINTS: usize = 366;

impl GoalDraft {
    /// A draft with the required pieces and neutral defaults: a new id, kind
    /// `smart_goal`, category `performance`, unit `number`, direction
    /// `increase` with no baseline/target yet, weight 1, weekly cadence, state
    /// `active`, no cycle, checkpoints or KPI.
    #[must_use]
    pub fn new(owner: Owner, title: impl Into<String>, start: NaiveDate, due: NaiveDate) -> Self {
        Self {
            id: GoalId::new(),
            kind: GoalKind::SmartGoal,
            owner,
            statement: String::new(),
            title: title.into(),
            method: String::new(),
            category: Category::Performance,
            metric_name: String::new(),
            unit: UnitKind::Number,
            unit_label: String::new(),
            direction: Direction::Increase,
            baseline: None,
            target: None,
            band_low: None,
            band_high: None,
            start,
            due,
            cycle: None,
            weight: 1.0,
            cadence: Cadence::Weekly,
            checkpoints: Vec::new(),
            state: GoalState::Active,
            kpi: None,
        }
    }

    /// Validates the draft (see [`Goal::new`]).
    ///
    /// # Errors
    /// The first rule broken, naming the field.
    pub fn validate(self) -> Result<Goal> {
        Goal::new(self)
    }
}

/// A valid goal. Build one with [`Goal::new`] (or `GoalDraft::validate`,
/// `TryFrom<GoalDraft>`, serde); read fields through `Deref<Target = GoalDraft>`;
/// change it through [`crate::revision::revise`] so history is kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "GoalDraft")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Goal(GoalDraft);

impl Deref for Goal {
    type Target = GoalDraft;

    fn deref(&self) -> &GoalDraft {
        &self.0
    }
}

impl TryFrom<GoalDraft> for Goal {
    type Error = DomainError;

    fn try_from(draft: GoalDraft) -> Result<Self> {
        Self::new(draft)
    }
}

impl From<Goal> for GoalDraft {
    fn from(goal: Goal) -> Self {
        goal.0
    }
}

fn check_text(field: &'static str, value: &str, required: bool, max: usize) -> Result<()> {
    if required && value.trim().is_empty() {
        return Err(DomainError::Empty { field });
    }
    let len = value.chars().count();
    if len > max {
        return Err(DomainError::TooLong { field, len, max });
    }
    Ok(())
}

fn finite(field: &str, value: Option<f64>) -> Result<()> {
    match value {
        Some(v) if !v.is_finite() => Err(DomainError::NotFinite {
            field: field.to_owned(),
            value: v,
        }),
        _ => Ok(()),
    }
}

fn required(field: &'static str, value: Option<f64>, direction: Direction) -> Result<f64> {
    value.ok_or(DomainError::Missing { field, direction })
}

fn absent(field: &'static str, value: Option<f64>, direction: Direction) -> Result<()> {
    match value {
        Some(_) => Err(DomainError::NotApplicable { field, direction }),
        None => Ok(()),
    }
}

impl Goal {
    /// Parses a draft into a goal. Rules, in the order checked:
    ///
    /// - `title` is not blank; `title` ≤ 200 characters, `statement`,
    ///   `method`, `metric_name`, `unit_label` ≤ 4000;
    /// - every number (baseline, target, band, weight, checkpoint values) is finite;
    /// - `weight` > 0;
    /// - `due` ≥ `start`;
    /// - unit `binary` ⇔ direction `done`;
    /// - the metric values match the direction (table on [`GoalDraft`]):
    ///   required ones present, others absent; `increase` needs
    ///   target > baseline and `decrease` target < baseline (equal is
    ///   [`DomainError::TargetEqualsBaseline`]); `band_low` ≤ `band_high`;
    /// - a custom cadence has 1..=366 days;
    /// - checkpoints (not on `done` goals) lie in `[start, due]`, one per date,
    ///   at most 366; they are stored sorted by date.
    ///
    /// # Errors
    /// The first broken rule, as a [`DomainError`] naming the field.
    pub fn new(mut draft: GoalDraft) -> Result<Self> {
        check_text("title", &draft.title, true, MAX_TITLE_CHARS)?;
        check_text("statement", &draft.statement, false, MAX_TEXT_CHARS)?;
        check_text("method", &draft.method, false, MAX_TEXT_CHARS)?;
        check_text("metric_name", &draft.metric_name, false, MAX_TEXT_CHARS)?;
        check_text("unit_label", &draft.unit_label, false, MAX_TEXT_CHARS)?;

        finite("baseline", draft.baseline)?;
        finite("target", draft.target)?;
        finite("band_low", draft.band_low)?;
        finite("band_high", draft.band_high)?;
        finite("weight", Some(draft.weight))?;
        for (i, c) in draft.checkpoints.iter().enumerate() {
            finite(&format!("checkpoints[{i}].expected"), Some(c.expected))?;
        }
        if draft.weight <= 0.0 {
            return Err(DomainError::WeightNotPositive {
                field: "weight",
                value: draft.weight,
            });
        }
        if draft.due < draft.start {
            return Err(DomainError::EndBeforeStart {
                field: "due",
                start: draft.start,
                end: draft.due,
            });
        }
        let direction = draft.direction;
        if (draft.unit == UnitKind::Binary) != (direction == Direction::Done) {
            return Err(DomainError::UnitDirectionMismatch {
                unit: draft.unit,
                direction,
            });
        }
        match direction {
            Direction::Increase | Direction::Decrease => {
                let baseline = required("baseline", draft.baseline, direction)?;
                let target = required("target", draft.target, direction)?;
                absent("band_low", draft.band_low, direction)?;
                absent("band_high", draft.band_high, direction)?;
                if target == baseline {
                    return Err(DomainError::TargetEqualsBaseline {
                        direction,
                        baseline,
                    });
                }
                let up = direction == Direction::Increase;
                if (target > baseline) != up {
                    return Err(DomainError::DirectionMismatch {
                        direction,
                        needed: if up { "above" } else { "below" },
                        baseline,
                        target,
                    });
                }
            }
            Direction::AtLeast | Direction::AtMost => {
                required("baseline", draft.baseline, direction)?;
                required("target", draft.target, direction)?;
                absent("band_low", draft.band_low, direction)?;
                absent("band_high", draft.band_high, direction)?;
            }
            Direction::WithinBand => {
                required("baseline", draft.baseline, direction)?;
                absent("target", draft.target, direction)?;
                let low = required("band_low", draft.band_low, direction)?;
                let high = required("band_high", draft.band_high, direction)?;
                if low > high {
                    return Err(DomainError::BandInverted { low, high });
                }
            }
            Direction::Done => {
                absent("baseline", draft.baseline, direction)?;
                absent("target", draft.target, direction)?;
                absent("band_low", draft.band_low, direction)?;
                absent("band_high", draft.band_high, direction)?;
            }
        }
        if let Cadence::Custom { days } = draft.cadence {
            Cadence::custom(i64::from(days))?;
        }
        if !draft.checkpoints.is_empty() && direction == Direction::Done {
            return Err(DomainError::CheckpointsNotApplicable { direction });
        }
        if draft.checkpoints.len() > MAX_CHECKPOINTS {
            return Err(DomainError::invalid(
                "checkpoints",
                format!("at most {MAX_CHECKPOINTS} checkpoints are allowed"),
            ));
        }
        for (index, c) in draft.checkpoints.iter().enumerate() {
            if c.date < draft.start || c.date > draft.due {
                return Err(DomainError::CheckpointOutOfRange {
                    index,
                    date: c.date,
                    start: draft.start,
                    due: draft.due,
                });
            }
            check_text("checkpoints.label", &c.label, false, MAX_TITLE_CHARS)?;
            if draft.checkpoints[..index].iter().any(|o| o.date == c.date) {
                return Err(DomainError::CheckpointDuplicate {
                    index,
                    date: c.date,
                });
            }
        }
        draft.checkpoints.sort_by_key(|c| c.date);
        Ok(Self(draft))
    }

    /// The validated draft.
    #[must_use]
    pub fn as_draft(&self) -> &GoalDraft {
        &self.0
    }

    /// Gives the draft back (to edit and re-validate).
    #[must_use]
    pub fn into_draft(self) -> GoalDraft {
        self.0
    }

    /// The metric as a typed measure (the values the direction needs).
    #[must_use]
    pub fn measure(&self) -> Measure {
        // Validation guarantees the needed values; the fallbacks are unreachable
        // but keep this total without unwrap.
        let d = &self.0;
        let b = d.baseline.unwrap_or(0.0);
        let t = d.target.unwrap_or(0.0);
        match d.direction {
            Direction::Increase => Measure::Increase {
                baseline: b,
                target: t,
            },
            Direction::Decrease => Measure::Decrease {
                baseline: b,
                target: t,
            },
            Direction::AtLeast => Measure::AtLeast {
                baseline: b,
                target: t,
            },
            Direction::AtMost => Measure::AtMost {
                baseline: b,
                target: t,
            },
            Direction::WithinBand => Measure::WithinBand {
                baseline: b,
                low: d.band_low.unwrap_or(0.0),
                high: d.band_high.unwrap_or(0.0),
            },
            Direction::Done => Measure::Done,
        }
    }
}

/// A goal's metric in typed form: exactly the numbers its direction uses.
/// The progress formulas live on it (see [`crate::progress`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "direction", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Measure {
    /// Raise from `baseline` to `target` (> baseline).
    Increase {
        /// Start value.
        baseline: f64,
        /// Value to reach.
        target: f64,
    },
    /// Lower from `baseline` to `target` (< baseline).
    Decrease {
        /// Start value.
        baseline: f64,
        /// Value to reach.
        target: f64,
    },
    /// Be ≥ `target`.
    AtLeast {
        /// Start value.
        baseline: f64,
        /// Threshold.
        target: f64,
    },
    /// Be ≤ `target`.
    AtMost {
        /// Start value.
        baseline: f64,
        /// Threshold.
        target: f64,
    },
    /// Stay within `[low, high]`.
    WithinBand {
        /// Start value.
        baseline: f64,
        /// Low end.
        low: f64,
        /// High end.
        high: f64,
    },
    /// Done (1) or not (0).
    Done,
}

impl Measure {
    /// The direction this measure belongs to.
    #[must_use]
    pub const fn direction(&self) -> Direction {
        match self {
            Self::Increase { .. } => Direction::Increase,
            Self::Decrease { .. } => Direction::Decrease,
            Self::AtLeast { .. } => Direction::AtLeast,
            Self::AtMost { .. } => Direction::AtMost,
            Self::WithinBand { .. } => Direction::WithinBand,
            Self::Done => Direction::Done,
        }
    }
}
