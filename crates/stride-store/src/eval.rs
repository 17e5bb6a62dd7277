//! Goal evaluation in SQL: current value, progress, expected progress and
//! status for many goals at once, so dashboards and lists aggregate in
//! SQLite instead of loading rows into Rust.
//!
//! The expressions mirror `stride-domain` exactly (`Measure::progress`,
//! `expected_progress`, `goal_status`); `tests/eval_parity.rs` checks SQL
//! and Rust agree goal by goal on random data.
//!
//! Every query built here binds `?1` = as-of date (`YYYY-MM-DD`),
//! `?2` = at-risk gap, `?3` = off-track gap.

/// Progress in `[0, 1]` of `value` (an SQL expression) against goal row `g`:
/// 1 when met, otherwise the clamped unclamped progress kept below 1.
fn progress_sql(value: &str) -> String {
    let met = met_sql(value);
    format!(
        "(CASE WHEN ({value}) IS NULL THEN 0.0 \
          WHEN {met} THEN 1.0 \
          ELSE min(max(coalesce({unclamped}, 0.0), 0.0), 0.9999999999999998) END)",
        unclamped = unclamped_sql(value),
    )
}

fn met_sql(v: &str) -> String {
    format!(
        "(CASE g.direction \
          WHEN 'increase' THEN ({v}) >= g.target \
          WHEN 'at_least' THEN ({v}) >= g.target \
          WHEN 'decrease' THEN ({v}) <= g.target \
          WHEN 'at_most' THEN ({v}) <= g.target \
          WHEN 'within_band' THEN ({v}) >= g.band_low AND ({v}) <= g.band_high \
          WHEN 'done' THEN ({v}) >= 1.0 \
          ELSE 0 END)"
    )
}

fn linear_sql(v: &str) -> String {
    format!("(CASE WHEN g.target = g.baseline THEN 0.0 ELSE (({v}) - g.baseline) / (g.target - g.baseline) END)")
}

fn band_distance_sql(x: &str) -> String {
    format!(
        "(CASE WHEN ({x}) < g.band_low THEN g.band_low - ({x}) \
          WHEN ({x}) > g.band_high THEN ({x}) - g.band_high ELSE 0.0 END)"
    )
}

fn unclamped_sql(v: &str) -> String {
    let linear = linear_sql(v);
    let d = band_distance_sql(v);
    let scale = band_distance_sql("g.baseline");
    format!(
        "(CASE g.direction \
          WHEN 'increase' THEN {linear} \
          WHEN 'decrease' THEN {linear} \
          WHEN 'at_least' THEN (CASE WHEN g.baseline < g.target THEN {linear} WHEN ({v}) >= g.target THEN 1.0 ELSE 0.0 END) \
          WHEN 'at_most' THEN (CASE WHEN g.baseline > g.target THEN {linear} WHEN ({v}) <= g.target THEN 1.0 ELSE 0.0 END) \
          WHEN 'within_band' THEN (CASE WHEN {d} = 0.0 THEN 1.0 WHEN {scale} > 0.0 THEN 1.0 - {d} / {scale} ELSE 0.0 END) \
          WHEN 'done' THEN (CASE WHEN ({v}) >= 1.0 THEN 1.0 ELSE 0.0 END) \
          ELSE 0.0 END)"
    )
}

/// The current value of goal row `g` on `?1`: its KPI's latest data point
/// when it tracks one, else its latest check-in with a value.
const CURRENT_SQL: &str = "coalesce(\
    (SELECT p.value FROM kpi_points p WHERE p.kpi_id = g.kpi_id AND p.period_start <= ?1 \
       ORDER BY p.period_start DESC, p.recorded_at DESC, p.id DESC LIMIT 1), \
    (SELECT CASE WHEN c.done = 1 THEN 1.0 ELSE c.value END FROM checkins c \
       WHERE c.goal_id = g.id AND c.effective_date <= ?1 AND (c.done = 1 OR c.value IS NOT NULL) \
       ORDER BY c.effective_date DESC, c.created_at DESC, c.id DESC LIMIT 1))";

/// The common table expressions that evaluate the goals selected by `scope`
/// (an SQL condition on goal row `g`) live, ending in `{name}(goal_id,
/// current, last_check_in, progress, expected, status)`; without `WITH`.
///
/// Each goal is read once; every lookup (latest check-in, KPI point, the
/// checkpoints around the date) is an indexed scalar subquery, so the cost
/// grows linearly with the number of goals.
fn live_chain(scope: &str, name: &str) -> String {
    let progress = progress_sql("g.current");
    let met = met_sql("g.current");
    let p_prev = progress_sql("g.pc_x");
    let p_next = progress_sql("g.nc_x");
    let p_start = progress_sql("g.start_x");
    // Knots of the expected path: (start, 0) unless a checkpoint sits on the
    // start, every checkpoint, and (due, 1) unless a checkpoint sits on the
    // due date (a one-day goal keeps it). See `stride_domain::expected_progress`.
    let due_knot = "(g.start_date = g.due_date OR NOT g.due_cp)";
    format!(
        "base AS MATERIALIZED ( \
           SELECT g.*, {CURRENT_SQL} AS current, \
             (SELECT max(c.effective_date) FROM checkins c WHERE c.goal_id = g.id AND c.effective_date <= ?1) AS last_check_in, \
             (SELECT c.date FROM goal_checkpoints c WHERE c.goal_id = g.id AND c.date <= ?1 ORDER BY c.date DESC LIMIT 1) AS pc_d, \
             (SELECT c.expected_value FROM goal_checkpoints c WHERE c.goal_id = g.id AND c.date <= ?1 ORDER BY c.date DESC LIMIT 1) AS pc_x, \
             (SELECT c.date FROM goal_checkpoints c WHERE c.goal_id = g.id AND c.date > ?1 ORDER BY c.date LIMIT 1) AS nc_d, \
             (SELECT c.expected_value FROM goal_checkpoints c WHERE c.goal_id = g.id AND c.date > ?1 ORDER BY c.date LIMIT 1) AS nc_x, \
             (SELECT c.expected_value FROM goal_checkpoints c WHERE c.goal_id = g.id AND c.date = g.start_date) AS start_x, \
             EXISTS (SELECT 1 FROM goal_checkpoints c WHERE c.goal_id = g.id AND c.date = g.due_date) AS due_cp \
           FROM goals g WHERE {scope} \
         ), \
         knots AS ( \
           SELECT g.*, \
             CASE WHEN g.start_x IS NULL THEN 0.0 ELSE {p_start} END AS v_first, \
             CASE WHEN ?1 >= g.due_date AND {due_knot} THEN g.due_date \
                  WHEN g.pc_d IS NOT NULL THEN g.pc_d ELSE g.start_date END AS d0, \
             CASE WHEN ?1 >= g.due_date AND {due_knot} THEN 1.0 \
                  WHEN g.pc_d IS NOT NULL THEN {p_prev} ELSE 0.0 END AS v0, \
             CASE WHEN g.nc_d IS NOT NULL THEN g.nc_d \
                  WHEN {due_knot} AND g.due_date > ?1 THEN g.due_date END AS d1, \
             CASE WHEN g.nc_d IS NOT NULL THEN {p_next} \
                  WHEN {due_knot} AND g.due_date > ?1 THEN 1.0 END AS v1 \
           FROM base g \
         ), \
         measured AS ( \
           SELECT g.id AS goal_id, g.state, g.direction, g.due_date, g.current, g.last_check_in, \
             {progress} AS progress, \
             {met} AS met, \
             min(max(CASE \
               WHEN ?1 < g.start_date THEN g.v_first \
               WHEN g.d1 IS NULL THEN g.v0 \
               ELSE g.v0 + (g.v1 - g.v0) * ((julianday(?1) - julianday(g.d0)) / (julianday(g.d1) - julianday(g.d0))) \
             END, 0.0), 1.0) AS expected \
           FROM knots g \
         ), \
         {name} AS ( \
           SELECT goal_id, current, last_check_in, progress, expected, \
             CASE \
               WHEN state IN ('draft', 'cancelled', 'deprioritised') THEN NULL \
               WHEN state = 'completed' THEN 'done' \
               WHEN state = 'missed' THEN 'missed' \
               WHEN current IS NOT NULL AND met THEN \
                 CASE WHEN direction IN ('at_least', 'at_most', 'within_band') AND ?1 <= due_date THEN 'on_track' ELSE 'done' END \
               WHEN ?1 > due_date THEN 'missed' \
               WHEN expected - progress < ?2 THEN 'on_track' \
               WHEN expected - progress <= ?3 THEN 'at_risk' \
               ELSE 'off_track' \
             END AS status \
           FROM measured \
         )"
    )
}

/// A goal's remembered evaluation is fresh for this as-of day and thresholds.
const FRESH: &str = "c.as_of = ?1 AND c.at_risk_gap = ?2 AND c.off_track_gap = ?3";

/// A `WITH` clause defining `eval(goal_id, current, last_check_in, progress,
/// expected, status)` over the goals selected by `scope` (an SQL condition
/// on goal row `g`, e.g. `1` or `g.owner_person_id = ?4`): the remembered
/// rows of `goal_eval` that are fresh, and every other goal in scope
/// evaluated live — one statement, one snapshot, so the result is always
/// what [`live_eval_cte`] gives (tests/eval_cache.rs), only faster once
/// [`refresh_sql`] has run.
pub(crate) fn eval_cte(scope: &str) -> String {
    let stale = format!(
        "({scope}) AND NOT EXISTS (SELECT 1 FROM goal_eval c WHERE c.goal_id = g.id AND {FRESH})"
    );
    format!(
        "WITH {}, eval AS ( \
           SELECT goal_id, current, last_check_in, progress, expected, status FROM live \
           UNION ALL \
           SELECT c.goal_id, c.current, c.last_check_in, c.progress, c.expected, c.status \
           FROM goal_eval c JOIN goals g ON g.id = c.goal_id WHERE ({scope}) AND {FRESH} \
         ) ",
        live_chain(&stale, "live")
    )
}

/// [`eval_cte`] without the remembered rows: every goal evaluated live.
pub(crate) fn live_eval_cte(scope: &str) -> String {
    format!("WITH {} ", live_chain(scope, "eval"))
}

/// Remembers the evaluation of up to `limit` goals whose row is missing or
/// stale (binds `?1` as-of, `?2`/`?3` thresholds).
pub(crate) fn refresh_sql(limit: u32) -> String {
    format!(
        "WITH {} INSERT OR REPLACE INTO goal_eval \
           (goal_id, as_of, at_risk_gap, off_track_gap, current, last_check_in, progress, expected, status) \
         SELECT goal_id, ?1, ?2, ?3, current, last_check_in, progress, expected, status FROM live",
        live_chain(
            &format!(
                "g.id IN (SELECT s.id FROM goals s WHERE NOT EXISTS \
                 (SELECT 1 FROM goal_eval c WHERE c.goal_id = s.id AND {FRESH}) LIMIT {limit})"
            ),
            "live"
        )
    )
}

/// Days between check-ins for a cadence column (`weekly`, `biweekly`,
/// `monthly`, `custom:N`), as an SQL expression on goal row `g`.
pub(crate) const CADENCE_DAYS_SQL: &str =
    "(CASE g.cadence WHEN 'weekly' THEN 7 WHEN 'biweekly' THEN 14 \
    WHEN 'monthly' THEN 31 ELSE CAST(substr(g.cadence, 8) AS INTEGER) END)";
