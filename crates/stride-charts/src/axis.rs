//! Axes with hand-picked ticks: "nice" numbers for values, calendar
//! boundaries (days, Mondays, first of month, years) for dates.

use std::ops::Range;

use chrono::{Datelike, Days, Months, NaiveDate};
use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};

/// Maps `v` in `lo..hi` to pixels; written so that huge finite ranges do not
/// overflow (halves before subtracting) and the result saturates.
fn map_linear(v: f64, lo: f64, hi: f64, limit: (i32, i32)) -> i32 {
    let half = hi / 2.0 - lo / 2.0;
    if half <= 0.0 || !half.is_finite() {
        return limit.0 / 2 + limit.1 / 2;
    }
    let t = (v / 2.0 - lo / 2.0) / half;
    let px = f64::from(limit.0) + t * (f64::from(limit.1) - f64::from(limit.0));
    // `as` saturates; NaN becomes 0 (cannot happen for finite input).
    (px + 1e-3).floor() as i32
}

/// How value-axis labels read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Labels {
    /// Plain numbers with as many decimals as the tick step needs.
    Number,
    /// Signed percentages: `-40 %`, `0`, `+20 %`.
    SignedPercent,
}

/// A linear value axis whose range is widened to whole tick steps.
#[derive(Debug, Clone)]
pub(crate) struct ValueAxis {
    lo: f64,
    hi: f64,
    ticks: Vec<f64>,
    decimals: usize,
    labels: Labels,
}

/// A "nice" step (1, 2, 2.5, 5 × 10ⁿ) so that `span` holds about `target` steps.
pub(crate) fn nice_step(span: f64, target: usize) -> f64 {
    let raw = span / target.max(1) as f64;
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let nice = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 2.5 {
        2.5
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    let step = nice * mag;
    if step.is_finite() && step > 0.0 {
        step
    } else {
        raw
    }
}

impl ValueAxis {
    /// An axis covering every value in `values` (at least one, all finite),
    /// padded by `pad` of the span on each side and widened to whole steps.
    /// `integer` forces whole-number ticks (counts).
    pub(crate) fn covering(values: &[f64], pad: f64, target_ticks: usize, integer: bool) -> Self {
        let mut lo = values.iter().copied().fold(f64::INFINITY, f64::min);
        let mut hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if !lo.is_finite() || !hi.is_finite() {
            (lo, hi) = (0.0, 1.0);
        }
        // A minimum span relative to the magnitude keeps ticks distinct.
        let magnitude = lo.abs().max(hi.abs());
        let min_span = (magnitude * 1e-6).max(if integer { 1.0 } else { 1e-9 });
        let span = hi / 2.0 - lo / 2.0; // half span, cannot overflow
        if span * 2.0 < min_span {
            let mid = lo / 2.0 + hi / 2.0;
            lo = mid - min_span / 2.0;
            hi = mid + min_span / 2.0;
        }
        let half = hi / 2.0 - lo / 2.0;
        let padded_lo = clamp_finite(lo - half * 2.0 * pad);
        let padded_hi = clamp_finite(hi + half * 2.0 * pad);
        let mut step = nice_step(padded_hi / 2.0 - padded_lo / 2.0, target_ticks.max(2) / 2);
        if !(step.is_finite() && step > 0.0) {
            step = 1.0;
        }
        if integer {
            step = step.max(1.0).floor();
        }
        let mut axis_lo = clamp_finite((padded_lo / step).floor() * step);
        let mut axis_hi = clamp_finite((padded_hi / step).ceil() * step);
        if axis_hi <= axis_lo {
            axis_lo = padded_lo;
            axis_hi = padded_hi;
        }
        let n = ((axis_hi / step - axis_lo / step).round() as usize).clamp(1, 40);
        let ticks = (0..=n)
            .map(|i| axis_lo + step * i as f64)
            .filter(|t| t.is_finite() && *t <= axis_hi + step * 1e-6)
            .collect();
        let decimals = if step >= 1.0 {
            0
        } else {
            ((-step.log10()).ceil() as usize + usize::from(frac_needs_extra(step))).min(9)
        };
        Self {
            lo: axis_lo,
            hi: axis_hi,
            ticks,
            decimals,
            labels: Labels::Number,
        }
    }

    /// A count axis from 0 with whole-number ticks, tall enough for `max`.
    pub(crate) fn counts(max: u64, target_ticks: usize) -> Self {
        let max = (max as f64).max(1.0);
        let mut step = nice_step(max, target_ticks.max(1)).max(1.0);
        if step.fract() != 0.0 {
            // 2.5 × 10ⁿ is not a whole count below 10: use 2 instead.
            step = step.floor();
        }
        let hi = ((max * 1.1) / step).ceil() * step;
        let n = ((hi / step).round() as usize).clamp(1, 40);
        let ticks = (0..=n).map(|i| step * i as f64).collect();
        Self {
            lo: 0.0,
            hi,
            ticks,
            decimals: 0,
            labels: Labels::Number,
        }
    }

    /// A fixed axis with explicit ticks.
    pub(crate) fn fixed(lo: f64, hi: f64, ticks: Vec<f64>, labels: Labels) -> Self {
        Self {
            lo,
            hi,
            ticks,
            decimals: 0,
            labels,
        }
    }

    pub(crate) fn lo(&self) -> f64 {
        self.lo
    }

    pub(crate) fn hi(&self) -> f64 {
        self.hi
    }

    pub(crate) fn label(&self, v: f64) -> String {
        match self.labels {
            Labels::Number => format_fixed(v, self.decimals),
            Labels::SignedPercent => {
                let r = v.round();
                if r == 0.0 {
                    "0".to_owned()
                } else if r > 0.0 {
                    format!("+{r} %")
                } else {
                    format!("\u{2212}{} %", -r)
                }
            }
        }
    }

    /// The widest label, in characters.
    pub(crate) fn widest_label(&self) -> usize {
        self.ticks
            .iter()
            .map(|t| self.label(*t).chars().count())
            .max()
            .unwrap_or(1)
    }
}

/// 2.5 × 10ⁿ needs one more decimal than 10ⁿ.
fn frac_needs_extra(step: f64) -> bool {
    let mag = 10f64.powf(step.log10().floor());
    ((step / mag) - 2.5).abs() < 1e-9
}

fn clamp_finite(v: f64) -> f64 {
    v.clamp(f64::MIN, f64::MAX)
}

/// Formats `v` with `decimals` decimals, thousands separated by a thin space
/// and a true minus sign; exponent notation beyond ±10¹⁵.
pub(crate) fn format_fixed(v: f64, decimals: usize) -> String {
    if v.abs() >= 1e15 {
        return format!("{v:.2e}").replace('-', "\u{2212}");
    }
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s.split_once('.').map_or((s.as_str(), ""), |(a, b)| (a, b));
    let mut grouped = String::new();
    let digits: Vec<char> = int.chars().collect();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 && digits.len() > 4 {
            grouped.push('\u{2009}');
        }
        grouped.push(*c);
    }
    let is_zero = s.chars().all(|c| c == '0' || c == '.');
    let mut out = String::new();
    if v < 0.0 && !is_zero {
        out.push('\u{2212}');
    }
    out.push_str(&grouped);
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// A value for prose and annotations: at most two decimals, trailing zeros cut.
pub(crate) fn format_value(v: f64) -> String {
    if v.abs() >= 1e15 {
        return format_fixed(v, 0);
    }
    let s = format_fixed(v, 2);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}

impl Ranged for ValueAxis {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        map_linear(*value, self.lo, self.hi, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        thin(&self.ticks, hint.max_num_points())
    }

    fn range(&self) -> Range<f64> {
        self.lo..self.hi
    }
}

impl ValueFormatter<f64> for ValueAxis {
    fn format_ext(&self, value: &f64) -> String {
        self.label(*value)
    }
}

/// Keeps every k-th tick so that at most `max` remain.
fn thin(ticks: &[f64], max: usize) -> Vec<f64> {
    if max == 0 {
        return Vec::new();
    }
    let k = ticks.len().div_ceil(max).max(1);
    ticks.iter().copied().step_by(k).collect()
}

/// Calendar granularity of the date ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Every {
    Days(u32),
    Weeks(u32),
    Months(u32),
    Years(u32),
}

impl Every {
    fn approx_days(self) -> f64 {
        match self {
            Every::Days(n) => f64::from(n),
            Every::Weeks(n) => 7.0 * f64::from(n),
            Every::Months(n) => 30.44 * f64::from(n),
            Every::Years(n) => 365.25 * f64::from(n),
        }
    }
}

const GRANULARITIES: [Every; 17] = [
    Every::Days(1),
    Every::Days(2),
    Every::Weeks(1),
    Every::Weeks(2),
    Every::Months(1),
    Every::Months(2),
    Every::Months(3),
    Every::Months(6),
    Every::Years(1),
    Every::Years(2),
    Every::Years(5),
    Every::Years(10),
    Every::Years(20),
    Every::Years(50),
    Every::Years(100),
    Every::Years(1000),
    Every::Years(10000),
];

/// A date axis; values are days after `origin` (so plotters works in `f64`).
#[derive(Debug, Clone)]
pub(crate) struct DateAxis {
    origin: NaiveDate,
    lo: f64,
    hi: f64,
    ticks: Vec<f64>,
    every: Every,
    multi_year: bool,
}

/// Days from `origin` to `d`.
pub(crate) fn day_offset(origin: NaiveDate, d: NaiveDate) -> f64 {
    (d - origin).num_days() as f64
}

impl DateAxis {
    /// An axis from `lo` to `hi` days after `origin`, with at most `max_ticks` labels.
    pub(crate) fn new(origin: NaiveDate, lo: f64, hi: f64, max_ticks: usize) -> Self {
        let span = (hi - lo).max(1.0);
        let max_ticks = max_ticks.max(2);
        let every = GRANULARITIES
            .iter()
            .copied()
            .find(|g| span / g.approx_days() + 1.0 <= max_ticks as f64)
            .unwrap_or(Every::Years(10000));
        let first = origin
            .checked_add_signed(chrono::TimeDelta::days(lo.ceil() as i64))
            .unwrap_or(origin);
        let last = origin
            .checked_add_signed(chrono::TimeDelta::days(hi.floor() as i64))
            .unwrap_or(origin);
        let mut ticks = Vec::new();
        let mut d = align(first, every);
        while let Some(day) = d {
            if day > last || ticks.len() > 4 * max_ticks {
                break;
            }
            if day >= first {
                ticks.push(day_offset(origin, day));
            }
            d = advance(day, every);
        }
        if ticks.len() < 2 {
            ticks = vec![lo.ceil(), hi.floor().max(lo.ceil())];
            ticks.dedup();
        }
        Self {
            origin,
            lo,
            hi,
            ticks,
            every,
            multi_year: first.year() != last.year(),
        }
    }

    pub(crate) fn date(&self, v: f64) -> NaiveDate {
        let days = v.round();
        if days >= 0.0 {
            self.origin.checked_add_days(Days::new(days as u64))
        } else {
            self.origin.checked_sub_days(Days::new((-days) as u64))
        }
        .unwrap_or(self.origin)
    }

    pub(crate) fn label(&self, v: f64) -> String {
        let d = self.date(v);
        match self.every {
            Every::Days(_) | Every::Weeks(_) if self.multi_year => {
                d.format("%-d %b %Y").to_string()
            }
            Every::Days(_) | Every::Weeks(_) => d.format("%-d %b").to_string(),
            Every::Months(_) if self.multi_year => d.format("%b %Y").to_string(),
            Every::Months(_) => d.format("%b").to_string(),
            Every::Years(_) => d.format("%Y").to_string(),
        }
    }
}

/// The first tick date at or after `d` for the granularity.
fn align(d: NaiveDate, every: Every) -> Option<NaiveDate> {
    match every {
        Every::Days(_) => Some(d),
        Every::Weeks(_) => {
            let back = u64::from(d.weekday().num_days_from_monday());
            let monday = d.checked_sub_days(Days::new(back))?;
            if monday < d {
                monday.checked_add_days(Days::new(7))
            } else {
                Some(monday)
            }
        }
        Every::Months(n) => {
            let mut m = NaiveDate::from_ymd_opt(d.year(), d.month(), 1)?;
            if m < d {
                m = m.checked_add_months(Months::new(1))?;
            }
            while m.month0() % n != 0 {
                m = m.checked_add_months(Months::new(1))?;
            }
            Some(m)
        }
        Every::Years(n) => {
            let n = i32::try_from(n).ok()?;
            let mut y = d.year();
            if NaiveDate::from_ymd_opt(y, 1, 1)? < d {
                y += 1;
            }
            let y = y + (n - y.rem_euclid(n)) % n;
            NaiveDate::from_ymd_opt(y, 1, 1)
        }
    }
}

fn advance(d: NaiveDate, every: Every) -> Option<NaiveDate> {
    match every {
        Every::Days(n) => d.checked_add_days(Days::new(u64::from(n))),
        Every::Weeks(n) => d.checked_add_days(Days::new(7 * u64::from(n))),
        Every::Months(n) => d.checked_add_months(Months::new(n)),
        Every::Years(n) => d.checked_add_months(Months::new(n.checked_mul(12)?)),
    }
}

impl Ranged for DateAxis {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        map_linear(*value, self.lo, self.hi, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        thin(&self.ticks, hint.max_num_points())
    }

    fn range(&self) -> Range<f64> {
        self.lo..self.hi
    }
}

impl ValueFormatter<f64> for DateAxis {
    fn format_ext(&self, value: &f64) -> String {
        self.label(*value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_axis_covers_and_uses_nice_ticks() {
        let a = ValueAxis::covering(&[32.0, 48.0], 0.08, 6, false);
        assert!(a.lo() <= 32.0 && a.hi() >= 48.0);
        assert!(a.ticks.len() >= 3 && a.ticks.len() <= 9, "{:?}", a.ticks);
        assert_eq!(a.label(40.0), "40");
    }

    #[test]
    fn value_axis_survives_extremes() {
        for vals in [
            vec![f64::MAX, f64::MIN],
            vec![1e-300, 2e-300],
            vec![5.0, 5.0],
            vec![1e15, 1e15 + 1.0],
        ] {
            let a = ValueAxis::covering(&vals, 0.08, 6, false);
            assert!(a.lo().is_finite() && a.hi().is_finite() && a.lo() < a.hi());
            assert!(!a.ticks.is_empty());
        }
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(format_fixed(-3.0, 0), "\u{2212}3");
        assert_eq!(format_fixed(-0.0001, 1), "0.0");
        assert_eq!(format_fixed(12_500.0, 0), "12\u{2009}500");
        assert_eq!(format_fixed(1250.0, 0), "1250");
        assert_eq!(format_value(38.5), "38.5");
        assert_eq!(format_value(40.0), "40");
    }

    #[test]
    fn date_ticks_fall_on_calendar_boundaries() {
        let origin = NaiveDate::from_ymd_opt(2026, 4, 1).expect("date");
        let a = DateAxis::new(origin, -3.0, 95.0, 8);
        let labels: Vec<String> = a.ticks.iter().map(|t| a.label(*t)).collect();
        assert!(labels.len() >= 3, "{labels:?}");
        // ~3 months with 8 labels → every 2 weeks on Mondays.
        assert!(a
            .ticks
            .iter()
            .all(|t| a.date(*t).weekday() == chrono::Weekday::Mon));
        let yearly = DateAxis::new(origin, 0.0, 3650.0, 8);
        assert!(yearly.ticks.iter().all(|t| yearly.date(*t).ordinal() == 1));
    }
}
