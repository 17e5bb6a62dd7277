//! Stride's pure domain: validated types and the math of goals.
//!
//! Nothing in this crate performs IO. The store, the CLI and the desktop app
//! parse their input into these types at the edge and then trust them.
//!
//! - [`org`]: people, org units, cycles
//! - [`goal`]: the goal model ([`Goal`], [`GoalDraft`], metric enums)
//! - [`progress`]: progress and expected progress
//! - [`status`]: pace bands and status
//! - [`forecast`]: robust trend forecast, prediction interval, probability of reaching the target
//! - [`risk`]: pace status combined with the forecast, and the reason in words
//! - [`alignment`]: the weighted alignment DAG, roll-up, paths, orphans
//! - [`checkin`]: check-ins and current-value derivation
//! - [`revision`]: revision history and "as of" reconstruction
//! - [`kpi`]: KPIs, periods, data points
//! - [`smart`]: the SMART assistant (sentence parser, verdict, templates)
//! - [`error`]: the crate's error type
#![forbid(unsafe_code)]

mod text_enum;

pub mod alerts;
pub mod alignment;
pub mod checkin;
pub mod digest;
pub mod error;
pub mod forecast;
pub mod goal;
pub mod ids;
pub mod kpi;
pub mod org;
pub mod progress;
pub mod reminders;
pub mod revision;
pub mod risk;
pub mod smart;
pub mod status;

pub use alignment::{
    alignment_paths, orphans, rollup, weighted_mean, AlignmentEdge, AlignmentGraph,
};
pub use checkin::{
    current_from_check_ins, current_from_kpi, current_value, latest_check_in, CheckIn,
    CheckInDraft, Confidence, CurrentValue, ValueSource,
};
pub use error::{DomainError, Result};
pub use forecast::{
    forecast, forecast_series, forecast_with, latest_on_or_before, observations_from_check_ins,
    observations_from_kpi, Forecast, ForecastMethod, ForecastSettings, NoForecast,
};
pub use goal::{
    Cadence, CadenceKind, Category, Checkpoint, Direction, Goal, GoalDraft, GoalKind, GoalState,
    Measure, Owner, UnitKind,
};
pub use ids::*;
pub use kpi::{validate_series, DataPoint, Kpi, Period, PeriodKind};
pub use org::{
    quarter_bounds, validate_org_units, validate_reporting_lines, Cycle, CycleState, OrgUnit,
    OrgUnitKind, Person, Role,
};
pub use progress::{expected_progress, linear_progress};
pub use revision::{
    field_history, goal_as_of, original, original_target, replay_forward, revise, revise_field,
    FieldChange, FieldValueAt, GoalField, Revision,
};
pub use risk::{assess, combine, RiskAssessment, RiskThresholds};
pub use status::{evaluate, goal_status, GoalEvaluation, GoalStatus, StatusThresholds};
