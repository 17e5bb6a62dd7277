//! The crate's one error type.

use chrono::NaiveDate;

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ChartError {
    /// The goal's period is empty or reversed (`start` must be before `due`).
    #[error("the goal period is empty: start {start} must be before due {due}")]
    EmptyPeriod {
        /// First day of the goal.
        start: NaiveDate,
        /// Due date of the goal.
        due: NaiveDate,
    },
    /// An input number is NaN or infinite; `field` names it (e.g. `checkins[2].value`).
    #[error("{field} is not a finite number")]
    NonFinite {
        /// Path of the offending field in the input.
        field: String,
    },
    /// The requested size is outside what the charts can lay out.
    #[error("chart size {width}×{height} is outside {min_width}×{min_height} … {max}×{max}")]
    InvalidSize {
        /// Requested width in pixels.
        width: u32,
        /// Requested height in pixels.
        height: u32,
        /// Smallest width accepted.
        min_width: u32,
        /// Smallest height accepted.
        min_height: u32,
        /// Largest width or height accepted.
        max: u32,
    },
    /// plotters failed while drawing (not expected for valid input).
    #[error("chart rendering failed: {0}")]
    Render(String),
}

pub(crate) fn finite(value: f64, field: impl FnOnce() -> String) -> Result<f64, ChartError> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(ChartError::NonFinite { field: field() })
    }
}

pub(crate) fn render_err<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError::Render(e.to_string())
}
