//! The inbox and the scheduler that fills it.

use std::time::Duration;

use serde::{Deserialize, Serialize};
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
                match notices_due(store, chrono::Utc::now()).await {
                    Ok(notices) => show_notices(&app, notices),
                    Err(e) => tracing::warn!(error = %e, "could not read what to announce"),
                }
                // Remember today's evaluations, so dashboards, lists and the
                // alignment map read them instead of computing every goal.
                if let Err(e) = store
                    .refresh_evaluations(today, &stride_domain::StatusThresholds::default())
                    .await
                {
                    tracing::warn!(error = %e, "could not remember goal evaluations");
                }
                // And the whole-organisation dashboard and charts (what
                // Analytics opens on) and the alignment map's roll-up, so
                // those screens open at once.
                let thresholds = stride_domain::StatusThresholds::default();
                if let Err(e) = store.dashboard(today, &thresholds, None).await {
                    tracing::warn!(error = %e, "could not prepare the dashboard");
                }
                if let Err(e) = store.chart_data(today, &thresholds, None).await {
                    tracing::warn!(error = %e, "could not prepare the dashboard charts");
                }
                if let Err(e) = store
                    .cascade_level(
                        None,
                        None,
                        today,
                        &stride_domain::StatusThresholds::default(),
                        1,
                        0,
                    )
                    .await
                {
                    tracing::warn!(error = %e, "could not prepare the alignment map");
                }
            }
            tokio::time::sleep(TICK_EVERY).await;
        }
    });
}

/// The weekly digest with its Markdown.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DigestView {
    /// The week, by section.
    pub digest: stride_domain::digest::Digest,
    /// The same as Markdown, to copy or save.
    pub markdown: String,
}

/// `weekly_digest` as a plain function: my week as a manager (an error
/// without a profile).
pub async fn weekly_digest_in(store: &Store, as_of: Option<&str>) -> Result<DigestView, IpcError> {
    let as_of = parse_as_of("asOf", as_of)?;
    let me = me(store).await?.ok_or_else(|| {
        IpcError::invalid(
            "profile",
            "Set up your profile first: the digest is a manager's week.",
        )
    })?;
    let digest = store
        .weekly_digest(me, as_of, &stride_domain::StatusThresholds::default())
        .await?;
    let markdown = digest.to_markdown();
    Ok(DigestView { digest, markdown })
}

/// `save_digest` as a plain function: writes the digest's Markdown into
/// `dir` as "Stride weekly digest YYYY-MM-DD.md" (numbered when that file
/// exists, never overwriting) and returns the file's path.
pub async fn save_digest_in(
    store: &Store,
    as_of: Option<&str>,
    dir: &std::path::Path,
) -> Result<String, IpcError> {
    let view = weekly_digest_in(store, as_of).await?;
    let storage = |e: std::io::Error| {
        tracing::warn!(error = %e, dir = %dir.display(), "could not save the digest");
        IpcError::Storage {
            message: format!("Stride could not save the digest in {}: {e}", dir.display()),
            field: None,
        }
    };
    std::fs::create_dir_all(dir).map_err(storage)?;
    let stem = format!("Stride weekly digest {}", view.digest.to);
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{stem}.md")
        } else {
            format!("{stem} ({n}).md")
        };
        let path = dir.join(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                use std::io::Write as _;
                f.write_all(view.markdown.as_bytes()).map_err(storage)?;
                return Ok(path.display().to_string());
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(storage(e)),
        }
    }
    Err(IpcError::Conflict {
        message: format!("{} already holds 999 digests for this day.", dir.display()),
        field: None,
    })
}

/// `weekly_digest`: who is off track, who has not checked in, what changed.
#[tauri::command]
pub async fn weekly_digest(
    state: State<'_, AppState>,
    as_of: Option<String>,
) -> Result<DigestView, IpcError> {
    weekly_digest_in(state.store()?, as_of.as_deref()).await
}

/// `save_digest`: the digest as a Markdown file in Downloads (or Documents,
/// or the data folder); returns where.
#[tauri::command]
pub async fn save_digest(
    app: AppHandle,
    state: State<'_, AppState>,
    as_of: Option<String>,
) -> Result<String, IpcError> {
    let path = app.path();
    let dir = path
        .download_dir()
        .or_else(|_| path.document_dir())
        .unwrap_or_else(|_| state.data_dir().to_path_buf());
    save_digest_in(state.store()?, as_of.as_deref(), &dir).await
}

/// What the OS should announce now: my new, unannounced inbox items as
/// [`crate::notify::plan`] words them; the items are stamped as announced in
/// the same step, so a restart or the next tick never repeats them.
pub async fn notices_due(
    store: &Store,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<crate::notify::Notice>, IpcError> {
    let Some(me) = me(store).await? else {
        return Ok(Vec::new());
    };
    let items = store.to_notify(me, 200).await?;
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let mut tx = store.begin_write().await?;
    tx.mark_notified(me, now).await?;
    tx.commit().await?;
    Ok(crate::notify::plan(&items))
}

/// Shows notices through the OS (off the async runtime: the desktop
/// backends talk to D-Bus or the notification centre synchronously). A
/// machine without a notification service logs it and carries on.
fn show_notices(app: &AppHandle, notices: Vec<crate::notify::Notice>) {
    if notices.is_empty() {
        return;
    }
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        use tauri_plugin_notification::NotificationExt;
        for n in notices {
            if let Err(e) = app
                .notification()
                .builder()
                .title(&n.title)
                .body(&n.body)
                .show()
            {
                tracing::info!(error = %e, title = %n.title, "no OS notification shown");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_weekly_digest_shows_and_saves_without_overwriting() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("digest.db")).await.unwrap();
        let err = weekly_digest_in(&store, None).await.unwrap_err();
        assert_eq!(err.code(), "invalid_input");
        crate::commands::onboarding::open_demo_in(&store, 20, &mut |_| {})
            .await
            .unwrap();
        let view = weekly_digest_in(&store, Some("2026-05-20")).await.unwrap();
        assert_eq!(view.markdown, view.digest.to_markdown());
        assert!(view.markdown.starts_with("# Weekly digest for "));
        let out = dir.path().join("Downloads");
        let first = save_digest_in(&store, Some("2026-05-20"), &out)
            .await
            .unwrap();
        let second = save_digest_in(&store, Some("2026-05-20"), &out)
            .await
            .unwrap();
        assert!(
            first.ends_with("Stride weekly digest 2026-05-20.md"),
            "{first}"
        );
        assert!(
            second.ends_with("Stride weekly digest 2026-05-20 (2).md"),
            "{second}"
        );
        assert_eq!(std::fs::read_to_string(&first).unwrap(), view.markdown);
        let bad = weekly_digest_in(&store, Some("May 20")).await.unwrap_err();
        assert_eq!(bad.code(), "invalid_input");
    }

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
        // The OS announces them once, summed up; a second look finds nothing,
        // and another tick the same day raises nothing new to announce.
        let notices = notices_due(&store, chrono::Utc::now()).await.unwrap();
        assert!(!notices.is_empty() && notices.len() <= crate::notify::MAX_SINGLE);
        if items.len() > crate::notify::MAX_SINGLE {
            assert!(
                notices
                    .last()
                    .unwrap()
                    .title
                    .ends_with("more in your Stride inbox"),
                "{notices:?}"
            );
        }
        assert!(notices_due(&store, chrono::Utc::now())
            .await
            .unwrap()
            .is_empty());
        store.tick(today).await.unwrap();
        assert!(notices_due(&store, chrono::Utc::now())
            .await
            .unwrap()
            .is_empty());
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
