//! Revision history: every change of a goal field is an append-only
//! [`Revision`] (field, old value, new value, author, time, reason).
//!
//! Values are stored as JSON text in the same form as the goal's serde
//! output (`48.0`, `"2026-06-30"`, `"decrease"`, `null`, a checkpoint array …),
//! so the store keeps them in two TEXT columns. Because each revision keeps
//! the old value, a revised target never erases the original: replaying the
//! history backward from the current goal recovers any past state
//! ([`goal_as_of`], [`original`], [`field_history`]).
//!
//! Revisions that share a timestamp form one atomic edit (e.g. changing the
//! direction and the target together); they are applied in slice order — the
//! store's insertion order — and only the state after the whole edit is
//! validated.

use chrono::{DateTime, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Result};
use crate::goal::{Checkpoint, Goal, GoalDraft};
use crate::ids::{GoalId, PersonId, RevisionId};
use crate::text_enum::text_enum;

text_enum!(
    /// A revisable goal field (every field but the id). The names are the
    /// goal's serde field names.
    GoalField, "goal field" {
        /// [`GoalDraft::kind`]
        Kind => "kind",
        /// [`GoalDraft::owner`]
        Owner => "owner",
        /// [`GoalDraft::statement`]
        Statement => "statement",
        /// [`GoalDraft::title`]
        Title => "title",
        /// [`GoalDraft::method`]
        Method => "method",
        /// [`GoalDraft::category`]
        Category => "category",
        /// [`GoalDraft::metric_name`]
        MetricName => "metric_name",
        /// [`GoalDraft::unit`]
        Unit => "unit",
        /// [`GoalDraft::unit_label`]
        UnitLabel => "unit_label",
        /// [`GoalDraft::direction`]
        Direction => "direction",
        /// [`GoalDraft::baseline`]
        Baseline => "baseline",
        /// [`GoalDraft::target`]
        Target => "target",
        /// [`GoalDraft::band_low`]
        BandLow => "band_low",
        /// [`GoalDraft::band_high`]
        BandHigh => "band_high",
        /// [`GoalDraft::start`]
        Start => "start",
        /// [`GoalDraft::due`]
        Due => "due",
        /// [`GoalDraft::cycle`]
        Cycle => "cycle",
        /// [`GoalDraft::weight`]
        Weight => "weight",
        /// [`GoalDraft::cadence`]
        Cadence => "cadence",
        /// [`GoalDraft::checkpoints`]
        Checkpoints => "checkpoints",
        /// [`GoalDraft::state`]
        State => "state",
        /// [`GoalDraft::kpi`]
        Kpi => "kpi",
    }
);

fn enc<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

fn dec<T: DeserializeOwned>(field: GoalField, json: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| DomainError::Invalid {
        field: field.as_str().to_owned(),
        reason: format!("not a valid value ({e})"),
    })
}

fn parse_num(field: GoalField, text: &str) -> Result<f64> {
    let v: f64 = text.trim().parse().map_err(|_| DomainError::Invalid {
        field: field.as_str().to_owned(),
        reason: format!(
            "`{}` is not a number",
            text.chars().take(64).collect::<String>()
        ),
    })?;
    if v.is_finite() {
        Ok(v)
    } else {
        Err(DomainError::NotFinite {
            field: field.as_str().to_owned(),
            value: v,
        })
    }
}

fn parse_date(field: GoalField, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| DomainError::Invalid {
        field: field.as_str().to_owned(),
        reason: format!(
            "`{}` is not a date (YYYY-MM-DD)",
            text.chars().take(64).collect::<String>()
        ),
    })
}

fn is_none_word(text: &str) -> bool {
    matches!(text.trim(), "" | "none" | "null" | "-")
}

impl GoalField {
    /// The field's current value in `draft`, as JSON text.
    #[must_use]
    pub fn get(self, d: &GoalDraft) -> String {
        match self {
            Self::Kind => enc(&d.kind),
            Self::Owner => enc(&d.owner),
            Self::Statement => enc(&d.statement),
            Self::Title => enc(&d.title),
            Self::Method => enc(&d.method),
            Self::Category => enc(&d.category),
            Self::MetricName => enc(&d.metric_name),
            Self::Unit => enc(&d.unit),
            Self::UnitLabel => enc(&d.unit_label),
            Self::Direction => enc(&d.direction),
            Self::Baseline => enc(&d.baseline),
            Self::Target => enc(&d.target),
            Self::BandLow => enc(&d.band_low),
            Self::BandHigh => enc(&d.band_high),
            Self::Start => enc(&d.start),
            Self::Due => enc(&d.due),
            Self::Cycle => enc(&d.cycle),
            Self::Weight => enc(&d.weight),
            Self::Cadence => enc(&d.cadence),
            Self::Checkpoints => enc(&d.checkpoints),
            Self::State => enc(&d.state),
            Self::Kpi => enc(&d.kpi),
        }
    }

    /// Sets the field in `draft` from JSON text (no goal validation here).
    ///
    /// # Errors
    /// JSON that does not fit the field's type.
    pub fn set(self, d: &mut GoalDraft, json: &str) -> Result<()> {
        match self {
            Self::Kind => d.kind = dec(self, json)?,
            Self::Owner => d.owner = dec(self, json)?,
            Self::Statement => d.statement = dec(self, json)?,
            Self::Title => d.title = dec(self, json)?,
            Self::Method => d.method = dec(self, json)?,
            Self::Category => d.category = dec(self, json)?,
            Self::MetricName => d.metric_name = dec(self, json)?,
            Self::Unit => d.unit = dec(self, json)?,
            Self::UnitLabel => d.unit_label = dec(self, json)?,
            Self::Direction => d.direction = dec(self, json)?,
            Self::Baseline => d.baseline = dec(self, json)?,
            Self::Target => d.target = dec(self, json)?,
            Self::BandLow => d.band_low = dec(self, json)?,
            Self::BandHigh => d.band_high = dec(self, json)?,
            Self::Start => d.start = dec(self, json)?,
            Self::Due => d.due = dec(self, json)?,
            Self::Cycle => d.cycle = dec(self, json)?,
            Self::Weight => d.weight = dec(self, json)?,
            Self::Cadence => d.cadence = dec(self, json)?,
            Self::Checkpoints => d.checkpoints = dec::<Vec<Checkpoint>>(self, json)?,
            Self::State => d.state = dec(self, json)?,
            Self::Kpi => d.kpi = dec(self, json)?,
        }
        Ok(())
    }

    /// Turns what a person types (`35`, `2026-06-30`, `decrease`, `none`,
    /// `custom:10`, `person:<id>`, free text) into the field's JSON text.
    /// Optional fields accept `none`, `null`, `-` or an empty string for "no
    /// value"; checkpoints take a JSON array.
    ///
    /// # Errors
    /// Input that does not parse for the field.
    pub fn parse_input(self, text: &str) -> Result<String> {
        let opt_num = |t: &str| -> Result<String> {
            if is_none_word(t) {
                Ok("null".to_owned())
            } else {
                Ok(enc(&parse_num(self, t)?))
            }
        };
        match self {
            Self::Statement | Self::Title | Self::Method | Self::MetricName | Self::UnitLabel => {
                Ok(enc(&text))
            }
            Self::Kind => Ok(enc(&text.parse::<crate::GoalKind>()?)),
            Self::Owner => Ok(enc(&text.parse::<crate::Owner>()?)),
            Self::Category => Ok(enc(&text.parse::<crate::Category>()?)),
            Self::Unit => Ok(enc(&text.parse::<crate::UnitKind>()?)),
            Self::Direction => Ok(enc(&text.parse::<crate::Direction>()?)),
            Self::State => Ok(enc(&text.parse::<crate::GoalState>()?)),
            Self::Cadence => Ok(enc(&text.parse::<crate::Cadence>()?)),
            Self::Baseline | Self::Target | Self::BandLow | Self::BandHigh => opt_num(text),
            Self::Weight => Ok(enc(&parse_num(self, text)?)),
            Self::Start | Self::Due => Ok(enc(&parse_date(self, text)?)),
            Self::Cycle => {
                if is_none_word(text) {
                    Ok("null".to_owned())
                } else {
                    Ok(enc(&text.trim().parse::<crate::CycleId>()?))
                }
            }
            Self::Kpi => {
                if is_none_word(text) {
                    Ok("null".to_owned())
                } else {
                    Ok(enc(&text.trim().parse::<crate::KpiId>()?))
                }
            }
            Self::Checkpoints => {
                let cps: Vec<Checkpoint> = dec(self, text)?;
                Ok(enc(&cps))
            }
        }
    }

    /// `json` in this crate's canonical form for the field (so that
    /// `1` and `1.0` compare equal).
    fn normalise(self, scratch: &GoalDraft, json: &str) -> Result<String> {
        let mut d = scratch.clone();
        self.set(&mut d, json)?;
        Ok(self.get(&d))
    }
}

/// One change of one goal field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Revision {
    /// Id.
    pub id: RevisionId,
    /// The goal changed.
    pub goal: GoalId,
    /// The field changed.
    pub field: GoalField,
    /// The value before, as JSON text.
    pub old_value: String,
    /// The value after, as JSON text.
    pub new_value: String,
    /// Who changed it.
    pub author: PersonId,
    /// When.
    pub at: DateTime<Utc>,
    /// Why (required).
    pub reason: String,
}

/// A requested change: a field and its new value as JSON text (see
/// [`GoalField::parse_input`] for typed input).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldChange {
    /// The field.
    pub field: GoalField,
    /// The new value, JSON text.
    pub value: String,
}

impl FieldChange {
    /// A change from what a person typed (see [`GoalField::parse_input`]).
    ///
    /// # Errors
    /// Input that does not parse for the field.
    pub fn from_input(field: GoalField, text: &str) -> Result<Self> {
        Ok(Self {
            field,
            value: field.parse_input(text)?,
        })
    }
}

/// Applies `changes` to `goal` as one edit at time `at`, returning the new
/// goal and one revision per change (old → new). The result must be a valid
/// goal, so related fields can change together (e.g. direction and target).
///
/// # Errors
/// An empty reason, a change that alters nothing, JSON that does not fit a
/// field, or a resulting goal that fails validation (that error, unchanged).
pub fn revise(
    goal: &Goal,
    changes: &[FieldChange],
    author: PersonId,
    at: DateTime<Utc>,
    reason: &str,
) -> Result<(Goal, Vec<Revision>)> {
    if reason.trim().is_empty() {
        return Err(DomainError::MissingReason);
    }
    let mut draft = goal.as_draft().clone();
    let mut revisions = Vec::with_capacity(changes.len());
    for change in changes {
        let old_value = change.field.get(&draft);
        change.field.set(&mut draft, &change.value)?;
        let new_value = change.field.get(&draft);
        if new_value == old_value {
            return Err(DomainError::NoChange {
                field: change.field,
            });
        }
        revisions.push(Revision {
            id: RevisionId::new(),
            goal: goal.id,
            field: change.field,
            old_value,
            new_value,
            author,
            at,
            reason: reason.trim().to_owned(),
        });
    }
    let revised = Goal::new(draft)?;
    Ok((revised, revisions))
}

/// One field changed from what a person typed: `revise` with
/// [`FieldChange::from_input`].
///
/// # Errors
/// As [`revise`] and [`GoalField::parse_input`].
pub fn revise_field(
    goal: &Goal,
    field: GoalField,
    input: &str,
    author: PersonId,
    at: DateTime<Utc>,
    reason: &str,
) -> Result<(Goal, Revision)> {
    let change = FieldChange::from_input(field, input)?;
    let (goal, mut revs) = revise(goal, &[change], author, at, reason)?;
    let rev = revs.pop().ok_or(DomainError::NoChange { field })?;
    Ok((goal, rev))
}

/// Indices of `revisions` sorted by time, ties kept in slice order.
fn chronological(revisions: &[Revision]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..revisions.len()).collect();
    idx.sort_by_key(|&i| revisions[i].at);
    idx
}

/// The goal as it was at time `at`: replays `revisions` (the goal's full
/// history, any order) backward from `current`, undoing every revision made
/// after `at`. Before the first revision this is the original goal.
///
/// # Errors
/// A revision of another goal, a history that does not chain onto the current
/// goal (a field's value differs from what the revision recorded), or a
/// reconstructed state that is not a valid goal.
pub fn goal_as_of(current: &Goal, revisions: &[Revision], at: DateTime<Utc>) -> Result<Goal> {
    let mut draft = current.as_draft().clone();
    for &i in chronological(revisions).iter().rev() {
        let r = &revisions[i];
        check_goal(current.id, r)?;
        if r.at <= at {
            break;
        }
        let found = r.field.get(&draft);
        let expected = r.field.normalise(&draft, &r.new_value)?;
        if found != expected {
            return Err(DomainError::RevisionChain {
                revision: r.id,
                field: r.field,
                expected,
                found,
            });
        }
        r.field.set(&mut draft, &r.old_value)?;
    }
    // Check the remaining (older) revisions belong to the goal too.
    for r in revisions {
        check_goal(current.id, r)?;
    }
    Goal::new(draft).map_err(|e| DomainError::InvalidHistory {
        at,
        source: Box::new(e),
    })
}

/// The goal as first created (every revision undone).
///
/// # Errors
/// As [`goal_as_of`].
pub fn original(current: &Goal, revisions: &[Revision]) -> Result<Goal> {
    let before = revisions
        .iter()
        .map(|r| r.at)
        .min()
        .and_then(|t| t.checked_sub_signed(chrono::TimeDelta::nanoseconds(1)))
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    goal_as_of(current, revisions, before)
}

/// The goal at time `at`, replaying `revisions` forward from the `original`.
///
/// # Errors
/// As [`goal_as_of`], checking each revision's old value instead.
pub fn replay_forward(original: &Goal, revisions: &[Revision], at: DateTime<Utc>) -> Result<Goal> {
    let mut draft = original.as_draft().clone();
    for i in chronological(revisions) {
        let r = &revisions[i];
        check_goal(original.id, r)?;
        if r.at > at {
            break;
        }
        let found = r.field.get(&draft);
        let expected = r.field.normalise(&draft, &r.old_value)?;
        if found != expected {
            return Err(DomainError::RevisionChain {
                revision: r.id,
                field: r.field,
                expected,
                found,
            });
        }
        r.field.set(&mut draft, &r.new_value)?;
    }
    Goal::new(draft).map_err(|e| DomainError::InvalidHistory {
        at,
        source: Box::new(e),
    })
}

fn check_goal(goal: GoalId, r: &Revision) -> Result<()> {
    if r.goal == goal {
        Ok(())
    } else {
        Err(DomainError::RevisionForOtherGoal {
            revision: r.id,
            expected: goal,
            found: r.goal,
        })
    }
}

/// One value a field held, from a time on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldValueAt {
    /// From when (`None`: from creation).
    pub since: Option<DateTime<Utc>>,
    /// The value, JSON text.
    pub value: String,
    /// The revision that set it (`None` for the original value).
    pub revision: Option<RevisionId>,
    /// Its reason (empty for the original value).
    pub reason: String,
}

/// Every value `field` has held, oldest first: the original, then one entry
/// per revision of that field.
///
/// # Errors
/// As [`original`].
pub fn field_history(
    current: &Goal,
    revisions: &[Revision],
    field: GoalField,
) -> Result<Vec<FieldValueAt>> {
    let first = original(current, revisions)?;
    let mut out = vec![FieldValueAt {
        since: None,
        value: field.get(first.as_draft()),
        revision: None,
        reason: String::new(),
    }];
    for i in chronological(revisions) {
        let r = &revisions[i];
        if r.field == field {
            out.push(FieldValueAt {
                since: Some(r.at),
                value: r.new_value.clone(),
                revision: Some(r.id),
                reason: r.reason.clone(),
            });
        }
    }
    Ok(out)
}

/// The target the goal was created with (a revised target never erases it):
/// the value the earliest target revision started from, or the current
/// target when it was never revised.
///
/// Unlike [`original`] this needs no unbroken chain of revisions: edits made
/// offline on two devices and synced later both start from the same value
/// (12 → 70 and 12 → 80, then 80 → 70), and the history still says where
/// the target began.
///
/// # Errors
/// A revision of another goal; an old value that is not a target.
pub fn original_target(current: &Goal, revisions: &[Revision]) -> Result<Option<f64>> {
    for r in revisions {
        check_goal(current.id, r)?;
    }
    match chronological(revisions)
        .into_iter()
        .map(|i| &revisions[i])
        .find(|r| r.field == GoalField::Target)
    {
        Some(first) => dec(GoalField::Target, &first.old_value),
        None => Ok(current.target),
    }
}
