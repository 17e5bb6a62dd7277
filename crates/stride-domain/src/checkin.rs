//! Check-ins (append-only; a correction is a new check-in) and the derivation
//! of a goal's current value from check-ins or from its KPI.

use std::cmp::Ordering;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Result};
use crate::goal::{Direction, Goal, MAX_TEXT_CHARS};
use crate::ids::{CheckInId, GoalId, KpiId, PersonId};
use crate::kpi::DataPoint;

/// A confidence rating, 0 (no chance) to 10 (certain).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(type = "number"))]
pub struct Confidence(u8);

impl Confidence {
    /// Highest confidence.
    pub const MAX: u8 = 10;

    /// A confidence from 0 to 10.
    ///
    /// # Errors
    /// [`DomainError::ConfidenceOutOfRange`].
    pub fn new(value: i64) -> Result<Self> {
        match u8::try_from(value) {
            Ok(v) if v <= Self::MAX => Ok(Self(v)),
            _ => Err(DomainError::ConfidenceOutOfRange { value }),
        }
    }

    /// The rating.
    #[must_use]
    pub const fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for Confidence {
    type Error = DomainError;

    fn try_from(v: i64) -> Result<Self> {
        Self::new(v)
    }
}

impl From<Confidence> for u8 {
    fn from(c: Confidence) -> Self {
        c.0
    }
}

/// A check-in as entered, before validation against its goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckInDraft {
    /// The goal checked in on.
    pub goal: GoalId,
    /// The measured value (measurable goals).
    pub value: Option<f64>,
    /// Done flag (binary goals).
    pub done: bool,
    /// Confidence 0–10, if given.
    pub confidence: Option<i64>,
    /// Free text.
    pub note: String,
    /// What is in the way.
    pub blockers: String,
    /// The date the value is for.
    pub effective: NaiveDate,
    /// Who checks in.
    pub author: PersonId,
}

/// A recorded check-in. Records are never edited; a correction is a new one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckIn {
    /// Id.
    pub id: CheckInId,
    /// The goal.
    pub goal: GoalId,
    /// The measured value, finite.
    pub value: Option<f64>,
    /// Done flag (binary goals).
    pub done: bool,
    /// Confidence 0–10.
    pub confidence: Option<Confidence>,
    /// Free text.
    pub note: String,
    /// What is in the way.
    pub blockers: String,
    /// The date the value is for.
    pub effective: NaiveDate,
    /// Who checked in.
    pub author: PersonId,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
}

impl CheckIn {
    /// Validates `draft` against `goal` and records it with a new id.
    ///
    /// Rules: the draft is for `goal`; the value is finite; confidence 0–10;
    /// note and blockers ≤ 4000 characters; on a `done` goal the value is
    /// absent, 0 or 1; on a measurable goal the done flag is not set and a
    /// value is required unless the goal tracks a KPI (then a check-in may
    /// carry only confidence and notes).
    ///
    /// # Errors
    /// The first broken rule.
    pub fn new(draft: CheckInDraft, goal: &Goal, created_at: DateTime<Utc>) -> Result<Self> {
        if draft.goal != goal.id {
            return Err(DomainError::WrongGoal {
                expected: goal.id,
                found: draft.goal,
            });
        }
        if let Some(v) = draft.value {
            if !v.is_finite() {
                return Err(DomainError::NotFinite {
                    field: "value".to_owned(),
                    value: v,
                });
            }
        }
        let confidence = draft.confidence.map(Confidence::new).transpose()?;
        for (field, text) in [("note", &draft.note), ("blockers", &draft.blockers)] {
            let len = text.chars().count();
            if len > MAX_TEXT_CHARS {
                return Err(DomainError::TooLong {
                    field,
                    len,
                    max: MAX_TEXT_CHARS,
                });
            }
        }
        if goal.direction == Direction::Done {
            if let Some(v) = draft.value {
                if v != 0.0 && v != 1.0 {
                    return Err(DomainError::NotBinary { value: v });
                }
            }
        } else {
            if draft.done {
                return Err(DomainError::invalid(
                    "done",
                    "only done/not-done goals take the done flag; give a value",
                ));
            }
            if draft.value.is_none() && goal.kpi.is_none() {
                return Err(DomainError::MissingCheckInValue);
            }
        }
        Ok(Self {
            id: CheckInId::new(),
            goal: draft.goal,
            value: draft.value,
            done: draft.done,
            confidence,
            note: draft.note,
            blockers: draft.blockers,
            effective: draft.effective,
            author: draft.author,
            created_at,
        })
    }

    /// The value this check-in observes: 1 when the done flag is set,
    /// otherwise its finite value; `None` for a notes-only check-in.
    #[must_use]
    pub fn observed(&self) -> Option<f64> {
        if self.done {
            Some(1.0)
        } else {
            self.value.filter(|v| v.is_finite())
        }
    }
}

/// Total order used to pick the latest check-in: effective date, then
/// `created_at`, then id (so the result never depends on input order).
fn recency(a: &CheckIn, b: &CheckIn) -> Ordering {
    (a.effective, a.created_at, a.id).cmp(&(b.effective, b.created_at, b.id))
}

/// The latest check-in with an observed value, by effective date (ties by
/// `created_at`, then id), ignoring check-ins dated after `as_of` when given.
/// Independent of the slice's order.
#[must_use]
pub fn latest_check_in(check_ins: &[CheckIn], as_of: Option<NaiveDate>) -> Option<&CheckIn> {
    check_ins
        .iter()
        .filter(|c| c.observed().is_some())
        .filter(|c| as_of.is_none_or(|d| c.effective <= d))
        .max_by(|a, b| recency(a, b))
}

/// Where a current value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ValueSource {
    /// A check-in.
    CheckIn {
        /// Its id.
        id: CheckInId,
    },
    /// A KPI data point.
    Kpi {
        /// The KPI.
        kpi: KpiId,
    },
}

/// A goal's current value with its date and origin.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CurrentValue {
    /// The value.
    pub value: f64,
    /// The check-in's effective date, or the KPI period's start.
    pub date: NaiveDate,
    /// Where it came from.
    pub source: ValueSource,
}

/// The current value from check-ins (see [`latest_check_in`]).
#[must_use]
pub fn current_from_check_ins(
    check_ins: &[CheckIn],
    as_of: Option<NaiveDate>,
) -> Option<CurrentValue> {
    latest_check_in(check_ins, as_of).and_then(|c| {
        c.observed().map(|value| CurrentValue {
            value,
            date: c.effective,
            source: ValueSource::CheckIn { id: c.id },
        })
    })
}

/// The current value from a KPI series: the data point of `kpi` with the
/// latest period start (≤ `as_of` when given; ties by `recorded_at`, then
/// id). Points of other KPIs and non-finite values are ignored.
#[must_use]
pub fn current_from_kpi(
    kpi: KpiId,
    points: &[DataPoint],
    as_of: Option<NaiveDate>,
) -> Option<CurrentValue> {
    points
        .iter()
        .filter(|p| p.kpi == kpi && p.value.is_finite())
        .filter(|p| as_of.is_none_or(|d| p.period.start() <= d))
        .max_by(|a, b| {
            (a.period.start(), a.recorded_at, a.id).cmp(&(b.period.start(), b.recorded_at, b.id))
        })
        .map(|p| CurrentValue {
            value: p.value,
            date: p.period.start(),
            source: ValueSource::Kpi { kpi },
        })
}

/// A goal's current value: from its KPI's latest data point when it tracks a
/// KPI and the series has a point, otherwise from its latest check-in.
/// Check-ins of other goals are ignored.
#[must_use]
pub fn current_value(
    goal: &Goal,
    check_ins: &[CheckIn],
    kpi_points: &[DataPoint],
    as_of: Option<NaiveDate>,
) -> Option<CurrentValue> {
    if let Some(kpi) = goal.kpi {
        if let Some(v) = current_from_kpi(kpi, kpi_points, as_of) {
            return Some(v);
        }
    }
    let own: Vec<CheckIn> = check_ins
        .iter()
        .filter(|c| c.goal == goal.id)
        .cloned()
        .collect();
    current_from_check_ins(&own, as_of)
}
