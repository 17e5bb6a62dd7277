//! The app's one piece of managed state.

use std::path::{Path, PathBuf};

use stride_store::Store;

use crate::error::IpcError;

/// What every command can reach: the local store (or why it could not be
/// opened) and where the installation keeps its files.
pub struct AppState {
    data_dir: PathBuf,
    database_path: PathBuf,
    store: Result<Store, IpcError>,
}

impl AppState {
    /// Opens the store in `data_dir` (`stride.db`), migrating it if needed.
    /// A failure is kept and reported by every command instead of crashing
    /// the window, so the person sees why.
    pub async fn open(data_dir: &Path) -> Self {
        let database_path = data_dir.join("stride.db");
        let store = Store::open(&database_path).await.map_err(|e| {
            tracing::error!(error = %e, path = %database_path.display(), "cannot open the local database");
            IpcError::from(e)
        });
        Self {
            data_dir: data_dir.to_owned(),
            database_path,
            store,
        }
    }

    /// The store, or the error that kept it from opening.
    pub fn store(&self) -> Result<&Store, IpcError> {
        self.store.as_ref().map_err(Clone::clone)
    }

    /// The folder holding the database and (with `--data-dir`) the logs.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The SQLite file.
    pub fn database_path(&self) -> &Path {
        &self.database_path
    }
}
