//! The crate's one error type. Every variant says which field (or which
//! relation) is wrong and why, in a sentence fit for a one-line CLI error;
//! [`DomainError::code`] gives a stable machine code for IPC.

use chrono::NaiveDate;

use crate::goal::{Direction, UnitKind};
use crate::ids::{GoalId, IdParseError, KpiId, OrgUnitId, PersonId, RevisionId};
use crate::kpi::PeriodKind;
use crate::revision::GoalField;

/// A value or relation the domain refuses. Never constructed by a panic path:
/// every public constructor and parser returns it instead.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DomainError {
    /// A required text field is empty (after trimming).
    #[error("{field}: must not be empty")]
    Empty {
        /// The field, e.g. `title`.
        field: &'static str,
    },
    /// A text field is longer than allowed.
    #[error("{field}: is {len} characters long; at most {max} are allowed")]
    TooLong {
        /// The field.
        field: &'static str,
        /// Its length in characters.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A number is NaN or infinite.
    #[error("{field}: must be a finite number, got {value}")]
    NotFinite {
        /// The field, e.g. `target` or `checkpoints[2].expected`.
        field: String,
        /// The rejected value.
        value: f64,
    },
    /// A value the metric's direction needs is absent.
    #[error("{field}: is required when the direction is {direction}")]
    Missing {
        /// The field.
        field: &'static str,
        /// The goal's direction.
        direction: Direction,
    },
    /// A value is given that the metric's direction does not use.
    #[error("{field}: does not apply when the direction is {direction}; leave it empty")]
    NotApplicable {
        /// The field.
        field: &'static str,
        /// The goal's direction.
        direction: Direction,
    },
    /// An increase/decrease goal whose target equals its baseline measures nothing.
    #[error("target: must differ from the baseline ({baseline}); an {direction} goal needs a change to measure")]
    TargetEqualsBaseline {
        /// The goal's direction.
        direction: Direction,
        /// The (equal) baseline and target.
        baseline: f64,
    },
    /// The target lies on the wrong side of the baseline for the direction.
    #[error("target: a {direction} goal needs a target {needed} the baseline ({baseline}), got {target}")]
    DirectionMismatch {
        /// The goal's direction.
        direction: Direction,
        /// "above" or "below".
        needed: &'static str,
        /// The baseline.
        baseline: f64,
        /// The target.
        target: f64,
    },
    /// `band_low > band_high`.
    #[error("band_low: the band's low end ({low}) is above its high end ({high})")]
    BandInverted {
        /// Low end.
        low: f64,
        /// High end.
        high: f64,
    },
    /// An end date before its start date.
    #[error("{field}: {end} is before the start {start}")]
    EndBeforeStart {
        /// `due` for goals, `end` for cycles.
        field: &'static str,
        /// The start.
        start: NaiveDate,
        /// The rejected end.
        end: NaiveDate,
    },
    /// A weight that is not strictly positive.
    #[error("{field}: must be greater than 0, got {value}")]
    WeightNotPositive {
        /// `weight` or `alignment.weight`.
        field: &'static str,
        /// The rejected weight.
        value: f64,
    },
    /// A checkpoint dated outside `[start, due]`.
    #[error("checkpoints[{index}].date: {date} is outside the goal's period {start} to {due}")]
    CheckpointOutOfRange {
        /// Position in the draft's list.
        index: usize,
        /// The checkpoint's date.
        date: NaiveDate,
        /// Goal start.
        start: NaiveDate,
        /// Goal due date.
        due: NaiveDate,
    },
    /// Two checkpoints on the same date.
    #[error("checkpoints[{index}].date: another checkpoint is already dated {date}")]
    CheckpointDuplicate {
        /// Position in the draft's list.
        index: usize,
        /// The repeated date.
        date: NaiveDate,
    },
    /// Checkpoints on a goal that has no numeric target (direction `done`).
    #[error("checkpoints: a {direction} goal has no numeric path, so it cannot have checkpoints")]
    CheckpointsNotApplicable {
        /// The goal's direction.
        direction: Direction,
    },
    /// Binary unit without the `done` direction, or the reverse.
    #[error("unit: a {unit} unit goes with the done direction only (got direction {direction})")]
    UnitDirectionMismatch {
        /// The unit kind.
        unit: UnitKind,
        /// The direction.
        direction: Direction,
    },
    /// A custom cadence outside 1..=366 days.
    #[error("cadence: a custom cadence needs 1 to 366 days, got {days}")]
    InvalidCadence {
        /// The rejected day count.
        days: i64,
    },
    /// A confidence outside 0..=10.
    #[error("confidence: must be a whole number from 0 to 10, got {value}")]
    ConfidenceOutOfRange {
        /// The rejected value.
        value: i64,
    },
    /// A check-in on a binary goal whose value is not 0 or 1.
    #[error("value: a done/not-done goal takes 0 or 1 (or the done flag), got {value}")]
    NotBinary {
        /// The rejected value.
        value: f64,
    },
    /// A check-in on a measurable goal with neither a value nor the done flag.
    #[error("value: a check-in on a measurable goal needs a value")]
    MissingCheckInValue,
    /// A check-in filed against another goal.
    #[error("goal: the check-in belongs to goal {found}, not {expected}")]
    WrongGoal {
        /// The goal being evaluated.
        expected: GoalId,
        /// The goal on the record.
        found: GoalId,
    },
    /// Text that is not one of a vocabulary's stable names.
    #[error("unknown {what} `{input}`; expected one of: {expected}")]
    UnknownVariant {
        /// The vocabulary, e.g. "direction".
        what: &'static str,
        /// The rejected input (at most 64 characters).
        input: String,
        /// The accepted names, space-separated.
        expected: &'static str,
    },
    /// A malformed value for a typed field (a date, number, id, …).
    #[error("{field}: {reason}")]
    Invalid {
        /// The field.
        field: String,
        /// Why, in a few words.
        reason: String,
    },
    /// An id that is not a UUID.
    #[error(transparent)]
    Id(#[from] IdParseError),
    /// A goal aligned to itself.
    #[error("alignment: goal {goal} cannot contribute to itself")]
    SelfAlignment {
        /// The goal.
        goal: GoalId,
    },
    /// An alignment edge that would close a cycle.
    #[error("alignment: {child} -> {parent} would create a cycle: {}", format_path(.path))]
    AlignmentCycle {
        /// The child of the rejected edge.
        child: GoalId,
        /// The parent of the rejected edge.
        parent: GoalId,
        /// The cycle, starting and ending at `child`: child -> parent -> … -> child.
        path: Vec<GoalId>,
    },
    /// The same child → parent edge twice.
    #[error("alignment: {child} already contributes to {parent}")]
    DuplicateAlignment {
        /// Child goal.
        child: GoalId,
        /// Parent goal.
        parent: GoalId,
    },
    /// A person who is their own manager, directly or through others.
    #[error("manager: reporting line loops back to {person}")]
    ReportingCycle {
        /// A person on the loop.
        person: PersonId,
    },
    /// A problem in the org-unit tree.
    #[error("org unit {unit}: {reason}")]
    OrgTree {
        /// The offending unit.
        unit: OrgUnitId,
        /// Why.
        reason: String,
    },
    /// A revision's reason is empty.
    #[error("reason: a revision needs a reason")]
    MissingReason,
    /// A revision that would not change anything.
    #[error("{field}: the new value equals the current value")]
    NoChange {
        /// The field.
        field: GoalField,
    },
    /// The revision history does not chain onto the goal (an edit bypassed it).
    #[error(
        "revision {revision}: {field} should be {expected} at that point in history, found {found}"
    )]
    RevisionChain {
        /// The revision that does not fit.
        revision: RevisionId,
        /// Its field.
        field: GoalField,
        /// The value the revision says the field had.
        expected: String,
        /// The value replay found.
        found: String,
    },
    /// A revision filed against another goal.
    #[error("revision {revision}: belongs to goal {found}, not {expected}")]
    RevisionForOtherGoal {
        /// The revision.
        revision: RevisionId,
        /// The goal being reconstructed.
        expected: GoalId,
        /// The goal on the revision.
        found: GoalId,
    },
    /// A replayed state that fails validation (a corrupted history).
    #[error("revision history yields an invalid goal at {at}: {source}")]
    InvalidHistory {
        /// The point in time.
        at: chrono::DateTime<chrono::Utc>,
        /// What is wrong with the goal there.
        source: Box<DomainError>,
    },
    /// A period that does not start on its kind's boundary.
    #[error("period: a {kind} period cannot start on {start} ({reason})")]
    InvalidPeriodStart {
        /// The period kind.
        kind: PeriodKind,
        /// The rejected start date.
        start: NaiveDate,
        /// Which boundary was expected.
        reason: &'static str,
    },
    /// A data point whose period kind differs from its KPI's.
    #[error("period: KPI {kpi} is tracked per {expected}, got a {found} period")]
    PeriodKindMismatch {
        /// The KPI.
        kpi: KpiId,
        /// The KPI's period kind.
        expected: PeriodKind,
        /// The data point's.
        found: PeriodKind,
    },
    /// Two data points for the same (KPI, period).
    #[error("data point: KPI {kpi} already has a value for the period starting {start}")]
    DuplicateDataPoint {
        /// The KPI.
        kpi: KpiId,
        /// The period start.
        start: NaiveDate,
    },
    /// A date computation that leaves chrono's range.
    #[error("{field}: date out of range")]
    DateOutOfRange {
        /// The field.
        field: &'static str,
    },
}

impl DomainError {
    /// The field the error is about: every message starts with it
    /// (`target: must differ …`), so this is that leading name, or `None`
    /// for errors about a whole record (an unknown variant, an org unit).
    #[must_use]
    pub fn field(&self) -> Option<String> {
        let message = self.to_string();
        let (head, _) = message.split_once(": ")?;
        (!head.is_empty() && !head.contains(' ')).then(|| head.to_owned())
    }

    /// A stable snake_case code for the IPC/HTTP boundary (one per variant).
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            Self::Empty { .. } => "empty",
            Self::TooLong { .. } => "too_long",
            Self::NotFinite { .. } => "not_finite",
            Self::Missing { .. } => "missing",
            Self::NotApplicable { .. } => "not_applicable",
            Self::TargetEqualsBaseline { .. } => "target_equals_baseline",
            Self::DirectionMismatch { .. } => "direction_mismatch",
            Self::BandInverted { .. } => "band_inverted",
            Self::EndBeforeStart { .. } => "end_before_start",
            Self::WeightNotPositive { .. } => "weight_not_positive",
            Self::CheckpointOutOfRange { .. } => "checkpoint_out_of_range",
            Self::CheckpointDuplicate { .. } => "checkpoint_duplicate",
            Self::CheckpointsNotApplicable { .. } => "checkpoints_not_applicable",
            Self::UnitDirectionMismatch { .. } => "unit_direction_mismatch",
            Self::InvalidCadence { .. } => "invalid_cadence",
            Self::ConfidenceOutOfRange { .. } => "confidence_out_of_range",
            Self::NotBinary { .. } => "not_binary",
            Self::MissingCheckInValue => "missing_check_in_value",
            Self::WrongGoal { .. } => "wrong_goal",
            Self::UnknownVariant { .. } => "unknown_variant",
            Self::Invalid { .. } => "invalid",
            Self::Id(_) => "invalid_id",
            Self::SelfAlignment { .. } => "self_alignment",
            Self::AlignmentCycle { .. } => "alignment_cycle",
            Self::DuplicateAlignment { .. } => "duplicate_alignment",
            Self::ReportingCycle { .. } => "reporting_cycle",
            Self::OrgTree { .. } => "org_tree",
            Self::MissingReason => "missing_reason",
            Self::NoChange { .. } => "no_change",
            Self::RevisionChain { .. } => "revision_chain",
            Self::RevisionForOtherGoal { .. } => "revision_for_other_goal",
            Self::InvalidHistory { .. } => "invalid_history",
            Self::InvalidPeriodStart { .. } => "invalid_period_start",
            Self::PeriodKindMismatch { .. } => "period_kind_mismatch",
            Self::DuplicateDataPoint { .. } => "duplicate_data_point",
            Self::DateOutOfRange { .. } => "date_out_of_range",
        }
    }

    pub(crate) fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::Invalid {
            field: field.into(),
            reason: reason.into(),
        }
    }
}

fn format_path(path: &[GoalId]) -> String {
    path.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" -> ")
}

/// The crate's result type.
pub type Result<T, E = DomainError> = std::result::Result<T, E>;
