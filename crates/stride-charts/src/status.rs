//! Dashboard: goal counts by status as one stacked horizontal bar.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::error::{render_err, ChartError};
use crate::svg::{
    anchored, bold, draw_legend, font, legend_height, render, text_width, Area, LegendEntry, Swatch,
};
use crate::theme::{rgb, text_on, Palette, Theme};
use crate::ChartSize;

/// A goal's computed status (the same five values as `stride-domain`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GoalStatus {
    /// At or ahead of the expected pace.
    OnTrack,
    /// Behind the expected pace.
    AtRisk,
    /// Well behind the expected pace.
    OffTrack,
    /// Reached.
    Done,
    /// Past due without reaching the target.
    Missed,
}

impl GoalStatus {
    /// All statuses in the order the bar draws them.
    pub const ALL: [GoalStatus; 5] = [
        GoalStatus::OnTrack,
        GoalStatus::AtRisk,
        GoalStatus::OffTrack,
        GoalStatus::Done,
        GoalStatus::Missed,
    ];

    /// The wire name (`on_track`, `at_risk`, `off_track`, `done`, `missed`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            GoalStatus::OnTrack => "on_track",
            GoalStatus::AtRisk => "at_risk",
            GoalStatus::OffTrack => "off_track",
            GoalStatus::Done => "done",
            GoalStatus::Missed => "missed",
        }
    }

    /// Human label ("On track").
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            GoalStatus::OnTrack => "On track",
            GoalStatus::AtRisk => "At risk",
            GoalStatus::OffTrack => "Off track",
            GoalStatus::Done => "Done",
            GoalStatus::Missed => "Missed",
        }
    }

    /// The status colour in a palette.
    #[must_use]
    pub const fn color(self, p: &Palette) -> &'static str {
        match self {
            GoalStatus::OnTrack => p.on_track,
            GoalStatus::AtRisk => p.at_risk,
            GoalStatus::OffTrack => p.off_track,
            GoalStatus::Done => p.done,
            GoalStatus::Missed => p.missed,
        }
    }
}

/// How many goals have a status. Repeated statuses are added up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusCount {
    /// The status.
    pub status: GoalStatus,
    /// Number of goals with it.
    pub count: u32,
}

/// Default size of the status bar.
pub const STATUS_BARS_SIZE: ChartSize = ChartSize {
    width: 720,
    height: 140,
};

fn percent(n: u64, total: u64) -> u64 {
    // Counts are sums of at most a few u32 values: no overflow at ×100.
    (n * 100 + total / 2).checked_div(total).unwrap_or(0)
}

/// Goal counts by status as a stacked horizontal bar with a legend, 720×140.
///
/// All-zero (or empty) input draws an empty bar saying "No goals".
///
/// # Errors
///
/// Only [`ChartError::Render`], which valid input does not produce.
pub fn status_bars(counts: &[StatusCount], theme: Theme) -> Result<String, ChartError> {
    status_bars_sized(counts, theme, STATUS_BARS_SIZE)
}

/// [`status_bars`] at a chosen size.
///
/// # Errors
///
/// [`ChartError::InvalidSize`] for a size outside [`ChartSize`]'s limits.
pub fn status_bars_sized(
    counts: &[StatusCount],
    theme: Theme,
    size: ChartSize,
) -> Result<String, ChartError> {
    size.validate()?;
    let pal = theme.palette();
    let totals: Vec<(GoalStatus, u64)> = GoalStatus::ALL
        .iter()
        .map(|s| {
            let n = counts
                .iter()
                .filter(|c| c.status == *s)
                .map(|c| u64::from(c.count))
                .sum();
            (*s, n)
        })
        .collect();
    let total: u64 = totals.iter().map(|(_, n)| n).sum();
    let title = "Goals by status";
    let desc = if total == 0 {
        format!("{title}: no goals.")
    } else {
        let parts: Vec<String> = totals
            .iter()
            .map(|(s, n)| {
                format!(
                    "{n} {} ({} %)",
                    s.label().to_lowercase(),
                    percent(*n, total)
                )
            })
            .collect();
        format!(
            "{title}: {total} goal{}; {}.",
            if total == 1 { "" } else { "s" },
            parts.join(", ")
        )
    };
    let legend: Vec<LegendEntry> = totals
        .iter()
        .map(|(s, n)| LegendEntry {
            swatch: Swatch::Square(s.color(&pal)),
            text: format!("{} {n}", s.label()),
        })
        .collect();
    let w = i32::try_from(size.width).unwrap_or(i32::MAX);
    let h = i32::try_from(size.height).unwrap_or(i32::MAX);
    let legend_h = legend_height(&legend, 16, w - 16);
    let bar_top = 36;
    let bar_h = (h - bar_top - legend_h - 18).clamp(12, 44);
    let total_text = match total {
        0 => "no goals".to_owned(),
        1 => "1 goal".to_owned(),
        n => format!("{n} goals"),
    };

    render(
        (size.width, size.height),
        title,
        &desc,
        |root: &Area<'_>| {
            root.fill(&rgb(pal.background)).map_err(render_err)?;
            root.draw(&Text::new(
                title,
                (16, 18),
                anchored(bold(15.0, pal.text), HPos::Left, VPos::Center),
            ))
            .map_err(render_err)?;
            root.draw(&Text::new(
                total_text.clone(),
                (w - 16, 18),
                anchored(font(13.0, pal.muted), HPos::Right, VPos::Center),
            ))
            .map_err(render_err)?;
            let (x0, x1) = (16, w - 16);
            let (y0, y1) = (bar_top, bar_top + bar_h);
            if total == 0 {
                root.draw(&Rectangle::new(
                    [(x0, y0), (x1, y1)],
                    rgb(pal.grid).filled(),
                ))
                .map_err(render_err)?;
                root.draw(&Text::new(
                    "No goals",
                    ((x0 + x1) / 2, (y0 + y1) / 2),
                    anchored(font(13.0, pal.muted), HPos::Center, VPos::Center),
                ))
                .map_err(render_err)?;
            } else {
                let width = f64::from(x1 - x0);
                let mut cum = 0u64;
                let visible: Vec<&(GoalStatus, u64)> =
                    totals.iter().filter(|(_, n)| *n > 0).collect();
                for (i, (s, n)) in visible.iter().enumerate() {
                    let a = x0 + (cum as f64 / total as f64 * width).round() as i32;
                    cum += n;
                    let b = x0 + (cum as f64 / total as f64 * width).round() as i32;
                    let gap = if i + 1 < visible.len() { 2 } else { 0 };
                    let b = (b - gap).max(a + 1);
                    let fill = s.color(&pal);
                    root.draw(&Rectangle::new([(a, y0), (b, y1)], rgb(fill).filled()))
                        .map_err(render_err)?;
                    // "12 · 40 %" when it fits, else the count, else nothing.
                    let long = format!("{n} \u{b7} {} %", percent(*n, total));
                    let label = if b - a >= text_width(&long, 12.0) + 12 {
                        long
                    } else {
                        n.to_string()
                    };
                    if b - a >= text_width(&label, 12.0) + 8 {
                        root.draw(&Text::new(
                            label,
                            ((a + b) / 2, (y0 + y1) / 2),
                            anchored(bold(12.0, text_on(fill)), HPos::Center, VPos::Center),
                        ))
                        .map_err(render_err)?;
                    }
                }
            }
            draw_legend(
                root,
                &legend,
                16,
                y1 + 18,
                w - 16,
                pal.muted,
                pal.background,
            )
        },
    )
}
