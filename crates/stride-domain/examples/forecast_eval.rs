//! Evaluation report on simulated trajectories with known outcomes:
//! `cargo run -p stride-domain --example forecast_eval`.
//! The simulator draws trajectories without looking at the forecaster.
//! It reports AUC (forecast probability vs the plain pace rule) and
//! calibration. It is a report, not a test: the accountability issue's
//! thresholds (AUC ≥ 0.85, ≥ 0.05 over the pace rule) are not met yet, and
//! the test that asserts them lands with the forecaster that meets them.
#![allow(clippy::unwrap_used, clippy::print_stdout, clippy::cast_precision_loss)]

use chrono::{Days, NaiveDate};
use stride_domain::{forecast, Measure};

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

fn auc(scores: &[(f64, bool)]) -> f64 {
    let pos: Vec<f64> = scores.iter().filter(|s| s.1).map(|s| s.0).collect();
    let neg: Vec<f64> = scores.iter().filter(|s| !s.1).map(|s| s.0).collect();
    let mut wins = 0.0;
    for p in &pos {
        for n in &neg {
            wins += if p > n {
                1.0
            } else if p == n {
                0.5
            } else {
                0.0
            };
        }
    }
    wins / (pos.len() as f64 * neg.len() as f64)
}

fn main() {
    let start = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
    let due = start + Days::new(91);
    let m = Measure::Increase {
        baseline: 0.0,
        target: 100.0,
    };
    let mut rng = Rng(2026);
    type Scored = ((f64, bool), (f64, bool));
    let mut per_kind: Vec<Vec<Scored>> = vec![Vec::new(); 5];
    let (mut miss_by_p, mut miss_by_pace, mut cal) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..4000 {
        let kind = i % 5;
        let final_level = rng.range(50.0, 150.0);
        let noise = rng.range(1.0, if kind == 2 { 20.0 } else { 8.0 });
        let t0 = rng.range(20.0, 70.0);
        let drop = rng.range(10.0, 40.0);
        let truth = |x: f64| -> f64 {
            let f = x / 91.0;
            match kind {
                0 | 2 => final_level * f,            // linear, noisy
                1 => final_level * (x.min(t0) / t0), // plateau after t0
                3 => {
                    if x < t0 {
                        0.2 * final_level * x / t0
                    } else {
                        0.2 * final_level + 0.8 * final_level * (x - t0) / (91.0 - t0)
                    }
                } // late surge
                _ => final_level * f - if x >= t0 { drop } else { 0.0 }, // step drop
            }
        };
        let obs: Vec<(NaiveDate, f64)> = (0..=13u64)
            .map(|w| {
                (
                    start + Days::new(7 * w),
                    truth(7.0 * w as f64) + noise * rng.normal(),
                )
            })
            .collect();
        let hit = truth(91.0) + noise * rng.normal() >= 100.0;
        let as_of = start + Days::new(45);
        let p = forecast(&m, start, due, as_of, &obs)
            .map(|f| f.probability.unwrap())
            .unwrap_or(0.5);
        let current = obs.iter().rfind(|(d, _)| *d <= as_of).unwrap().1;
        let pace = (current / 100.0).clamp(0.0, 1.0) - 45.0 / 91.0;
        miss_by_p.push((1.0 - p, !hit));
        miss_by_pace.push((-pace, !hit));
        cal.push((p, hit));
        per_kind[kind].push(((1.0 - p, !hit), (-pace, !hit)));
    }
    let a_p = auc(&miss_by_p);
    let a_pace = auc(&miss_by_pace);
    println!("AUC forecast {a_p:.3}, pace rule {a_pace:.3}");
    for (k, name) in ["linear", "plateau", "noisy", "late surge", "step drop"]
        .iter()
        .enumerate()
    {
        let f: Vec<_> = per_kind[k].iter().map(|x| x.0).collect();
        let q: Vec<_> = per_kind[k].iter().map(|x| x.1).collect();
        println!("  {name:<10} forecast {:.3}, pace {:.3}", auc(&f), auc(&q));
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
