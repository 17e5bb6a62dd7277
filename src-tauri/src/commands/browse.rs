//! Browsing: the cycles for the cycle picker, the global search over goals,
//! people and org units, and the KPIs with their series.

use serde::Serialize;
use stride_domain::{Cycle, Direction, KpiId, PeriodKind, UnitKind};
use stride_store::{GoalLink, PersonHit, Store, UnitHit};
use tauri::State;
use ts_rs::TS;

use crate::error::IpcError;
use crate::state::AppState;

/// The most hits of each kind the global search returns.
const SEARCH_LIMIT: u32 = 8;

/// What the global search found, per kind.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchResults {
    /// Goals by title.
    pub goals: Vec<GoalLink>,
    /// People by name, email or title.
    pub people: Vec<PersonHit>,
    /// Org units by name.
    pub units: Vec<UnitHit>,
}

/// One KPI data point.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KpiPointView {
    /// The period's first day, `YYYY-MM-DD`.
    pub start: String,
    /// The period's last day, `YYYY-MM-DD`.
    pub end: String,
    /// The value.
    pub value: f64,
}

/// A KPI with its series, oldest point first.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KpiView {
    /// Id.
    pub id: KpiId,
    /// Stable key integrations post to (`orders.processing_hours`).
    pub key: String,
    /// Name.
    pub name: String,
    /// What kind of number it is (currency, percent, …).
    pub unit: UnitKind,
    /// Unit label.
    pub unit_label: String,
    /// Which way is better.
    pub direction: Direction,
    /// Reporting period.
    pub period: PeriodKind,
    /// Data points.
    pub points: Vec<KpiPointView>,
    /// How many goals track it.
    pub tracked_by: i64,
}

/// `cycles` as a plain function.
pub async fn cycles_in(store: &Store) -> Result<Vec<Cycle>, IpcError> {
    Ok(store.cycles().await?)
}

/// `global_search` as a plain function: nothing for blank text.
pub async fn global_search_in(store: &Store, text: &str) -> Result<SearchResults, IpcError> {
    if text.trim().is_empty() {
        return Ok(SearchResults {
            goals: Vec::new(),
            people: Vec::new(),
            units: Vec::new(),
        });
    }
    if text.chars().count() > 200 {
        return Err(IpcError::invalid(
            "text",
            "Search for at most 200 characters.",
        ));
    }
    Ok(SearchResults {
        goals: store.search_goals(text, SEARCH_LIMIT).await?,
        people: store.search_people(text, SEARCH_LIMIT).await?,
        units: store.search_units(text, SEARCH_LIMIT).await?,
    })
}

/// `kpis` as a plain function.
pub async fn kpis_in(store: &Store) -> Result<Vec<KpiView>, IpcError> {
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    Ok(store
        .kpis_with_series()
        .await?
        .into_iter()
        .map(|s| KpiView {
            id: s.kpi.id,
            key: s.kpi.key,
            name: s.kpi.name,
            unit: s.kpi.unit,
            unit_label: s.kpi.unit_label,
            direction: s.kpi.direction,
            period: s.kpi.period,
            points: s
                .points
                .iter()
                .map(|p| KpiPointView {
                    start: day(p.period.start()),
                    end: day(p.period.end()),
                    value: p.value,
                })
                .collect(),
            tracked_by: s.tracked_by,
        })
        .collect())
}

/// `cycles`: every cycle, oldest first (the cycle picker).
#[tauri::command]
pub async fn cycles(state: State<'_, AppState>) -> Result<Vec<Cycle>, IpcError> {
    cycles_in(state.store()?).await
}

/// `global_search`: goals, people and org units matching the text.
#[tauri::command]
pub async fn global_search(
    state: State<'_, AppState>,
    text: String,
) -> Result<SearchResults, IpcError> {
    global_search_in(state.store()?, &text).await
}

/// `kpis`: every KPI with its series and how many goals track it.
#[tauri::command]
pub async fn kpis(state: State<'_, AppState>) -> Result<Vec<KpiView>, IpcError> {
    kpis_in(state.store()?).await
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn demo() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("browse.db")).await.unwrap();
        crate::commands::onboarding::open_demo_in(&store, 20, &mut |_| {})
            .await
            .unwrap();
        (dir, store)
    }

    #[tokio::test]
    async fn search_finds_goals_people_and_units() {
        let (_dir, store) = demo().await;
        let found = global_search_in(&store, "sales").await.unwrap();
        assert!(
            found.units.iter().any(|u| u.name.contains("Sales")),
            "{found:?}"
        );
        assert!(
            found
                .people
                .iter()
                .any(|p| p.title.to_lowercase().contains("sales")),
            "{found:?}"
        );
        assert!(found.goals.len() <= SEARCH_LIMIT as usize);
        let sofia = global_search_in(&store, "sofia").await.unwrap();
        assert!(!sofia.people.is_empty());
        assert!(
            sofia.people.iter().all(|p| p.name.starts_with("Sofia")),
            "{sofia:?}"
        );
        assert!(sofia.people.windows(2).all(|w| w[0].name <= w[1].name));
        let none = global_search_in(&store, "   ").await.unwrap();
        assert!(none.goals.is_empty() && none.people.is_empty() && none.units.is_empty());
        // Wildcards are literal.
        let pct = global_search_in(&store, "%_%").await.unwrap();
        assert!(pct.people.is_empty() && pct.units.is_empty(), "{pct:?}");
        let long = global_search_in(&store, &"x".repeat(201))
            .await
            .unwrap_err();
        assert_eq!(long.code(), "invalid_input");
    }

    #[tokio::test]
    async fn cycles_and_kpis_from_the_demo() {
        let (_dir, store) = demo().await;
        let cycles = cycles_in(&store).await.unwrap();
        assert_eq!(
            cycles.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
            ["Q4 2025", "Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026"]
        );
        let kpis = kpis_in(&store).await.unwrap();
        assert!(!kpis.is_empty());
        for k in &kpis {
            assert!(!k.points.is_empty(), "{k:?}");
            assert!(
                k.points.windows(2).all(|w| w[0].start < w[1].start),
                "{k:?}"
            );
            assert!(k.points.iter().all(|p| p.start <= p.end));
        }
        assert!(kpis.iter().any(|k| k.tracked_by > 0));
    }
}
