//! The goal page's progress chart.

use chrono::NaiveDate;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::axis::{day_offset, format_value, DateAxis, ValueAxis};
use crate::error::{finite, render_err, ChartError};
use crate::svg::{
    anchored, bold, clean_label, draw_legend, font, legend_height, render, text_width, Area,
    LegendEntry, Swatch,
};
use crate::theme::{rgb, Theme};
use crate::ChartSize;

/// A planned intermediate value (e.g. "six-week review: 40 h by 12 May").
#[derive(Debug, Clone, PartialEq)]
pub struct Checkpoint {
    /// When the value is due.
    pub date: NaiveDate,
    /// The value expected on that date.
    pub value: f64,
    /// Short label drawn next to the marker ("" for none).
    pub label: String,
}

/// One reported value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CheckIn {
    /// Day of the check-in.
    pub date: NaiveDate,
    /// Value reported.
    pub value: f64,
}

/// One point of a forecast with its prediction interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ForecastPoint {
    /// Day the point forecasts.
    pub date: NaiveDate,
    /// Central forecast.
    pub value: f64,
    /// Lower end of the interval.
    pub low: f64,
    /// Upper end of the interval.
    pub high: f64,
}

/// A forecast drawn as a dashed line with a shaded interval.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Forecast {
    /// Points in any order; they are sorted by date.
    pub points: Vec<ForecastPoint>,
}

/// Everything the progress chart shows. Values are in the goal's unit; the
/// chart works for increasing and decreasing goals alike.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressChart {
    /// The goal's name; the chart title.
    pub title: String,
    /// Unit label for values and the y axis ("hours", "%", "calls/day"); may be empty.
    pub unit: String,
    /// First day of the goal; the expected pace starts here at `baseline`.
    pub start: NaiveDate,
    /// Due date; the expected pace ends here at `target`.
    pub due: NaiveDate,
    /// Value at `start`.
    pub baseline: f64,
    /// Value to reach by `due`.
    pub target: f64,
    /// For within-band goals: the acceptable range `(low, high)`, shaded.
    pub band: Option<(f64, f64)>,
    /// Planned intermediate values; the expected pace passes through them.
    pub checkpoints: Vec<Checkpoint>,
    /// Reported values in any order (sorted by date for drawing).
    pub checkins: Vec<CheckIn>,
    /// Where the goal is heading, if known.
    pub forecast: Option<Forecast>,
    /// Draws a "today" marker at this date.
    pub today: Option<NaiveDate>,
    /// Colours.
    pub theme: Theme,
    /// Pixel size of the SVG.
    pub size: ChartSize,
}

impl ProgressChart {
    /// Default size of the progress chart.
    pub const DEFAULT_SIZE: ChartSize = ChartSize {
        width: 720,
        height: 320,
    };

    /// A chart with the essentials and nothing optional (no check-ins, band,
    /// checkpoints, forecast or today marker; light theme; 720×320).
    #[must_use]
    pub fn new(
        title: impl Into<String>,
        unit: impl Into<String>,
        start: NaiveDate,
        due: NaiveDate,
        baseline: f64,
        target: f64,
    ) -> Self {
        Self {
            title: title.into(),
            unit: unit.into(),
            start,
            due,
            baseline,
            target,
            band: None,
            checkpoints: Vec::new(),
            checkins: Vec::new(),
            forecast: None,
            today: None,
            theme: Theme::Light,
            size: Self::DEFAULT_SIZE,
        }
    }

    fn validate(&self) -> Result<(), ChartError> {
        if self.start >= self.due {
            return Err(ChartError::EmptyPeriod {
                start: self.start,
                due: self.due,
            });
        }
        self.size.validate()?;
        finite(self.baseline, || "baseline".into())?;
        finite(self.target, || "target".into())?;
        if let Some((lo, hi)) = self.band {
            finite(lo, || "band.low".into())?;
            finite(hi, || "band.high".into())?;
        }
        for (i, c) in self.checkpoints.iter().enumerate() {
            finite(c.value, || format!("checkpoints[{i}].value"))?;
        }
        for (i, c) in self.checkins.iter().enumerate() {
            finite(c.value, || format!("checkins[{i}].value"))?;
        }
        if let Some(f) = &self.forecast {
            for (i, p) in f.points.iter().enumerate() {
                finite(p.value, || format!("forecast.points[{i}].value"))?;
                finite(p.low, || format!("forecast.points[{i}].low"))?;
                finite(p.high, || format!("forecast.points[{i}].high"))?;
            }
        }
        Ok(())
    }
}

/// `40 hours`, `12 %`, or just `40` without a unit.
fn with_unit(v: f64, unit: &str) -> String {
    if unit.is_empty() {
        format_value(v)
    } else {
        format!("{} {unit}", format_value(v))
    }
}

/// The expected-pace polyline: (start, baseline) → checkpoints → (due, target).
fn pace_points(c: &ProgressChart) -> Vec<(NaiveDate, f64)> {
    let mut pts = vec![(c.start, c.baseline)];
    let mut cps: Vec<&Checkpoint> = c.checkpoints.iter().collect();
    cps.sort_by_key(|cp| cp.date);
    pts.extend(cps.iter().map(|cp| (cp.date, cp.value)));
    pts.push((c.due, c.target));
    pts.sort_by_key(|p| p.0);
    pts
}

/// The expected value on `d` (linear between pace points, flat outside).
fn pace_at(pace: &[(NaiveDate, f64)], d: NaiveDate) -> f64 {
    let (Some(first), Some(last)) = (pace.first(), pace.last()) else {
        return 0.0;
    };
    if d <= first.0 {
        return first.1;
    }
    if d >= last.0 {
        return last.1;
    }
    for w in pace.windows(2) {
        let (a, b) = (w[0], w[1]);
        if d >= a.0 && d <= b.0 {
            let span = (b.0 - a.0).num_days() as f64;
            if span <= 0.0 {
                return b.1;
            }
            let t = (d - a.0).num_days() as f64 / span;
            return a.1 + (b.1 - a.1) * t;
        }
    }
    last.1
}

/// One thing the progress chart draws, in legend order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layer {
    CheckIns { none_yet: bool },
    Pace,
    Target,
    Baseline,
    Band,
    Forecast,
    Today,
}

impl Layer {
    fn text(self) -> &'static str {
        match self {
            Self::CheckIns { none_yet: true } => "Check-ins (none yet)",
            Self::CheckIns { none_yet: false } => "Check-ins",
            Self::Pace => "Expected pace",
            Self::Target => "Target",
            Self::Baseline => "Baseline",
            Self::Band => "Acceptable band",
            Self::Forecast => "Forecast and range",
            Self::Today => "Today",
        }
    }
}

/// What the chart draws: the legend, and the "Drawn:" sentence of its
/// description, come from this one list.
fn layers(c: &ProgressChart, has_checkins: bool, has_forecast: bool) -> Vec<Layer> {
    let mut out = vec![
        Layer::CheckIns {
            none_yet: !has_checkins,
        },
        Layer::Pace,
        Layer::Target,
        Layer::Baseline,
    ];
    if c.band.is_some() {
        out.push(Layer::Band);
    }
    if has_forecast {
        out.push(Layer::Forecast);
    }
    if c.today.is_some() {
        out.push(Layer::Today);
    }
    out
}

/// The chart in words — the SVG's `<desc>`, for the `alt` text of the image
/// that shows it: what is drawn, the check-ins, target and baseline, the
/// checkpoints and the forecast with its range.
///
/// # Errors
/// As [`progress_chart`] for invalid input.
pub fn progress_description(c: &ProgressChart) -> Result<String, ChartError> {
    c.validate()?;
    let (title, unit, checkins, forecast) = prepared(c);
    Ok(describe(c, &title, &unit, &checkins, !forecast.is_empty()))
}

/// The cleaned title and unit, check-ins by date and the forecast cone
/// starting at the latest check-in.
fn prepared(c: &ProgressChart) -> (String, String, Vec<CheckIn>, Vec<ForecastPoint>) {
    let title = {
        let t = clean_label(c.title.trim());
        if t.is_empty() {
            "Goal".to_owned()
        } else {
            t
        }
    };
    let unit = clean_label(c.unit.trim());
    let mut checkins = c.checkins.clone();
    checkins.sort_by_key(|ci| ci.date);
    let mut forecast: Vec<ForecastPoint> = c
        .forecast
        .as_ref()
        .map(|f| f.points.clone())
        .unwrap_or_default();
    forecast.sort_by_key(|p| p.date);
    // Start the cone at the latest check-in, where the value is known.
    if let (Some(last), Some(first)) = (checkins.last(), forecast.first()) {
        if last.date < first.date {
            forecast.insert(
                0,
                ForecastPoint {
                    date: last.date,
                    value: last.value,
                    low: last.value,
                    high: last.value,
                },
            );
        }
    }
    (title, unit, checkins, forecast)
}

fn describe(
    c: &ProgressChart,
    title: &str,
    unit: &str,
    checkins: &[CheckIn],
    has_forecast: bool,
) -> String {
    let pace = pace_points(c);
    let mut s = format!("Progress of {title}: ");
    match checkins.last() {
        None => s.push_str("no check-ins yet"),
        Some(last) => {
            let n = checkins.len();
            s.push_str(&format!(
                "{n} check-in{}, latest {} on {}",
                if n == 1 { "" } else { "s" },
                with_unit(last.value, unit),
                last.date
            ));
        }
    }
    s.push_str(&format!(
        "; target {} by {}; baseline {} on {}.",
        with_unit(c.target, unit),
        c.due,
        with_unit(c.baseline, unit),
        c.start
    ));
    if let Some(last) = checkins.last() {
        s.push_str(&format!(
            " Expected on {}: {}.",
            last.date,
            with_unit(pace_at(&pace, last.date), unit)
        ));
    }
    if let Some((lo, hi)) = c.band {
        let (lo, hi) = (lo.min(hi), lo.max(hi));
        s.push_str(&format!(
            " Acceptable band {}–{}.",
            format_value(lo),
            with_unit(hi, unit)
        ));
    }
    if !c.checkpoints.is_empty() {
        let mut cps: Vec<&Checkpoint> = c.checkpoints.iter().collect();
        cps.sort_by_key(|cp| cp.date);
        let list: Vec<String> = cps
            .iter()
            .map(|cp| {
                let label = clean_label(&cp.label);
                let label = if label.trim().is_empty() {
                    String::new()
                } else {
                    format!("{} ", label.trim())
                };
                format!("{label}{} by {}", with_unit(cp.value, unit), cp.date)
            })
            .collect();
        s.push_str(&format!(" Checkpoints: {}.", list.join(", ")));
    }
    if let Some(p) = c
        .forecast
        .as_ref()
        .and_then(|f| f.points.iter().max_by_key(|p| p.date))
    {
        s.push_str(&format!(
            " Forecast {} by {} (range {}–{}).",
            with_unit(p.value, unit),
            p.date,
            format_value(p.low.min(p.high)),
            with_unit(p.low.max(p.high), unit)
        ));
    }
    if let Some(t) = c.today {
        s.push_str(&format!(" Today is {t}."));
    }
    let drawn: Vec<&str> = layers(c, !checkins.is_empty(), has_forecast)
        .into_iter()
        .map(Layer::text)
        .collect();
    s.push_str(&format!(" Drawn: {}.", drawn.join(", ")));
    s
}

/// Cuts `text` with an ellipsis so that it fits `max_px` at `px`.
fn fit(text: &str, px: f64, max_px: i32) -> String {
    if text_width(text, px) <= max_px {
        return text.to_owned();
    }
    let max_chars = ((f64::from(max_px) / (px * 0.56)).floor() as usize).saturating_sub(1);
    let mut cut: String = text.chars().take(max_chars).collect();
    cut.push('…');
    cut
}

/// Renders a goal's progress over time as a self-contained SVG document.
///
/// Shows the baseline, the target (and the acceptable band for within-band
/// goals), the expected pace through the checkpoints, every check-in, the
/// forecast with its interval and a "today" marker, with date and value axes
/// and a legend. Text is emitted as SVG `<text>` for the web view to lay out.
///
/// # Errors
///
/// [`ChartError::EmptyPeriod`] when `start >= due`, [`ChartError::NonFinite`]
/// naming the first NaN or infinite value, [`ChartError::InvalidSize`].
pub fn progress_chart(c: &ProgressChart) -> Result<String, ChartError> {
    c.validate()?;
    let (title, unit, checkins, forecast) = prepared(c);
    let desc = describe(c, &title, &unit, &checkins, !forecast.is_empty());
    let pal = c.theme.palette();
    let pace = pace_points(c);

    // Axis ranges cover everything that is drawn.
    let origin = c.start;
    let mut xs = vec![0.0, day_offset(origin, c.due)];
    xs.extend(checkins.iter().map(|p| day_offset(origin, p.date)));
    xs.extend(c.checkpoints.iter().map(|p| day_offset(origin, p.date)));
    xs.extend(forecast.iter().map(|p| day_offset(origin, p.date)));
    xs.extend(c.today.map(|t| day_offset(origin, t)));
    let x_min = xs.iter().copied().fold(f64::INFINITY, f64::min);
    let x_max = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let x_pad = ((x_max - x_min) * 0.02).max(0.5);
    let (x_lo, x_hi) = (x_min - x_pad, x_max + x_pad);

    let mut ys = vec![c.baseline, c.target];
    if let Some((lo, hi)) = c.band {
        ys.extend([lo, hi]);
    }
    ys.extend(c.checkpoints.iter().map(|p| p.value));
    ys.extend(checkins.iter().map(|p| p.value));
    ys.extend(forecast.iter().flat_map(|p| [p.value, p.low, p.high]));

    let (w, h) = (c.size.width, c.size.height);
    let legend: Vec<LegendEntry> = layers(c, !checkins.is_empty(), !forecast.is_empty())
        .into_iter()
        .map(|layer| LegendEntry {
            swatch: match layer {
                Layer::CheckIns { .. } => Swatch::Dot(pal.actual),
                Layer::Pace => Swatch::Dashed(pal.pace),
                Layer::Target => Swatch::Line(pal.target),
                Layer::Baseline => Swatch::Dashed(pal.baseline),
                Layer::Band => Swatch::Shade(pal.target, 0.14),
                Layer::Forecast => Swatch::Shade(pal.forecast, 0.3),
                Layer::Today => Swatch::Dashed(pal.today),
            },
            text: layer.text().into(),
        })
        .collect();
    let w_i = i32::try_from(w).unwrap_or(i32::MAX);
    let h_i = i32::try_from(h).unwrap_or(i32::MAX);
    let header = 34 + legend_height(&legend, 16, w_i - 16) + 4;

    render((w, h), &title, &desc, |root: &Area<'_>| {
        root.fill(&rgb(pal.background)).map_err(render_err)?;
        root.draw(&Text::new(
            fit(&title, 15.0, w_i - 32),
            (16, 18),
            anchored(bold(15.0, pal.text), HPos::Left, VPos::Center),
        ))
        .map_err(render_err)?;
        draw_legend(root, &legend, 16, 42, w_i - 16, pal.muted, pal.background)?;

        let (_, plot) = root.split_vertically(header);
        let plot_h = (h_i - header - 40).max(40);
        let plot_w = (w_i - 120).max(60);
        let x_axis = DateAxis::new(origin, x_lo, x_hi, (plot_w / 64).max(2) as usize);
        let y_axis = ValueAxis::covering(&ys, 0.08, (plot_h / 36).max(3) as usize, false);
        let y_label_w = text_width(&"0".repeat(y_axis.widest_label()), 12.0) + 14;
        let y_area = y_label_w + if unit.is_empty() { 0 } else { 22 };
        let (yl, yh) = (y_axis.lo(), y_axis.hi());

        let mut chart = ChartBuilder::on(&plot)
            .margin_left(8)
            .margin_right(36)
            .margin_top(4)
            .margin_bottom(4)
            .x_label_area_size(28)
            .y_label_area_size(y_area)
            .build_cartesian_2d(x_axis, y_axis)
            .map_err(render_err)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .max_light_lines(0)
            .bold_line_style(rgb(pal.grid).stroke_width(1))
            .axis_style(rgb(pal.axis).stroke_width(1))
            .set_all_tick_mark_size(4)
            .x_labels(64)
            .y_labels(64)
            .label_style(font(12.0, pal.muted))
            .y_desc(unit.clone())
            .axis_desc_style(font(12.0, pal.muted))
            .draw()
            .map_err(render_err)?;

        let due_x = day_offset(origin, c.due);
        // Within-band goals: the acceptable range over the goal's period.
        if let Some((lo, hi)) = c.band {
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(0.0, lo.min(hi)), (due_x, lo.max(hi))],
                    rgb(pal.target).mix(0.14).filled(),
                )))
                .map_err(render_err)?;
        }
        // Forecast interval (a polygon) under the lines.
        if !forecast.is_empty() {
            let mut band: Vec<(f64, f64)> = forecast
                .iter()
                .map(|p| (day_offset(origin, p.date), p.low.max(p.high)))
                .collect();
            band.extend(
                forecast
                    .iter()
                    .rev()
                    .map(|p| (day_offset(origin, p.date), p.low.min(p.high))),
            );
            chart
                .draw_series(std::iter::once(Polygon::new(
                    band,
                    rgb(pal.forecast).mix(0.18).filled(),
                )))
                .map_err(render_err)?;
        }
        // Baseline and target reference lines across the plot.
        chart
            .draw_series(DashedLineSeries::new(
                [(x_lo, c.baseline), (x_hi, c.baseline)],
                3,
                4,
                rgb(pal.baseline).stroke_width(1),
            ))
            .map_err(render_err)?;
        chart
            .draw_series(LineSeries::new(
                [(x_lo, c.target), (x_hi, c.target)],
                rgb(pal.target).stroke_width(2),
            ))
            .map_err(render_err)?;
        // Both labels sit at the right end (the future side, away from the
        // check-ins), pointing away from each other.
        let up = (VPos::Bottom, -5);
        let down = (VPos::Top, 5);
        let (target_pos, baseline_pos) = if c.target >= c.baseline {
            (up, down)
        } else {
            (down, up)
        };
        let same = c.target == c.baseline;
        let target_text = if same {
            format!("Target {} (= baseline)", with_unit(c.target, &unit))
        } else {
            format!("Target {}", with_unit(c.target, &unit))
        };
        chart
            .draw_series(std::iter::once(
                EmptyElement::at((x_hi, c.target))
                    + Text::new(
                        target_text,
                        (-6, target_pos.1),
                        anchored(bold(12.0, pal.target), HPos::Right, target_pos.0),
                    ),
            ))
            .map_err(render_err)?;
        if !same {
            chart
                .draw_series(std::iter::once(
                    EmptyElement::at((x_hi, c.baseline))
                        + Text::new(
                            format!("Baseline {}", with_unit(c.baseline, &unit)),
                            (-6, baseline_pos.1),
                            anchored(font(12.0, pal.muted), HPos::Right, baseline_pos.0),
                        ),
                ))
                .map_err(render_err)?;
        }
        // Expected pace through the checkpoints.
        chart
            .draw_series(DashedLineSeries::new(
                pace.iter().map(|(d, v)| (day_offset(origin, *d), *v)),
                6,
                4,
                rgb(pal.pace).stroke_width(2),
            ))
            .map_err(render_err)?;
        for cp in &c.checkpoints {
            let at = (day_offset(origin, cp.date), cp.value);
            // The label goes on the side away from the nearest check-in.
            let nearest = checkins
                .iter()
                .min_by_key(|ci| (ci.date - cp.date).num_days().unsigned_abs());
            let (cp_v, cp_dy) = match nearest {
                Some(ci) if ci.value > cp.value => (VPos::Top, 10),
                _ => (VPos::Bottom, -10),
            };
            let diamond = vec![(0, -6), (6, 0), (0, 6), (-6, 0)];
            let inner = vec![(0, -4), (4, 0), (0, 4), (-4, 0)];
            chart
                .draw_series(std::iter::once(
                    EmptyElement::at(at)
                        + Polygon::new(diamond, rgb(pal.pace).filled())
                        + Polygon::new(inner, rgb(pal.background).filled())
                        + Text::new(
                            fit(clean_label(cp.label.trim()).as_str(), 11.0, 160),
                            (0, cp_dy),
                            anchored(font(11.0, pal.muted), HPos::Center, cp_v),
                        ),
                ))
                .map_err(render_err)?;
        }
        // Forecast line.
        if !forecast.is_empty() {
            chart
                .draw_series(DashedLineSeries::new(
                    forecast
                        .iter()
                        .map(|p| (day_offset(origin, p.date), p.value)),
                    6,
                    4,
                    rgb(pal.forecast).stroke_width(2),
                ))
                .map_err(render_err)?;
        }
        // Today.
        if let Some(t) = c.today {
            let tx = day_offset(origin, t);
            chart
                .draw_series(DashedLineSeries::new(
                    [(tx, yl), (tx, yh)],
                    4,
                    4,
                    rgb(pal.today).stroke_width(1),
                ))
                .map_err(render_err)?;
            chart
                .draw_series(std::iter::once(
                    EmptyElement::at((tx, yh))
                        + Text::new(
                            "Today",
                            (4, 3),
                            anchored(font(11.0, pal.today), HPos::Left, VPos::Top),
                        ),
                ))
                .map_err(render_err)?;
        }
        // Check-ins: one polyline with a point per check-in, then markers.
        if !checkins.is_empty() {
            let pts: Vec<(f64, f64)> = checkins
                .iter()
                .map(|p| (day_offset(origin, p.date), p.value))
                .collect();
            chart
                .draw_series(LineSeries::new(
                    pts.clone(),
                    rgb(pal.actual).stroke_width(3),
                ))
                .map_err(render_err)?;
            chart
                .draw_series(
                    pts.iter()
                        .map(|p| Circle::new(*p, 6, rgb(pal.background).filled())),
                )
                .map_err(render_err)?;
            chart
                .draw_series(
                    pts.iter()
                        .map(|p| Circle::new(*p, 4, rgb(pal.actual).filled())),
                )
                .map_err(render_err)?;
            if let Some(last) = checkins.last() {
                // Above the point when ahead of the expected value, else below.
                let (lv, ldy) = if last.value >= pace_at(&pace, last.date) {
                    (VPos::Bottom, -8)
                } else {
                    (VPos::Top, 8)
                };
                chart
                    .draw_series(std::iter::once(
                        EmptyElement::at((day_offset(origin, last.date), last.value))
                            + Text::new(
                                with_unit(last.value, &unit),
                                (8, ldy),
                                anchored(bold(12.0, pal.actual), HPos::Left, lv),
                            ),
                    ))
                    .map_err(render_err)?;
            }
        }
        Ok(())
    })
}
