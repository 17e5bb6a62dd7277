//! Dashboard: histogram of progress minus expected pace.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::axis::{Labels, ValueAxis};
use crate::error::{finite, render_err, ChartError};
use crate::svg::{
    anchored, bold, draw_legend, font, legend_height, render, text_width, Area, LegendEntry, Swatch,
};
use crate::theme::{rgb, Theme};
use crate::ChartSize;

/// Default size of the distribution chart.
pub const DISTRIBUTION_SIZE: ChartSize = ChartSize {
    width: 720,
    height: 280,
};

/// Number of bins from −100 % to +100 % (10 percentage points each).
pub const BINS: usize = 20;

/// Bin of a delta (a fraction, 0.25 = 25 points ahead); beyond ±1 goes to the end bins.
fn bin(v: f64) -> usize {
    let x = (v * 10.0 + 10.0 + 1e-9).floor();
    if x <= 0.0 {
        0
    } else {
        (x as usize).min(BINS - 1)
    }
}

fn points(v: f64) -> String {
    let p = (v * 100.0).round();
    if p == 0.0 {
        "0".to_owned()
    } else if p > 0.0 {
        format!("+{p}")
    } else {
        format!("\u{2212}{}", -p)
    }
}

/// Histogram of `progress − expected` per goal, 720×280.
///
/// Each delta is a fraction of the goal (progress and expected progress both
/// in `[0, 1]`), so `-0.25` is 25 percentage points behind the expected pace.
/// Twenty bins of 10 points cover −100 % … +100 %; anything beyond lands in
/// the end bins (and the description says so). Empty input draws an honest
/// "No goals" chart.
///
/// # Errors
///
/// [`ChartError::NonFinite`] naming the first NaN or infinite delta
/// (`deltas[i]`).
pub fn progress_distribution(deltas: &[f64], theme: Theme) -> Result<String, ChartError> {
    progress_distribution_sized(deltas, theme, DISTRIBUTION_SIZE)
}

/// [`progress_distribution`] at a chosen size.
///
/// # Errors
///
/// As [`progress_distribution`], plus [`ChartError::InvalidSize`].
pub fn progress_distribution_sized(
    deltas: &[f64],
    theme: Theme,
    size: ChartSize,
) -> Result<String, ChartError> {
    size.validate()?;
    for (i, v) in deltas.iter().enumerate() {
        finite(*v, || format!("deltas[{i}]"))?;
    }
    let pal = theme.palette();
    let mut counts = [0u64; BINS];
    for v in deltas {
        counts[bin(*v)] += 1;
    }
    let n = deltas.len();
    let behind = deltas.iter().filter(|v| **v < 0.0).count();
    let beyond = deltas.iter().filter(|v| v.abs() > 1.0).count();
    let title = "Progress vs expected pace";
    let desc = if n == 0 {
        format!("{title}: no goals.")
    } else {
        let mut sorted = deltas.to_vec();
        sorted.sort_by(f64::total_cmp);
        let median = if n % 2 == 1 {
            sorted[n / 2]
        } else {
            sorted[n / 2 - 1] / 2.0 + sorted[n / 2] / 2.0
        };
        let mut s = format!(
            "{title} for {n} goal{}: {behind} behind pace, {} on or ahead of pace; median {} percentage points. Bins of 10 points from \u{2212}100 % to +100 %.",
            if n == 1 { "" } else { "s" },
            n - behind,
            points(median)
        );
        if beyond > 0 {
            s.push_str(&format!(
                " {beyond} value{} beyond \u{b1}100 % counted in the end bins.",
                if beyond == 1 { "" } else { "s" }
            ));
        }
        s
    };
    let legend = vec![
        LegendEntry {
            swatch: Swatch::Square(pal.at_risk),
            text: format!("Behind pace {behind}"),
        },
        LegendEntry {
            swatch: Swatch::Square(pal.on_track),
            text: format!("On or ahead of pace {}", n - behind),
        },
    ];
    let w = i32::try_from(size.width).unwrap_or(i32::MAX);
    let h = i32::try_from(size.height).unwrap_or(i32::MAX);
    let header = 34 + legend_height(&legend, 16, w - 16) + 4;
    let max_count = counts.iter().copied().max().unwrap_or(0);

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
            let total_text = match n {
                0 => "no goals".to_owned(),
                1 => "1 goal".to_owned(),
                n => format!("{n} goals"),
            };
            root.draw(&Text::new(
                total_text,
                (w - 16, 18),
                anchored(font(13.0, pal.muted), HPos::Right, VPos::Center),
            ))
            .map_err(render_err)?;
            draw_legend(root, &legend, 16, 42, w - 16, pal.muted, pal.background)?;
            let (_, plot) = root.split_vertically(header);

            let x_ticks: Vec<f64> = (0..=10).map(|i| -100.0 + 20.0 * f64::from(i)).collect();
            let x_axis = ValueAxis::fixed(-100.0, 100.0, x_ticks, Labels::SignedPercent);
            let plot_h = (h - header - 40).max(40);
            let y_axis = ValueAxis::counts(max_count, (plot_h / 32).max(2) as usize);
            let y_top = y_axis.hi();
            let y_label_w = text_width(&"0".repeat(y_axis.widest_label()), 12.0) + 14;

            let mut chart = ChartBuilder::on(&plot)
                .margin_left(8)
                .margin_right(36)
                .margin_top(4)
                .margin_bottom(4)
                .x_label_area_size(44)
                .y_label_area_size(y_label_w + 22)
                .build_cartesian_2d(x_axis, y_axis)
                .map_err(render_err)?;
            chart
                .configure_mesh()
                .disable_x_mesh()
                .max_light_lines(0)
                .bold_line_style(rgb(pal.grid).stroke_width(1))
                .axis_style(rgb(pal.axis).stroke_width(1))
                .set_all_tick_mark_size(4)
                .x_labels(11)
                .y_labels(64)
                .label_style(font(12.0, pal.muted))
                .x_desc("Progress minus expected progress (percentage points)")
                .y_desc("Goals")
                .axis_desc_style(font(12.0, pal.muted))
                .draw()
                .map_err(render_err)?;

            for (i, count) in counts.iter().enumerate() {
                if *count == 0 {
                    continue;
                }
                let a = -100.0 + 10.0 * i as f64;
                let color = if a < 0.0 { pal.at_risk } else { pal.on_track };
                chart
                    .draw_series([Rectangle::new(
                        [(a + 0.6, 0.0), (a + 10.0 - 0.6, *count as f64)],
                        rgb(color).filled(),
                    )])
                    .map_err(render_err)?;
                chart
                    .draw_series([EmptyElement::at((a + 5.0, *count as f64))
                        + Text::new(
                            count.to_string(),
                            (0, -3),
                            anchored(font(11.0, pal.muted), HPos::Center, VPos::Bottom),
                        )])
                    .map_err(render_err)?;
            }
            // The expected pace itself.
            chart
                .draw_series(LineSeries::new(
                    [(0.0, 0.0), (0.0, y_top)],
                    rgb(pal.text).stroke_width(1),
                ))
                .map_err(render_err)?;
            chart
                .draw_series([EmptyElement::at((0.0, y_top))
                    + Text::new(
                        "On pace",
                        (5, 3),
                        anchored(font(11.0, pal.muted), HPos::Left, VPos::Top),
                    )])
                .map_err(render_err)?;
            if n == 0 {
                chart
                    .draw_series([EmptyElement::at((-50.0, y_top / 2.0))
                        + Text::new(
                            "No goals",
                            (0, 0),
                            anchored(font(13.0, pal.muted), HPos::Center, VPos::Center),
                        )])
                    .map_err(render_err)?;
            }
            Ok(())
        },
    )
}

#[cfg(test)]
mod tests {
    use super::bin;

    #[test]
    fn bins_have_closed_lower_edges() {
        assert_eq!(bin(-1.0), 0);
        assert_eq!(bin(-5.0), 0);
        assert_eq!(bin(-0.3), 7);
        assert_eq!(bin(-0.0001), 9);
        assert_eq!(bin(0.0), 10);
        assert_eq!(bin(0.95), 19);
        assert_eq!(bin(1.0), 19);
        assert_eq!(bin(7.0), 19);
    }
}
