//! The simulator and scoring shared by `tests/forecast_evaluation.rs` and
//! `examples/forecast_eval.rs` (see the example's docs for the design).
//!
//! The trajectories are drawn from their own random stream, without
//! reference to the forecaster; the forecaster only sees the check-ins up to
//! the evaluation date.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::print_stdout,
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation
)]

use chrono::{Days, NaiveDate};
use stride_domain::forecast::normal_cdf;
use stride_domain::{forecast, Measure};

pub const KINDS: [&str; 5] = ["linear", "plateau", "noisy", "late surge", "step drop"];
pub const DURATION: f64 = 91.0;
pub const AS_OF_DAY: u64 = 45;

/// A small deterministic generator (PCG-style LCG, Box–Muller normals).
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 11) as f64) / ((1u64 << 53) as f64)
    }
    pub fn range(&mut self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.next()
    }
    pub fn normal(&mut self) -> f64 {
        let (u, v) = (self.next().max(1e-12), self.next());
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
}

/// One simulated goal's hidden parameters.
pub struct Params {
    pub kind: usize,
    pub final_level: f64,
    pub noise: f64,
    pub t0: f64,
    pub drop: f64,
}

impl Params {
    pub fn draw(kind: usize, rng: &mut Rng) -> Self {
        Self {
            kind,
            final_level: rng.range(50.0, 150.0),
            noise: rng.range(1.0, if kind == 2 { 20.0 } else { 8.0 }),
            t0: rng.range(20.0, 70.0),
            drop: rng.range(10.0, 40.0),
        }
    }

    /// The noiseless value on day `x`.
    pub fn truth(&self, x: f64) -> f64 {
        let (fl, t0) = (self.final_level, self.t0);
        match self.kind {
            0 | 2 => fl * x / DURATION, // linear, noisy
            1 => fl * (x.min(t0) / t0), // plateau after t0
            3 => {
                if x < t0 {
                    0.2 * fl * x / t0
                } else {
                    0.2 * fl + 0.8 * fl * (x - t0) / (DURATION - t0)
                }
            } // late surge
            _ => fl * x / DURATION - if x >= t0 { self.drop } else { 0.0 }, // step drop
        }
    }
}

/// Rank-based AUC (Mann–Whitney, ties count one half) of `score` for `positive`.
pub fn auc(scores: &[(f64, bool)]) -> f64 {
    let mut v = scores.to_vec();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut rank_sum, mut i) = (0.0, 0);
    while i < v.len() {
        let mut j = i;
        while j + 1 < v.len() && v[j + 1].0 == v[i].0 {
            j += 1;
        }
        let mid_rank = (i + j) as f64 / 2.0 + 1.0;
        rank_sum += mid_rank * v[i..=j].iter().filter(|s| s.1).count() as f64;
        i = j + 1;
    }
    let pos = v.iter().filter(|s| s.1).count() as f64;
    let neg = v.len() as f64 - pos;
    (rank_sum - pos * (pos + 1.0) / 2.0) / (pos * neg)
}

/// The exact posterior P(hit | ys) under the simulator's model, by
/// likelihood weighting over `prior` (each draw with its weekly path up to
/// the evaluation date and its P(hit)).
fn posterior(ys: &[f64], prior: &[(Params, Vec<f64>, f64)]) -> f64 {
    let lls: Vec<f64> = prior
        .iter()
        .map(|(p, path, _)| {
            let ss: f64 = ys
                .iter()
                .zip(path)
                .map(|(y, t)| ((y - t) / p.noise).powi(2))
                .sum();
            -(ys.len() as f64) * p.noise.ln() - 0.5 * ss
        })
        .collect();
    let top = lls.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (mut num, mut den) = (0.0, 0.0);
    for (ll, (_, _, p_hit)) in lls.iter().zip(prior) {
        let w = (ll - top).exp();
        num += w * p_hit;
        den += w;
    }
    num / den
}

/// One evaluated goal.
pub struct Row {
    pub kind: usize,
    /// Whether the goal's change point (plateau, surge, drop) comes after
    /// the last check-in seen (day 42): unforeseeable from the data.
    pub change_after: bool,
    /// The forecast's P(hit); 0.5 when it does not know.
    pub p_forecast: f64,
    /// The pace rule's score: progress − expected progress (higher: ahead).
    pub pace: f64,
    /// The Bayes posterior P(hit) (NaN without `--oracle`).
    pub p_oracle: f64,
    pub hit: bool,
}

/// Simulates `goals` goals (kinds in turn) from `seed` and scores them at
/// day 45; `oracle_draws` > 0 also computes the Bayes posterior.
pub fn run(goals: usize, seed: u64, oracle_draws: usize) -> Vec<Row> {
    let start = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
    let due = start + Days::new(91);
    let as_of = start + Days::new(AS_OF_DAY);
    let weeks_seen = (AS_OF_DAY / 7 + 1) as usize;
    let m = Measure::Increase {
        baseline: 0.0,
        target: 100.0,
    };
    // An independent stream of the same simulator.
    let mut prior_rng = Rng(seed ^ 0x9e37_79b9_7f4a_7c15);
    let prior: Vec<(Params, Vec<f64>, f64)> = (0..oracle_draws)
        .map(|i| {
            let p = Params::draw(i % 5, &mut prior_rng);
            let path = (0..weeks_seen).map(|w| p.truth(7.0 * w as f64)).collect();
            let p_hit = normal_cdf((p.truth(DURATION) - 100.0) / p.noise);
            (p, path, p_hit)
        })
        .collect();
    let mut rng = Rng(seed);
    (0..goals)
        .map(|i| {
            let p = Params::draw(i % 5, &mut rng);
            let obs: Vec<(NaiveDate, f64)> = (0..=13u64)
                .map(|w| {
                    (
                        start + Days::new(7 * w),
                        p.truth(7.0 * w as f64) + p.noise * rng.normal(),
                    )
                })
                .collect();
            let hit = p.truth(DURATION) + p.noise * rng.normal() >= 100.0;
            let p_forecast = forecast(&m, start, due, as_of, &obs)
                .ok()
                .and_then(|f| f.probability)
                .unwrap_or(0.5);
            let current = obs.iter().rfind(|(d, _)| *d <= as_of).unwrap().1;
            let pace = (current / 100.0).clamp(0.0, 1.0) - AS_OF_DAY as f64 / DURATION;
            let p_oracle = if prior.is_empty() {
                f64::NAN
            } else {
                let ys: Vec<f64> = obs[..weeks_seen].iter().map(|o| o.1).collect();
                posterior(&ys, &prior)
            };
            Row {
                kind: p.kind,
                change_after: p.kind != 0 && p.kind != 2 && p.t0 > 7.0 * (weeks_seen - 1) as f64,
                p_forecast,
                pace,
                p_oracle,
                hit,
            }
        })
        .collect()
}

/// AUCs for a final miss: (forecast `1 − p`, pace `−gap`, oracle `1 − p`).
pub fn aucs(rows: &[&Row]) -> (f64, f64, f64) {
    let by =
        |f: &dyn Fn(&Row) -> f64| auc(&rows.iter().map(|r| (f(r), !r.hit)).collect::<Vec<_>>());
    (
        by(&|r| 1.0 - r.p_forecast),
        by(&|r| -r.pace),
        by(&|r| 1.0 - r.p_oracle),
    )
}

/// Calibration of `p` per decile: (mean predicted, observed hit rate, goals).
pub fn calibration(rows: &[Row]) -> Vec<(f64, f64, usize)> {
    (0..10)
        .filter_map(|d| {
            let lo = f64::from(d) / 10.0;
            let bin: Vec<&Row> = rows
                .iter()
                .filter(|r| r.p_forecast >= lo && (r.p_forecast < lo + 0.1 || d == 9))
                .collect();
            (!bin.is_empty()).then(|| {
                let n = bin.len() as f64;
                (
                    bin.iter().map(|r| r.p_forecast).sum::<f64>() / n,
                    bin.iter().filter(|r| r.hit).count() as f64 / n,
                    bin.len(),
                )
            })
        })
        .collect()
}

/// Prints the report: pooled, per kind, foreseeable vs not, calibration.
pub fn print_report(rows: &[Row], oracle: bool) {
    let line = |name: &str, sel: Vec<&Row>| {
        let (f, p, o) = aucs(&sel);
        let o = if oracle {
            format!(", ceiling {o:.3}")
        } else {
            String::new()
        };
        println!(
            "{name:<28} n {:>5}: forecast {f:.3}, pace {p:.3}, diff {:+.3}{o}",
            sel.len(),
            f - p
        );
    };
    println!("AUC of the miss score at 50 % of the period");
    line("pooled", rows.iter().collect());
    for (k, name) in KINDS.iter().enumerate() {
        line(name, rows.iter().filter(|r| r.kind == k).collect());
    }
    line(
        "change before day 42 / none",
        rows.iter().filter(|r| !r.change_after).collect(),
    );
    line(
        "change after day 42",
        rows.iter().filter(|r| r.change_after).collect(),
    );
    println!("calibration: predicted P(hit) vs observed hit rate");
    for (p, o, n) in calibration(rows) {
        println!("  predicted {p:.2}  observed {o:.2}  goals {n:>5}");
    }
}
