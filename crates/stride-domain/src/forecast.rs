//! Forecast: where a goal's value will land on its due date, with honest
//! uncertainty and the probability of reaching the target.
//!
//! # Method
//!
//! 1. **Clean the points.** Non-finite values are dropped; points dated
//!    before the goal's `start`, after `as_of` (the future is unknown) or after
//!    `due` (the forecast is of the value *on* the due date) are ignored.
//!    Several values on one day are replaced by their mean (a day is the
//!    resolution of the model; callers that want "last correction wins" pass
//!    one value per day, see [`observations_from_check_ins`]). At most the
//!    latest [`ForecastSettings::max_points`] days are used.
//! 2. **Robust trend: Theil–Sen.** The slope is the median of all pairwise
//!    slopes `(yⱼ − yᵢ)/(xⱼ − xᵢ)` (Theil 1950, Sen 1968), the intercept the
//!    median of `y − slope·x` (the Theil/Siegel intercept; SciPy's
//!    `theilslopes` does the same, peers.md §6.2 \[S31\]). Why not the
//!    alternatives:
//!    - *Ordinary least squares* (what OpenOKR's method spec uses \[S22b\]) has
//!      a breakdown point of 0: one mistyped check-in (480 instead of 48) drags
//!      the line anywhere. Theil–Sen tolerates ≈ 29 % bad points and loses
//!      little efficiency on clean Gaussian data (≈ 91 % of OLS).
//!    - *Holt / ETS* (peers.md §6.2 suggests it for long series \[S32\]) needs
//!      dozens of points to estimate its smoothing parameters; a quarterly goal
//!      has 6–13 weekly check-ins, and ETS is not robust to outliers either.
//!    - A regime change is handled explicitly (step 3) rather than by
//!      exponential forgetting.
//! 3. **Step changes.** The series is split at every index leaving at
//!    least [`ForecastSettings::min_regime_points`] (3) on both sides; each
//!    side gets its own Theil–Sen line, and the *jump* is the gap between the
//!    two lines midway between the sides. When the largest jump (relative to
//!    its threshold) exceeds both [`ForecastSettings::step_sigmas`] (4) × the
//!    pooled robust spread of the residuals about the two lines (MAD scaled
//!    to σ) and [`ForecastSettings::step_min_fraction`] (5 %) of the goal's
//!    scale, the series is said to have stepped and **only the most recent
//!    regime** is refitted (repeatedly, up to three steps, while it can hold
//!    another step; only the latest 120 points are searched). The forecast
//!    then says so ([`ForecastMethod::TheilSenRecentRegime`],
//!    [`Forecast::regime_start`]). A short recent regime means few points and
//!    therefore a wide interval — the honest answer right after a jump. A step
//!    in the last two points cannot be told from outliers yet and is absorbed
//!    by the robust fit; a change of *slope* without a jump (a late surge) is
//!    not a step and is averaged by the median of slopes.
//! 4. **Prediction interval.** The residual scale is robust: σ̂ = 1.4826 ×
//!    MAD(residuals) × √(n/(n−2)) (MAD is consistent for σ under normal
//!    noise; the factor corrects for the two fitted parameters). Before the
//!    data can speak, the noise is *assumed* to be
//!    [`ForecastSettings::prior_noise`] (10 %) of the goal's scale (the planned
//!    change `|target − baseline|`, the band's width, or 10 % of the level for
//!    threshold goals whose baseline equals the target), weighted as
//!    [`ForecastSettings::prior_weight`] pseudo-residuals:
//!    `σ² = (w·σ₀² + (n−2)·σ̂²) / (w + n − 2)`. The projected value's standard
//!    deviation is the regression prediction error
//!    `s = σ·√(1 + 1/n + (x_due − x̄)²/Σ(x − x̄)²)`, which widens with the
//!    horizon (slope uncertainty grows with the distance from the data).
//!    **Assumptions:** a locally linear trend, roughly symmetric noise that is
//!    independent from point to point, and a normal distribution of the
//!    projected value. `low`/`high` are the central [`ForecastSettings::level`]
//!    (80 %) interval `value ∓ z·s`.
//! 5. **Probability of reaching the target** (normal approximation, Φ the
//!    standard normal CDF): increase and at least `P(V ≥ target) =
//!    Φ((value − target)/s)`; decrease and at most `Φ((target − value)/s)`;
//!    within band `Φ((high − value)/s) − Φ((low − value)/s)`. It is monotone in
//!    the target and mirrors exactly between increase and decrease.
//!
//! # When it does not know ([`NoForecast`])
//!
//! 0 usable points, 1 point (a single value is not a trend: no forecast, no
//! probability — rather than a flat guess), a done/not-done goal, numbers too
//! large to compute with. **Two points** give a line with the prior noise:
//! a wide interval. A **plateau** gives slope 0 and a probability that
//! depends on whether the plateau already meets the target.
//!
//! Everything is deterministic (no sampling) and independent of the order
//! in which the points arrive.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::checkin::CheckIn;
use crate::goal::{Goal, Measure};
use crate::kpi::DataPoint;
use crate::progress::band_distance;
use crate::text_enum::text_enum;

/// At most this many successive step changes are followed back.
const MAX_STEPS: usize = 3;

/// Step changes are searched among the latest this many points.
const STEP_WINDOW: usize = 120;

text_enum!(
    /// How a forecast's trend was fitted.
    ForecastMethod, "forecast method" {
        /// Theil–Sen over every usable point.
        TheilSen => "theil_sen",
        /// Theil–Sen over the points since the last detected step change.
        TheilSenRecentRegime => "theil_sen_recent_regime",
    }
);

text_enum!(
    /// Why there is no forecast (the forecaster says it does not know).
    NoForecast, "no-forecast reason" {
        /// No usable value (none, all non-finite, or all outside `[start, min(as_of, due)]`).
        NoPoints => "no_points",
        /// One usable day: a single value is not a trend.
        OnePoint => "one_point",
        /// A done/not-done goal has no numeric trend.
        Binary => "binary",
        /// The due date is before the start.
        BadPeriod => "bad_period",
        /// The numbers overflow the arithmetic (e.g. values near ±1e308).
        NumericOverflow => "numeric_overflow",
    }
);

impl NoForecast {
    /// A short human sentence for the reason.
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            Self::NoPoints => "no values yet, so no forecast",
            Self::OnePoint => "only one value so far: not enough for a trend",
            Self::Binary => "a done/not-done goal has no trend to forecast",
            Self::BadPeriod => "the due date is before the start",
            Self::NumericOverflow => "the values are too large to forecast",
        }
    }
}

/// Tuning of the forecaster. [`Default`] gives the documented values.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ForecastSettings {
    /// Coverage of `[low, high]`, in (0, 1). Default 0.8.
    pub level: f64,
    /// Assumed noise before data, as a fraction of the goal's scale. Default 0.1.
    pub prior_noise: f64,
    /// Weight of that assumption in pseudo-residuals. Default 1.
    pub prior_weight: f64,
    /// Fewest points on each side of a step. Default 3.
    pub min_regime_points: usize,
    /// A step must exceed this many within-regime σ. Default 4.
    pub step_sigmas: f64,
    /// …and this fraction of the goal's scale. Default 0.05.
    pub step_min_fraction: f64,
    /// At most this many (latest) days are fitted. Default 500.
    pub max_points: usize,
}

impl Default for ForecastSettings {
    fn default() -> Self {
        Self {
            level: 0.8,
            prior_noise: 0.1,
            prior_weight: 1.0,
            min_regime_points: 3,
            step_sigmas: 4.0,
            step_min_fraction: 0.05,
            max_points: 500,
        }
    }
}

/// A forecast of the value on the due date.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Forecast {
    /// The date forecast (the goal's due date).
    pub due: NaiveDate,
    /// The projected value on `due`.
    pub value: f64,
    /// Lower end of the prediction interval (`level` coverage).
    pub low: f64,
    /// Upper end of the prediction interval.
    pub high: f64,
    /// The interval's coverage (0.8 by default).
    pub level: f64,
    /// Standard deviation of the projected value (normal approximation).
    pub sigma: f64,
    /// P(reaching the target on `due`), in [0, 1]; `None` when forecasting a
    /// bare series without a measure ([`forecast_series`]).
    pub probability: Option<f64>,
    /// The trend's slope in units per day.
    pub slope_per_day: f64,
    /// How many (per-day) points the trend was fitted on.
    pub points_used: usize,
    /// How the trend was fitted.
    pub method: ForecastMethod,
    /// The first day of the regime fitted after a step change (`None` without one).
    pub regime_start: Option<NaiveDate>,
    /// The last observation used.
    pub last_observation: NaiveDate,
}

impl Forecast {
    /// The slope in units per week.
    #[must_use]
    pub fn slope_per_week(&self) -> f64 {
        self.slope_per_day * 7.0
    }

    /// P(reaching `measure`'s target on the due date) under this forecast's
    /// normal approximation. `None` for done/not-done measures.
    #[must_use]
    pub fn probability_for(&self, measure: &Measure) -> Option<f64> {
        probability(self.value, self.sigma, measure)
    }
}

/// P(V meets `measure`) for V ~ N(value, sigma²), in [0, 1]; `None` for
/// [`Measure::Done`] or non-finite inputs.
#[must_use]
pub fn probability(value: f64, sigma: f64, measure: &Measure) -> Option<f64> {
    if !value.is_finite() || !sigma.is_finite() || sigma < 0.0 {
        return None;
    }
    let above = |t: f64| -> f64 {
        // P(V ≥ t)
        if sigma > 0.0 {
            normal_cdf((value - t) / sigma)
        } else if value >= t {
            1.0
        } else {
            0.0
        }
    };
    let below = |t: f64| -> f64 {
        // P(V ≤ t)
        if sigma > 0.0 {
            normal_cdf((t - value) / sigma)
        } else if value <= t {
            1.0
        } else {
            0.0
        }
    };
    let p = match *measure {
        Measure::Increase { target, .. } | Measure::AtLeast { target, .. } => above(target),
        Measure::Decrease { target, .. } | Measure::AtMost { target, .. } => below(target),
        Measure::WithinBand { low, high, .. } => {
            if low > high {
                0.0
            } else {
                below(high) - (1.0 - above(low))
            }
        }
        Measure::Done => return None,
    };
    if p.is_finite() {
        Some(p.clamp(0.0, 1.0))
    } else {
        None
    }
}

/// The scale of a measure: the planned change, the band's width, or 10 % of
/// the level (never 0; 1 as the last resort).
#[must_use]
pub fn measure_scale(measure: &Measure) -> f64 {
    let s = match *measure {
        Measure::Increase { baseline, target }
        | Measure::Decrease { baseline, target }
        | Measure::AtLeast { baseline, target }
        | Measure::AtMost { baseline, target } => {
            let span = (target - baseline).abs();
            if span > 0.0 {
                span
            } else {
                0.1 * target.abs()
            }
        }
        Measure::WithinBand {
            baseline,
            low,
            high,
        } => {
            let s = (high - low).max(band_distance(low, high, baseline));
            if s > 0.0 {
                s
            } else {
                0.1 * low.abs().max(high.abs())
            }
        }
        Measure::Done => 1.0,
    };
    if s.is_finite() && s > 0.0 {
        s
    } else {
        1.0
    }
}

/// Forecasts `measure`'s value on `due` from dated observations, with the
/// probability of reaching the target. See the module docs for the method.
///
/// # Errors
/// [`NoForecast`] when the forecaster does not know.
pub fn forecast(
    measure: &Measure,
    start: NaiveDate,
    due: NaiveDate,
    as_of: NaiveDate,
    observations: &[(NaiveDate, f64)],
) -> Result<Forecast, NoForecast> {
    forecast_with(
        measure,
        start,
        due,
        as_of,
        observations,
        &ForecastSettings::default(),
    )
}

/// [`forecast`] with explicit settings.
///
/// # Errors
/// [`NoForecast`] when the forecaster does not know.
pub fn forecast_with(
    measure: &Measure,
    start: NaiveDate,
    due: NaiveDate,
    as_of: NaiveDate,
    observations: &[(NaiveDate, f64)],
    settings: &ForecastSettings,
) -> Result<Forecast, NoForecast> {
    if matches!(measure, Measure::Done) {
        return Err(NoForecast::Binary);
    }
    let mut f = forecast_series(
        observations,
        start,
        due,
        as_of,
        measure_scale(measure),
        settings,
    )?;
    f.probability = f.probability_for(measure);
    if f.probability.is_none() {
        return Err(NoForecast::NumericOverflow);
    }
    Ok(f)
}

/// Forecasts a bare series (no target, so `probability` is `None`). `scale`
/// is the size of a meaningful change (it sets the prior noise and the
/// smallest step; see the module docs).
///
/// # Errors
/// [`NoForecast`] when the forecaster does not know.
pub fn forecast_series(
    observations: &[(NaiveDate, f64)],
    start: NaiveDate,
    due: NaiveDate,
    as_of: NaiveDate,
    scale: f64,
    settings: &ForecastSettings,
) -> Result<Forecast, NoForecast> {
    if due < start {
        return Err(NoForecast::BadPeriod);
    }
    let scale = if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    };
    let until = as_of.min(due);
    let points = daily_means(
        observations
            .iter()
            .filter(|(d, v)| v.is_finite() && *d >= start && *d <= until)
            .copied(),
    );
    let points = &points[points.len().saturating_sub(settings.max_points.max(2))..];
    match points.len() {
        0 => return Err(NoForecast::NoPoints),
        1 => return Err(NoForecast::OnePoint),
        _ => {}
    }
    let origin = points[0].0;
    let mut xs: Vec<f64> = points.iter().map(|(d, _)| days(origin, *d)).collect();
    let mut ys: Vec<f64> = points.iter().map(|(_, v)| *v).collect();
    let mut regime_start = None;
    let mut fit = theil_sen(&xs, &ys).ok_or(NoForecast::NumericOverflow)?;
    let m = settings.min_regime_points.max(2);
    for _ in 0..MAX_STEPS {
        if xs.len() < 2 * m {
            break;
        }
        let Some(k) = detect_step(&xs, &ys, scale, settings) else {
            break;
        };
        let offset = points.len() - xs.len();
        regime_start = Some(points[offset + k].0);
        xs.drain(..k);
        ys.drain(..k);
        fit = theil_sen(&xs, &ys).ok_or(NoForecast::NumericOverflow)?;
    }
    let (slope, intercept) = fit;
    let n = xs.len();
    #[allow(clippy::cast_precision_loss)] // point counts are tiny
    let nf = n as f64;
    let residuals: Vec<f64> = xs
        .iter()
        .zip(&ys)
        .map(|(x, y)| y - (intercept + slope * x))
        .collect();
    let sigma_data = if n > 2 {
        let abs: Vec<f64> = residuals.iter().map(|r| r.abs()).collect();
        1.4826 * median(&abs) * (nf / (nf - 2.0)).sqrt()
    } else {
        0.0
    };
    let sigma0 = settings.prior_noise.max(0.0) * scale;
    let w = settings.prior_weight.max(0.0);
    let dof = nf - 2.0;
    let sigma = if w + dof > 0.0 {
        ((w * sigma0 * sigma0 + dof * sigma_data * sigma_data) / (w + dof)).sqrt()
    } else {
        sigma0
    };
    let x_due = days(origin, due);
    let mean_x = xs.iter().sum::<f64>() / nf;
    let sxx: f64 = xs.iter().map(|x| (x - mean_x) * (x - mean_x)).sum();
    let leverage = if sxx > 0.0 {
        (x_due - mean_x) * (x_due - mean_x) / sxx
    } else {
        0.0
    };
    let s = sigma * (1.0 + 1.0 / nf + leverage).sqrt();
    let value = intercept + slope * x_due;
    let z = normal_quantile(0.5 + settings.level.clamp(0.01, 0.999) / 2.0);
    let (low, high) = (value - z * s, value + z * s);
    if ![value, low, high, s, slope].iter().all(|v| v.is_finite()) {
        return Err(NoForecast::NumericOverflow);
    }
    Ok(Forecast {
        due,
        value,
        low: low.min(value),
        high: high.max(value),
        level: settings.level,
        sigma: s,
        probability: None,
        slope_per_day: slope,
        points_used: n,
        method: if regime_start.is_some() {
            ForecastMethod::TheilSenRecentRegime
        } else {
            ForecastMethod::TheilSen
        },
        regime_start,
        last_observation: points[points.len() - 1].0,
    })
}

impl Goal {
    /// Forecast of this goal's value on its due date (see [`forecast`]).
    ///
    /// # Errors
    /// [`NoForecast`] when the forecaster does not know.
    pub fn forecast(
        &self,
        observations: &[(NaiveDate, f64)],
        as_of: NaiveDate,
    ) -> Result<Forecast, NoForecast> {
        forecast(&self.measure(), self.start, self.due, as_of, observations)
    }
}

/// One observation per day from check-ins: the value of the latest check-in
/// of that day (by `created_at`, then id), so a same-day correction replaces
/// the mistake. Check-ins without a finite value are skipped.
#[must_use]
pub fn observations_from_check_ins(check_ins: &[CheckIn]) -> Vec<(NaiveDate, f64)> {
    let mut latest: BTreeMap<NaiveDate, &CheckIn> = BTreeMap::new();
    for c in check_ins.iter().filter(|c| c.observed().is_some()) {
        let slot = latest.entry(c.effective).or_insert(c);
        if (c.created_at, c.id) > (slot.created_at, slot.id) {
            *slot = c;
        }
    }
    latest
        .into_iter()
        .filter_map(|(d, c)| c.observed().map(|v| (d, v)))
        .collect()
}

/// One observation per KPI period (dated by the period's start) for the
/// points of `kpi`; non-finite values are skipped.
#[must_use]
pub fn observations_from_kpi(
    kpi: crate::ids::KpiId,
    points: &[DataPoint],
) -> Vec<(NaiveDate, f64)> {
    let mut v: Vec<(NaiveDate, f64)> = points
        .iter()
        .filter(|p| p.kpi == kpi && p.value.is_finite())
        .map(|p| (p.period.start(), p.value))
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    v
}

/// The latest day on or before `as_of` with a finite value, and the mean of
/// that day's values.
#[must_use]
pub fn latest_on_or_before(
    observations: &[(NaiveDate, f64)],
    as_of: NaiveDate,
) -> Option<(NaiveDate, f64)> {
    daily_means(
        observations
            .iter()
            .filter(|(d, v)| v.is_finite() && *d <= as_of)
            .copied(),
    )
    .pop()
}

/// Sorted per-day means; independent of input order (values of a day are
/// summed in sorted order).
fn daily_means(points: impl Iterator<Item = (NaiveDate, f64)>) -> Vec<(NaiveDate, f64)> {
    let mut by_day: BTreeMap<NaiveDate, Vec<f64>> = BTreeMap::new();
    for (d, v) in points {
        by_day.entry(d).or_default().push(v);
    }
    by_day
        .into_iter()
        .filter_map(|(d, mut vs)| {
            vs.sort_by(f64::total_cmp);
            #[allow(clippy::cast_precision_loss)]
            let n = vs.len() as f64;
            // Mean without overflow for huge values.
            let mean = vs.iter().map(|v| v / n).sum::<f64>();
            mean.is_finite().then_some((d, mean))
        })
        .collect()
}

#[allow(clippy::cast_precision_loss)] // day counts are far below 2^52
fn days(from: NaiveDate, to: NaiveDate) -> f64 {
    (to - from).num_days() as f64
}

/// The median of finite numbers (0 for an empty slice).
fn median(values: &[f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        // Halves first: no overflow, and exactly symmetric under negation.
        v[n / 2 - 1] / 2.0 + v[n / 2] / 2.0
    }
}

/// Theil–Sen `(slope, intercept)`; `None` when a number overflows. The
/// `xs` are distinct and sorted.
fn theil_sen(xs: &[f64], ys: &[f64]) -> Option<(f64, f64)> {
    let n = xs.len();
    let mut slopes = Vec::with_capacity(n * (n.saturating_sub(1)) / 2);
    for i in 0..n {
        for j in i + 1..n {
            let dx = xs[j] - xs[i];
            if dx != 0.0 {
                slopes.push(ys[j] / dx - ys[i] / dx);
            }
        }
    }
    if slopes.is_empty() {
        return None;
    }
    let slope = median(&slopes);
    let offsets: Vec<f64> = xs.iter().zip(ys).map(|(x, y)| y - slope * x).collect();
    let intercept = median(&offsets);
    (slope.is_finite() && intercept.is_finite() && offsets.iter().all(|o| o.is_finite()))
        .then_some((slope, intercept))
}

/// The index where the most recent regime starts, if the series steps
/// (see the module docs): at each admissible split both sides get their own
/// Theil–Sen line; the jump is the gap between the two lines midway between
/// the sides' neighbouring points, compared with the pooled robust spread of
/// the residuals about them. Only the latest [`STEP_WINDOW`] points are
/// searched (the search is cubic in the points).
fn detect_step(xs: &[f64], ys: &[f64], scale: f64, settings: &ForecastSettings) -> Option<usize> {
    let n = xs.len();
    let m = settings.min_regime_points.max(2);
    let skip = n.saturating_sub(STEP_WINDOW);
    let (xs, ys) = (&xs[skip..], &ys[skip..]);
    let n = n - skip;
    if n < 2 * m {
        return None;
    }
    let floor = settings.step_min_fraction.max(0.0) * scale;
    let mut best: Option<(usize, f64)> = None;
    for k in m..=n - m {
        let (Some((bl, al)), Some((br, ar))) =
            (theil_sen(&xs[..k], &ys[..k]), theil_sen(&xs[k..], &ys[k..]))
        else {
            continue;
        };
        let xb = xs[k - 1] / 2.0 + xs[k] / 2.0;
        let jump = ((ar + br * xb) - (al + bl * xb)).abs();
        let res: Vec<f64> = xs[..k]
            .iter()
            .zip(&ys[..k])
            .map(|(x, y)| (y - (al + bl * x)).abs())
            .chain(
                xs[k..]
                    .iter()
                    .zip(&ys[k..])
                    .map(|(x, y)| (y - (ar + br * x)).abs()),
            )
            .collect();
        let spread = 1.4826 * median(&res);
        let threshold = (settings.step_sigmas * spread).max(floor);
        if !(jump.is_finite() && threshold.is_finite()) || jump <= threshold || jump <= 0.0 {
            continue;
        }
        let score = if threshold > 0.0 {
            jump / threshold
        } else {
            f64::INFINITY
        };
        if best.is_none_or(|(_, s)| score.partial_cmp(&s) != Some(Ordering::Less)) {
            best = Some((k, score));
        }
    }
    best.map(|(k, _)| k + skip)
}

/// The standard normal CDF Φ, via a Chebyshev fit of erfc (fractional error
/// below 1.2e-7 everywhere; Numerical Recipes §6.2).
#[must_use]
pub fn normal_cdf(x: f64) -> f64 {
    if x.is_nan() {
        return 0.5;
    }
    0.5 * erfc(-x / std::f64::consts::SQRT_2)
}

fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let ans = t * poly.exp();
    if x >= 0.0 {
        ans
    } else {
        2.0 - ans
    }
}

/// The standard normal quantile Φ⁻¹(p) for p in (0, 1) (Acklam's rational
/// approximation, relative error below 1.2e-9).
#[must_use]
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    let p = if p.is_nan() {
        0.5
    } else {
        p.clamp(1e-12, 1.0 - 1e-12)
    };
    let lower = 0.024_25;
    if p < lower {
        let q = (-2.0 * p.ln()).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - lower {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        -normal_quantile(1.0 - p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_functions() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-7);
        assert!((normal_cdf(1.281_551_565_5) - 0.9).abs() < 1e-6);
        assert!((normal_quantile(0.9) - 1.281_551_565_5).abs() < 1e-6);
        assert!((normal_quantile(0.1) + 1.281_551_565_5).abs() < 1e-6);
        assert!(normal_cdf(-40.0) >= 0.0 && normal_cdf(40.0) <= 1.0);
    }

    #[test]
    fn median_is_symmetric() {
        assert_eq!(median(&[1.0, 2.0, 3.0, 4.0]), 2.5);
        assert_eq!(median(&[-1.0, -2.0, -3.0, -4.0]), -2.5);
        assert_eq!(median(&[]), 0.0);
    }
}
