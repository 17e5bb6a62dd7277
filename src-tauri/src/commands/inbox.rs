//! The inbox and the scheduler that fills it.

use std::time::Duration;

use serde::Deserialize;
use stride_store::{AlertState, InboxItem, Store};
use tauri::{AppHandle, Manager, State};
use ts_rs::TS;

use crate::commands::goals::{changed, me, parse_as_of};
use crate::error::IpcError;
use crate::state::AppState;

/// How often the scheduler looks for alerts and reminders due.
pub const TICK_EVERY: Duration = Duration::from_secs(10 * 60);

/// Input of `set_alert_state`.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AlertStateInput {
    /// The inbox item.
    pub id: String,
    /// Seen, snoozed or dismissed.
    pub state: AlertState,
    /// For snoozed: `YYYY-MM-DD` it comes back.
    pub snoozed_until: Option<String>,
}

/// `inbox` as a plain function: my inbox today (empty without a profile).
pub async fn inbox_in(store: &Store, as_of: Option<&str>) -> Result<Vec<InboxItem>, IpcError> {
    let as_of = parse_as_of("asOf", as_of)?;
    let Some(person) = me(store).await? else {
        return Ok(Vec::new());
    };
    Ok(store.inbox(person, as_of, 500).await?)
}

/// `set_alert_state` as a plain function.
pub async fn set_alert_state_in(store: &Store, input: AlertStateInput) -> Result<(), IpcError> {
    let until = input
        .snoozed_until
        .as_deref()
        .map(|d| parse_as_of("snoozedUntil", Some(d)))
        .transpose()?;
    let mut tx = store.begin_write().await?;
    tx.set_alert_state(&input.id, input.state, until).await?;
    tx.commit().await?;
    Ok(())
}

/// `inbox`: my alerts and reminders, newest first.
#[tauri::command]
pub async fn inbox(
    state: State<'_, AppState>,
    as_of: Option<String>,
) -> Result<Vec<InboxItem>, IpcError> {
    inbox_in(state.store()?, as_of.as_deref()).await
}

/// `set_alert_state`: seen, snoozed until a day, or dismissed.
#[tauri::command]
pub async fn set_alert_state(
    app: AppHandle,
    state: State<'_, AppState>,
    input: AlertStateInput,
) -> Result<(), IpcError> {
    set_alert_state_in(state.store()?, input).await?;
    changed(&app);
    Ok(())
}

/// Runs the scheduler for the life of the app: a tick at start-up (which
/// catches up after the app was closed, the laptop slept or was offline —
/// each tick computes what today calls for, and the inbox keeps one item
/// per cause) and then every [`TICK_EVERY`]. New items refresh the views.
pub fn start_scheduler(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            let state = app.state::<AppState>();
            if let Ok(store) = state.store() {
                let today = chrono::Local::now().date_naive();
                match store.tick(today).await {
                    Ok(report) if report.raised > 0 => {
                        tracing::info!(raised = report.raised, "new alerts and reminders");
                        changed(&app);
                    }
                    Ok(_) => {}
                    Err(e) => {
                        tracing::warn!(error = %e, "the scheduler's tick failed; it will try again")
                    }
                }
            }
            tokio::time::sleep(TICK_EVERY).await;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_demo_inbox_fills_on_a_tick_and_items_can_be_dismissed() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("inbox.db")).await.unwrap();
        assert!(
            inbox_in(&store, None).await.unwrap().is_empty(),
            "no profile, no inbox"
        );
        crate::commands::onboarding::open_demo_in(&store, 20, &mut |_| {})
            .await
            .unwrap();
        let today = chrono::Local::now().date_naive();
        store.tick(today).await.unwrap();
        let items = inbox_in(&store, None).await.unwrap();
        assert!(!items.is_empty(), "the demo's manager has alerts");
        let first = items[0].clone();
        set_alert_state_in(
            &store,
            AlertStateInput {
                id: first.id.clone(),
                state: AlertState::Dismissed,
                snoozed_until: None,
            },
        )
        .await
        .unwrap();
        assert!(inbox_in(&store, None)
            .await
            .unwrap()
            .iter()
            .all(|i| i.id != first.id));
        let err = set_alert_state_in(
            &store,
            AlertStateInput {
                id: first.id,
                state: AlertState::Snoozed,
                snoozed_until: Some("soon".into()),
            },
        )
        .await
        .unwrap_err();
        assert!(
            matches!(err, IpcError::InvalidInput { field: Some(ref f), .. } if f == "snoozedUntil")
        );
    }
}
