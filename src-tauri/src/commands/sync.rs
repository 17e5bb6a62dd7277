//! Sync commands: thin wrappers over `crate::sync` that pick the keychain,
//! emit `sync` (status) and `changed` (after a pull brought rows) events.

use stride_sync::KeyringCredentials;
use tauri::{AppHandle, Emitter, Manager, State};

use crate::error::IpcError;
use crate::state::AppState;
use crate::sync::{
    self as core, AttentionView, ConflictView, SignInInput, SyncService, SyncStatus,
};

/// The event carrying a new [`SyncStatus`] whenever it may have changed.
pub const SYNC_EVENT: &str = "stride://sync";

fn credentials() -> KeyringCredentials {
    KeyringCredentials::new(&core::keychain_service())
}

/// Tells the UI the sync status (and, when `pulled`, that data changed).
async fn announce(app: &AppHandle, pulled: bool) {
    let state = app.state::<AppState>();
    let service = app.state::<SyncService>();
    if let Ok(store) = state.store() {
        match core::status(store, &service).await {
            Ok(status) => {
                if let Err(e) = app.emit(SYNC_EVENT, status) {
                    tracing::warn!(error = %e, "could not send the sync status");
                }
            }
            Err(e) => tracing::warn!(error = %e, "could not read the sync status"),
        }
    }
    if pulled {
        if let Err(e) = app.emit(super::goals::CHANGED_EVENT, ()) {
            tracing::warn!(error = %e, "could not tell the UI about a change");
        }
    }
}

/// Runs one sync and announces it.
async fn run_sync(app: &AppHandle) {
    let state = app.state::<AppState>();
    let service = app.state::<SyncService>();
    let Ok(store) = state.store() else { return };
    let Some(started) = core::start_sync(store, &service).await else {
        return;
    };
    // The status now reads "Syncing…": the indicator moves at once.
    announce(app, false).await;
    let report = core::finish_sync(store, &service, started).await;
    let pulled = report.is_some_and(|r| r.pulled > 0 || r.reset || r.rejected > 0);
    announce(app, pulled).await;
}

/// Starts background sync: after every local write (debounced) and every
/// interval; after failures it backs off.
pub fn start_background(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        {
            let state = app.state::<AppState>();
            if let Ok(store) = state.store() {
                let sync_state = store.sync_state().await.ok().flatten();
                core::load_token(
                    sync_state.as_ref(),
                    &app.state::<SyncService>(),
                    &credentials(),
                );
            }
        }
        let interval = core::interval();
        loop {
            run_sync(&app).await;
            let pause = app.state::<SyncService>().next_pause(interval);
            app.state::<SyncService>().wait(pause).await;
            // Coalesce a burst of writes into one sync.
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        }
    });
}

/// `sync_status`: where sync stands.
#[tauri::command]
pub async fn sync_status(
    state: State<'_, AppState>,
    service: State<'_, SyncService>,
) -> Result<SyncStatus, IpcError> {
    core::status(state.store()?, &service).await
}

/// `sync_sign_in`: connect this database to a server and sync.
#[tauri::command]
pub async fn sync_sign_in(
    app: AppHandle,
    state: State<'_, AppState>,
    service: State<'_, SyncService>,
    input: SignInInput,
) -> Result<SyncStatus, IpcError> {
    let status = core::sign_in(state.store()?, &service, &credentials(), input).await?;
    announce(&app, true).await;
    Ok(status)
}

/// `sync_now`: sync at once and return the new status.
#[tauri::command]
pub async fn sync_now(
    app: AppHandle,
    state: State<'_, AppState>,
    service: State<'_, SyncService>,
) -> Result<SyncStatus, IpcError> {
    run_sync(&app).await;
    core::status(state.store()?, &service).await
}

/// `sync_sign_out`: remove the token from the keychain.
#[tauri::command]
pub async fn sync_sign_out(
    app: AppHandle,
    state: State<'_, AppState>,
    service: State<'_, SyncService>,
) -> Result<SyncStatus, IpcError> {
    let status = core::sign_out(state.store()?, &service, &credentials()).await?;
    announce(&app, false).await;
    Ok(status)
}

/// `sync_conflicts`: open conflicts in words.
#[tauri::command]
pub async fn sync_conflicts(state: State<'_, AppState>) -> Result<Vec<ConflictView>, IpcError> {
    core::conflicts(state.store()?).await
}

/// `keep_mine`: write my superseded value again.
#[tauri::command]
pub async fn keep_mine(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> Result<(), IpcError> {
    core::keep_mine(state.store()?, &id).await?;
    super::goals::changed(&app);
    announce(&app, false).await;
    Ok(())
}

/// `dismiss_conflict`: close a conflict.
#[tauri::command]
pub async fn dismiss_conflict(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> Result<(), IpcError> {
    core::dismiss_conflict(state.store()?, &id).await?;
    announce(&app, false).await;
    Ok(())
}

/// `sync_attention`: refused changes in words.
#[tauri::command]
pub async fn sync_attention(state: State<'_, AppState>) -> Result<Vec<AttentionView>, IpcError> {
    core::attention(state.store()?).await
}

/// `dismiss_attention`: mark a refused change as seen.
#[tauri::command]
pub async fn dismiss_attention(
    app: AppHandle,
    state: State<'_, AppState>,
    op_id: String,
) -> Result<(), IpcError> {
    core::dismiss_attention(state.store()?, &op_id).await?;
    announce(&app, false).await;
    Ok(())
}
