//! Evaluation on simulated trajectories with known outcomes (issue 6):
//! 2000 goals, fixed seed, scored at 50 % of the period. Prints the
//! forecast's and the pace rule's AUC for a final miss, their difference and
//! the calibration table (`cargo test -p stride-domain --test
//! forecast_evaluation -- --nocapture`); `examples/forecast_eval.rs` runs
//! larger draws and the Bayes ceiling.
//!
//! **Not the acceptance.** The issue asks for AUC ≥ 0.85 and ≥ 0.05 over the
//! pace rule; that is not met (≈ 0.77 vs 0.77, ceiling ≈ 0.86; see the
//! README's forecast section), so it is not asserted. What is asserted is
//! what the forecaster honestly achieves, as a regression guard: it ranks at
//! least as well as the pace rule (within sampling noise), better than the
//! previous Theil–Sen forecaster did (0.744), and better than the pace rule
//! where the trajectory's course is visible by day 42.
#![allow(clippy::unwrap_used, clippy::print_stdout)]

mod forecast_sim;

#[test]
fn forecast_ranks_misses_at_least_as_well_as_the_pace_rule() {
    let rows = forecast_sim::run(2000, 2026, 0);
    forecast_sim::print_report(&rows, false);
    let (forecast, pace, _) = forecast_sim::aucs(&rows.iter().collect::<Vec<_>>());
    println!(
        "pooled: forecast {forecast:.3}, pace {pace:.3}, diff {:+.3}",
        forecast - pace
    );
    assert!(forecast >= 0.75, "forecast AUC {forecast:.3}");
    assert!(
        forecast >= pace - 0.02,
        "forecast {forecast:.3} vs pace {pace:.3}"
    );
    let visible: Vec<_> = rows.iter().filter(|r| !r.change_after).collect();
    let (f_vis, p_vis, _) = forecast_sim::aucs(&visible);
    assert!(
        f_vis > p_vis,
        "visible course: forecast {f_vis:.3} vs pace {p_vis:.3}"
    );
    // Calibration: the observed hit rate rises with the predicted chance
    // from the bottom half to the top half.
    let cal = forecast_sim::calibration(&rows);
    let rate = |sel: &dyn Fn(f64) -> bool| {
        let (hits, n) = cal
            .iter()
            .filter(|c| sel(c.0))
            .fold((0.0, 0.0), |(h, n), c| {
                (h + c.1 * c.2 as f64, n + c.2 as f64)
            });
        hits / n
    };
    assert!(rate(&|p| p >= 0.5) > rate(&|p| p < 0.5) + 0.3);
}
