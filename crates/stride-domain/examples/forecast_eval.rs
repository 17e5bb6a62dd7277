//! Evaluation report on simulated trajectories with known outcomes:
//! `cargo run -p stride-domain --example forecast_eval [-- --oracle [DRAWS]]`
//! (add `--release` with `--oracle`).
//!
//! The simulator draws 4000 increase goals (baseline 0, target 100, 91 days,
//! weekly check-ins) without looking at the forecaster: the final level is
//! uniform in [50, 150]; each goal is linear, plateau (flat after a day t₀
//! uniform in [20, 70]), noisy linear, late surge (20 % of the final level by
//! t₀, the rest after it) or step drop (linear, minus a drop uniform in
//! [10, 40] from t₀); the noise σ is uniform in [1, 8] ([1, 20] for noisy);
//! the goal is hit when the final value (plus noise) reaches 100. At 50 % of
//! the period (day 45) it reports the AUC of `1 − p` (the forecast's
//! probability) for a final miss against the plain pace rule (the gap
//! expected − progress), per kind and pooled, and the calibration of `p`
//! per decile.
//!
//! `--oracle` also reports the **ceiling**: the exact Bayes posterior
//! P(hit | the check-ins so far) under the simulator's own generative model
//! (its mixture of kinds and its parameter ranges), computed by weighting
//! DRAWS (default 50 000) draws from the simulator's prior by the likelihood
//! of the observed check-ins. No forecaster can rank better on average than
//! this posterior, and it knows things a real forecaster cannot (that one
//! goal in five surges late, that final levels lie in [50, 150]).
//!
//! It is a report, not a test: the accountability issue's thresholds (AUC ≥
//! 0.85, ≥ 0.05 over the pace rule) are not met, and the ceiling (≈ 0.86)
//! shows why — see the README's forecast section.
#![allow(clippy::unwrap_used, clippy::print_stdout, clippy::cast_precision_loss)]

use chrono::{Days, NaiveDate};
use stride_domain::forecast::normal_cdf;
use stride_domain::{forecast, Measure};

const KINDS: [&str; 5] = ["linear", "plateau", "noisy", "late surge", "step drop"];
const DURATION: f64 = 91.0;
const AS_OF_DAY: u64 = 45;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 11) as f64) / ((1u64 << 53) as f64)
    }
    fn range(&mut self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.next()
    }
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.next().max(1e-12), self.next());
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
}

/// One simulated goal's hidden parameters.
struct Params {
    kind: usize,
    final_level: f64,
    noise: f64,
    t0: f64,
    drop: f64,
}

impl Params {
    fn draw(kind: usize, rng: &mut Rng) -> Self {
        Self {
            kind,
            final_level: rng.range(50.0, 150.0),
            noise: rng.range(1.0, if kind == 2 { 20.0 } else { 8.0 }),
            t0: rng.range(20.0, 70.0),
            drop: rng.range(10.0, 40.0),
        }
    }

    /// The noiseless value on day `x`.
    fn truth(&self, x: f64) -> f64 {
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
fn auc(scores: &[(f64, bool)]) -> f64 {
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

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let oracle_draws = args.iter().position(|a| a == "--oracle").map(|i| {
        args.get(i + 1)
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(50_000)
    });
    let start = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
    let due = start + Days::new(91);
    let as_of = start + Days::new(AS_OF_DAY);
    let weeks_seen = (AS_OF_DAY / 7 + 1) as usize;
    let m = Measure::Increase {
        baseline: 0.0,
        target: 100.0,
    };
    let prior: Vec<(Params, Vec<f64>, f64)> = oracle_draws.map_or_else(Vec::new, |n| {
        // An independent stream of the same simulator.
        let mut rng = Rng(99);
        (0..n)
            .map(|i| {
                let p = Params::draw(i % 5, &mut rng);
                let path = (0..weeks_seen).map(|w| p.truth(7.0 * w as f64)).collect();
                let p_hit = normal_cdf((p.truth(DURATION) - 100.0) / p.noise);
                (p, path, p_hit)
            })
            .collect()
    });
    let mut rng = Rng(2026);
    // Per goal: kind, P(miss) by forecast, pace gap, oracle, and the outcome.
    let mut rows: Vec<(usize, f64, f64, f64, bool)> = Vec::new();
    let mut cal = Vec::new();
    for i in 0..4000 {
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
        let prob = forecast(&m, start, due, as_of, &obs)
            .map(|f| f.probability.unwrap())
            .unwrap_or(0.5);
        let current = obs.iter().rfind(|(d, _)| *d <= as_of).unwrap().1;
        let pace = (current / 100.0).clamp(0.0, 1.0) - AS_OF_DAY as f64 / DURATION;
        let oracle = if prior.is_empty() {
            0.5
        } else {
            let ys: Vec<f64> = obs[..weeks_seen].iter().map(|o| o.1).collect();
            posterior(&ys, &prior)
        };
        rows.push((p.kind, 1.0 - prob, -pace, 1.0 - oracle, !hit));
        cal.push((prob, hit));
    }
    let score = |kind: Option<usize>, col: usize| -> f64 {
        let v: Vec<(f64, bool)> = rows
            .iter()
            .filter(|r| kind.is_none_or(|k| r.0 == k))
            .map(|r| ([r.1, r.2, r.3][col], r.4))
            .collect();
        auc(&v)
    };
    let oracle_col = |kind: Option<usize>| -> String {
        if prior.is_empty() {
            String::new()
        } else {
            format!(", ceiling (Bayes posterior) {:.3}", score(kind, 2))
        }
    };
    println!(
        "AUC forecast {:.3}, pace rule {:.3}{}",
        score(None, 0),
        score(None, 1),
        oracle_col(None)
    );
    for (k, name) in KINDS.iter().enumerate() {
        println!(
            "  {name:<10} forecast {:.3}, pace {:.3}{}",
            score(Some(k), 0),
            score(Some(k), 1),
            oracle_col(Some(k))
        );
    }
    for d in 0..10 {
        let lo = d as f64 / 10.0;
        let bin: Vec<_> = cal
            .iter()
            .filter(|(p, _)| *p >= lo && (*p < lo + 0.1 || d == 9))
            .collect();
        if !bin.is_empty() {
            let mean_p = bin.iter().map(|(p, _)| p).sum::<f64>() / bin.len() as f64;
            let rate = bin.iter().filter(|(_, h)| *h).count() as f64 / bin.len() as f64;
            println!(
                "decile {d}: n {:>4}, predicted {mean_p:.2}, observed {rate:.2}",
                bin.len()
            );
        }
    }
}
