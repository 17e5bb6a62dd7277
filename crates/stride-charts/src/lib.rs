//! Stride's charts: plotters rendered to SVG strings.
//!
//! Every public function is pure: plain structs in, a self-contained SVG
//! document out (no IO, no fonts, no external references, no scripts). Text is
//! written as SVG `<text>` elements so the web view lays it out with the OS's
//! UI font; the crate builds plotters without any font engine. Each document
//! carries `role="img"` with a `<title>` and a `<desc>` that says in words what
//! the chart shows.
//!
//! - [`progress_chart`]: a goal's progress over time (goal page).
//! - [`status_bars`]: goal counts by status as a stacked bar (dashboards).
//! - [`progress_distribution`]: histogram of progress minus expected pace
//!   (dashboards).
#![forbid(unsafe_code)]

mod axis;
mod distribution;
mod error;
mod progress;
mod status;
mod svg;
mod theme;

pub use distribution::{progress_distribution, progress_distribution_sized};
pub use error::ChartError;
pub use progress::{
    progress_chart, progress_description, CheckIn, Checkpoint, Forecast, ForecastPoint,
    ProgressChart,
};
pub use status::{status_bars, status_bars_sized, GoalStatus, StatusCount};
pub use theme::{contrast_ratio, Palette, Theme};

/// Pixel size of a chart's SVG canvas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChartSize {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl ChartSize {
    /// Smallest width the layouts fit in.
    pub const MIN_WIDTH: u32 = 240;
    /// Smallest height the layouts fit in.
    pub const MIN_HEIGHT: u32 = 120;
    /// Largest width or height.
    pub const MAX: u32 = 8192;

    /// A size of `width` × `height` pixels.
    #[must_use]
    pub const fn new(width: u32, height: u32) -> Self {
        Self { width, height }
    }

    pub(crate) fn validate(self) -> Result<(), ChartError> {
        if self.width < Self::MIN_WIDTH
            || self.height < Self::MIN_HEIGHT
            || self.width > Self::MAX
            || self.height > Self::MAX
        {
            return Err(ChartError::InvalidSize {
                width: self.width,
                height: self.height,
                min_width: Self::MIN_WIDTH,
                min_height: Self::MIN_HEIGHT,
                max: Self::MAX,
            });
        }
        Ok(())
    }
}
