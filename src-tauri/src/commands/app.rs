//! About this installation.

use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::error::IpcError;
use crate::state::AppState;

/// What the Settings screen shows under "About this installation".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    /// The app's version.
    pub version: String,
    /// The folder with the database (and, with `--data-dir`, the logs).
    pub data_dir: String,
    /// The SQLite file.
    pub database_path: String,
    /// The schema version the database is migrated to.
    pub schema_version: i64,
    /// Goals of every kind and state.
    pub goal_count: i64,
    /// People in the organisation.
    pub person_count: i64,
}

/// Reads [`AppInfo`] from the store.
pub async fn load_app_info(state: &AppState) -> Result<AppInfo, IpcError> {
    let store = state.store()?;
    let counts = store.counts().await?;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        data_dir: state.data_dir().display().to_string(),
        database_path: state.database_path().display().to_string(),
        schema_version: store.schema_version().await?,
        goal_count: counts.goals,
        person_count: counts.people,
    })
}

/// `app_info`: about this installation.
#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, IpcError> {
    load_app_info(&state).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn reports_the_migrated_database() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path()).await;
        let info = load_app_info(&state).await.unwrap();
        assert_eq!(info.schema_version, stride_store::SCHEMA_VERSION);
        assert_eq!(info.goal_count, 0);
        assert!(info.database_path.ends_with("stride.db"));
        assert!(dir.path().join("stride.db").exists());
    }

    #[tokio::test]
    async fn an_unopenable_database_is_reported_not_panicked() {
        let dir = tempfile::tempdir().unwrap();
        // A directory where the database file should be cannot be opened.
        std::fs::create_dir(dir.path().join("stride.db")).unwrap();
        let state = AppState::open(dir.path()).await;
        let err = load_app_info(&state).await.unwrap_err();
        assert_eq!(err.code(), "storage");
    }
}
