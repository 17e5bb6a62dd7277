//! The Stride desktop shell: one `AppState`, thin commands, plugins, logging.
//!
//! Everything that is not about windows and IPC lives in the Tauri-free
//! crates (`stride-domain`, `stride-store`, …); this crate converts, calls and
//! maps errors.
#![forbid(unsafe_code)]

pub mod bindings;
pub mod commands;
pub mod error;
pub mod launch;
pub mod notify;
pub mod state;
pub mod sync;

use tauri::Manager;

use crate::launch::LaunchOptions;
use crate::state::AppState;

/// Keeps the log writer alive for the life of the app.
struct LogGuard(#[allow(dead_code)] tracing_appender::non_blocking::WorkerGuard);

/// One window per database: a second launch on the same data folder focuses
/// the window already open; a launch on another `--data-dir` is its own app.
fn single_instance(options: &LaunchOptions) -> tauri::plugin::TauriPlugin<tauri::Wry> {
    let mut builder = tauri_plugin_single_instance::Builder::new().callback(|app, _argv, _cwd| {
        if let Some(window) = app.get_webview_window("main") {
            let _ = window.unminimize();
            let _ = window.show();
            let _ = window.set_focus();
        }
    });
    if let Some(dir) = &options.data_dir {
        builder = builder.dbus_id(format!(
            "app.stride.desktop.data_{:016x}",
            launch::stable_hash(&dir.to_string_lossy())
        ));
    }
    builder.build()
}

/// Starts the desktop app. Command-line flags: see [`LaunchOptions`].
pub fn run() {
    let options = match LaunchOptions::parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("stride-desktop: {message}\n\n{}", LaunchOptions::USAGE);
            std::process::exit(2);
        }
    };

    let result = tauri::Builder::default()
        .plugin(single_instance(&options))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_notification::init())
        .invoke_handler(commands::handler())
        .setup(move |app| {
            let data_dir = match &options.data_dir {
                Some(dir) => dir.clone(),
                None => app.path().app_data_dir()?,
            };
            let log_dir = match &options.data_dir {
                Some(dir) => dir.join("logs"),
                None => app.path().app_log_dir()?,
            };
            app.manage(LogGuard(launch::init_logging(&log_dir)?));
            tracing::info!(version = env!("CARGO_PKG_VERSION"), data_dir = %data_dir.display(), "Stride starting");
            let state = tauri::async_runtime::block_on(AppState::open(&data_dir));
            if options.demo {
                if let Ok(store) = state.store() {
                    let opened = tauri::async_runtime::block_on(async {
                        if store.counts().await?.people > 0 {
                            return Ok(false); // an organisation is already there: keep it
                        }
                        commands::onboarding::open_demo_in(store, commands::onboarding::APP_DEMO_PEOPLE, &mut |_| {})
                            .await
                            .map(|_| true)
                    });
                    match opened {
                        Ok(true) => tracing::info!("opened the demo organisation"),
                        Ok(false) => tracing::info!("--demo: the database already holds an organisation"),
                        Err(e) => tracing::error!(error = %e, "could not open the demo organisation"),
                    }
                }
            }
            app.manage(state);
            app.manage(sync::SyncService::default());
            commands::inbox::start_scheduler(app.handle());
            commands::sync::start_background(app.handle());
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        tracing::error!(error = %e, "the app stopped with an error");
        eprintln!("stride-desktop: {e}");
        std::process::exit(1);
    }
}
