//! Where a goal is heading, and the pictures: the goal's risk assessment
//! (pace + forecast, with a reason in words), its progress chart, the team
//! overview, the alignment problems and the dashboard charts.

use chrono::NaiveDate;
use serde::Serialize;
use stride_charts::{ChartSize, ProgressChart, Theme};
use stride_domain::forecast::observations_from_check_ins;
use stride_domain::risk::{assess, RiskAssessment, RiskThresholds};
use stride_domain::{CycleId, Direction, GoalId, StatusThresholds};
use stride_store::{AlignmentProblems, GoalDetail, Store, TeamMember};
use tauri::State;
use ts_rs::TS;

use crate::commands::goals::{me, parse_as_of, parse_cycle};
use crate::error::IpcError;
use crate::state::AppState;

/// A goal's assessment and its chart.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GoalInsight {
    /// Pace and forecast combined, with the reason in words.
    pub assessment: RiskAssessment,
    /// The progress chart as a self-contained SVG document.
    pub chart_svg: String,
    /// The chart in words (what is drawn, checkpoints, forecast and range):
    /// the image's `alt` text.
    pub chart_description: String,
    /// For activity goals, every full week judged against the weekly
    /// checkpoint (weeks below target flagged); empty for other goals.
    pub activity_weeks: Vec<stride_domain::alerts::ActivityWeek>,
}

/// The dashboard's charts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DashboardCharts {
    /// Goals by status as a stacked bar.
    pub status_svg: String,
    /// Progress minus expected pace, as a histogram.
    pub pace_svg: String,
}

fn theme(dark: bool) -> Theme {
    if dark {
        Theme::Dark
    } else {
        Theme::Light
    }
}

fn chart_error(e: stride_charts::ChartError) -> IpcError {
    tracing::error!(error = %e, "chart failed");
    IpcError::Internal {
        message: "Stride could not draw this chart. The details are in the log file.".into(),
        field: None,
    }
}

/// The progress chart of a goal: baseline, target (or band), the expected
/// pace through the checkpoints, every check-in, the forecast band and today.
#[must_use]
pub fn goal_chart(
    detail: &GoalDetail,
    assessment: &RiskAssessment,
    as_of: NaiveDate,
    dark: bool,
) -> ProgressChart {
    let g = &detail.goal;
    let (baseline, target) = match g.direction {
        Direction::Done => (0.0, 1.0),
        Direction::WithinBand => {
            let mid = (g.band_low.unwrap_or(0.0) + g.band_high.unwrap_or(0.0)) / 2.0;
            (g.baseline.unwrap_or(mid), mid)
        }
        _ => (g.baseline.unwrap_or(0.0), g.target.unwrap_or(0.0)),
    };
    let mut chart = ProgressChart::new(
        g.title.clone(),
        g.unit_label.clone(),
        g.start,
        g.due,
        baseline,
        target,
    );
    chart.theme = theme(dark);
    chart.size = ChartSize::new(760, 320);
    chart.today = Some(as_of);
    if g.direction == Direction::WithinBand {
        chart.band = g.band_low.zip(g.band_high);
    }
    chart.checkpoints = g
        .checkpoints
        .iter()
        .map(|c| stride_charts::Checkpoint {
            date: c.date,
            value: c.expected,
            label: c.label.clone(),
        })
        .collect();
    chart.checkins = observations_from_check_ins(&detail.check_ins)
        .into_iter()
        .map(|(date, value)| stride_charts::CheckIn { date, value })
        .collect();
    if let Some(f) = &assessment.forecast {
        let from = detail
            .check_ins
            .iter()
            .filter(|c| c.effective == f.last_observation)
            .filter_map(stride_domain::CheckIn::observed)
            .next_back()
            .unwrap_or(f.level);
        chart.forecast = Some(stride_charts::Forecast {
            points: vec![
                stride_charts::ForecastPoint {
                    date: f.last_observation,
                    value: from,
                    low: from,
                    high: from,
                },
                stride_charts::ForecastPoint {
                    date: f.due,
                    value: f.value,
                    low: f.low,
                    high: f.high,
                },
            ],
        });
    }
    chart
}

/// `goal_insight` as a plain function.
pub async fn goal_insight_in(
    store: &Store,
    id: GoalId,
    as_of: NaiveDate,
    dark: bool,
) -> Result<GoalInsight, IpcError> {
    let thresholds = StatusThresholds::default();
    let detail = store.goal_detail(id, as_of, &thresholds).await?;
    let observations: Vec<(NaiveDate, f64)> = match detail.goal.kpi {
        Some(kpi) => {
            stride_domain::forecast::observations_from_kpi(kpi, &store.kpi_points(kpi).await?)
        }
        None => observations_from_check_ins(&detail.check_ins),
    };
    let assessment = assess(
        &detail.goal,
        detail.summary.current,
        &observations,
        as_of,
        &thresholds,
        &RiskThresholds::default(),
    );
    let chart = goal_chart(&detail, &assessment, as_of, dark);
    let chart_svg = stride_charts::progress_chart(&chart).map_err(chart_error)?;
    let chart_description = stride_charts::progress_description(&chart).map_err(chart_error)?;
    let activity_weeks =
        stride_domain::alerts::activity_weeks(&detail.goal, &detail.check_ins, as_of);
    Ok(GoalInsight {
        assessment,
        chart_svg,
        chart_description,
        activity_weeks,
    })
}

/// `dashboard_charts` as a plain function (every goal, aggregated in SQL).
pub async fn dashboard_charts_in(
    store: &Store,
    as_of: NaiveDate,
    cycle: Option<CycleId>,
    dark: bool,
) -> Result<DashboardCharts, IpcError> {
    let thresholds = StatusThresholds::default();
    // The totals and the pace deltas from one evaluation of the goals.
    let (c, deltas) = store.chart_data(as_of, &thresholds, cycle).await?;
    let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
    let counts = [
        (stride_charts::GoalStatus::OnTrack, c.on_track),
        (stride_charts::GoalStatus::AtRisk, c.at_risk),
        (stride_charts::GoalStatus::OffTrack, c.off_track),
        (stride_charts::GoalStatus::Done, c.done),
        (stride_charts::GoalStatus::Missed, c.missed),
    ]
    .map(|(status, n)| stride_charts::StatusCount {
        status,
        count: count(n),
    });
    let status_svg = stride_charts::status_bars(&counts, theme(dark)).map_err(chart_error)?;
    let pace_svg =
        stride_charts::progress_distribution(&deltas, theme(dark)).map_err(chart_error)?;
    Ok(DashboardCharts {
        status_svg,
        pace_svg,
    })
}

/// `goal_insight`: pace, forecast, reason and chart for one goal.
#[tauri::command]
pub async fn goal_insight(
    state: State<'_, AppState>,
    id: String,
    as_of: Option<String>,
    dark: bool,
) -> Result<GoalInsight, IpcError> {
    let id: GoalId = id
        .parse()
        .map_err(|_| IpcError::invalid("id", "This is not a goal id."))?;
    let as_of = parse_as_of("asOf", as_of.as_deref())?;
    goal_insight_in(state.store()?, id, as_of, dark).await
}

/// `team_overview`: my reports with their status mix and check-in compliance.
#[tauri::command]
pub async fn team_overview(
    state: State<'_, AppState>,
    as_of: Option<String>,
) -> Result<Vec<TeamMember>, IpcError> {
    let store = state.store()?;
    let as_of = parse_as_of("asOf", as_of.as_deref())?;
    let Some(manager) = me(store).await? else {
        return Ok(Vec::new());
    };
    Ok(store
        .team_overview(manager, as_of, &StatusThresholds::default())
        .await?)
}

/// `alignment_problems`: orphans, goals under inactive parents, opposing siblings.
#[tauri::command]
pub async fn alignment_problems(state: State<'_, AppState>) -> Result<AlignmentProblems, IpcError> {
    Ok(state.store()?.alignment_problems(200).await?)
}

/// `dashboard_charts`: status bars and the pace histogram as SVG.
#[tauri::command]
pub async fn dashboard_charts(
    state: State<'_, AppState>,
    as_of: Option<String>,
    cycle: Option<String>,
    dark: bool,
) -> Result<DashboardCharts, IpcError> {
    let as_of = parse_as_of("asOf", as_of.as_deref())?;
    let cycle = parse_cycle("cycle", cycle.as_deref())?;
    dashboard_charts_in(state.store()?, as_of, cycle, dark).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_demo_gives_charts_and_reasons() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("insight.db")).await.unwrap();
        crate::commands::onboarding::open_demo_in(&store, 20, &mut |_| {})
            .await
            .unwrap();
        let as_of = chrono::Local::now().date_naive();
        let goals = store
            .goal_summaries(
                stride_store::GoalScope::All,
                None,
                as_of,
                &StatusThresholds::default(),
                50,
                0,
            )
            .await
            .unwrap();
        let with_values = goals
            .iter()
            .find(|g| g.current.is_some() && g.direction != Direction::Done)
            .unwrap();
        let insight = goal_insight_in(&store, with_values.id, as_of, false)
            .await
            .unwrap();
        assert!(insight.chart_svg.starts_with("<svg") || insight.chart_svg.contains("<svg"));
        assert!(
            insight
                .chart_svg
                .contains(&with_values.title.replace('&', "&amp;"))
                || insight.chart_svg.contains("<title")
        );
        assert!(!insight.assessment.reason.is_empty());
        // The alt text is the chart's own description of what it draws.
        assert!(
            insight
                .chart_description
                .contains("Drawn: Check-ins, Expected pace, Target, Baseline"),
            "{}",
            insight.chart_description
        );

        let dark = goal_insight_in(&store, with_values.id, as_of, true)
            .await
            .unwrap();
        assert_ne!(
            dark.chart_svg, insight.chart_svg,
            "the dark theme draws other colours"
        );

        let charts = dashboard_charts_in(&store, as_of, None, false)
            .await
            .unwrap();
        assert!(charts.status_svg.contains("<svg"));
        assert!(charts.pace_svg.contains("<svg"));

        // The operations seed goal: its pace line, six-week review, target and unit axis.
        let ops = store
            .search_goals("Order processing 48 h", 5)
            .await
            .unwrap()
            .into_iter()
            .next()
            .expect("the demo holds the operations seed goal");
        let svg = goal_insight_in(&store, ops.id, as_of, false)
            .await
            .unwrap()
            .chart_svg;
        for needle in [
            "six-week review",
            "Target 32 hours",
            "Expected pace",
            "hours",
        ] {
            assert!(
                svg.to_lowercase().contains(&needle.to_lowercase()),
                "the chart shows {needle}"
            );
        }

        let err = goal_insight_in(&store, GoalId::new(), as_of, false)
            .await
            .unwrap_err();
        assert_eq!(err.code(), "not_found");
    }
}
