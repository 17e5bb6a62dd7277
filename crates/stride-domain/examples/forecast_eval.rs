//! Evaluation report on simulated trajectories with known outcomes:
//! `cargo run --release -p stride-domain --example forecast_eval [-- [--goals N] [--seed S] [--oracle [DRAWS]]]`.
//! `tests/forecast_evaluation.rs` runs the same simulator on fewer goals.
//!
//! **Simulator** (`tests/forecast_sim/mod.rs`, unchanged in design since it
//! was written; it never calls the forecaster): increase goals, baseline 0,
//! target 100, 91 days, weekly check-ins. The final level is uniform in
//! [50, 150]; the kinds take turns: linear, plateau (flat after a day t₀
//! uniform in [20, 70]), noisy linear, late surge (20 % of the final level
//! by t₀, the rest after it) and step drop (linear, minus a drop uniform in
//! [10, 40] from t₀). Noise σ is uniform in [1, 8] ([1, 20] for noisy); the
//! goal is hit when the final value plus noise reaches 100. At day 45 (50 %)
//! the report gives the AUC of `1 − p` (the forecast) for a final miss
//! against the plain pace rule (expected − progress), per kind, split by
//! whether the change point comes after the last check-in seen, and the
//! calibration of `p` per decile.
//!
//! `--oracle` adds the **ceiling**: the exact Bayes posterior P(hit | the
//! check-ins so far) under the simulator's own generative model, by
//! likelihood-weighting DRAWS (default 50 000) draws from its prior. No
//! forecaster can rank better on average, and this one knows what a
//! forecaster of real goals cannot (that one goal in five surges late, so a
//! slow start is a coin flip, and that final levels lie in [50, 150]).
//!
//! **Why the simulator was not changed.** About 34 % of the goals change
//! course after day 42 (plateau, surge or drop with t₀ > 42); no method can
//! see that coming, and the late surges (≈ 11 % of all goals, half of them
//! hits) look like certain misses to any forecaster whose chance rises with
//! the level. That caps every honest method — but it is realistic, it is
//! what the issue asked for ("late surge"), and it is not a bug: most
//! outcomes are still decided by what is visible at day 45. Moving t₀ before
//! day 45 or making slow starters miss would be tuning the simulator to the
//! forecaster, so neither was done.
#![allow(clippy::unwrap_used, clippy::print_stdout)]

#[path = "../tests/forecast_sim/mod.rs"]
mod forecast_sim;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .and_then(|n| n.parse::<u64>().ok())
    };
    let oracle = args.iter().any(|a| a == "--oracle");
    let draws = if oracle {
        value("--oracle").unwrap_or(50_000)
    } else {
        0
    };
    let goals = value("--goals").unwrap_or(4000);
    let seed = value("--seed").unwrap_or(2026);
    let rows = forecast_sim::run(
        usize::try_from(goals).unwrap(),
        seed,
        usize::try_from(draws).unwrap(),
    );
    println!("{goals} goals, seed {seed}");
    forecast_sim::print_report(&rows, oracle);
}
