//! `cargo xtask`: the project's two commands and their helpers.
//!
//! - `cargo xtask run [--demo] [--data-dir DIR] [--release]` installs what is missing,
//!   builds the UI and the app (assets embedded) and launches it.
//! - `cargo xtask test [LAYER…]` runs everything, or the named layers
//!   (`lint`, `rust`, `pg`, `keychain`, `ui`, `e2e`; `sync [--long]` only when named).
//! - `cargo xtask bundle` builds the `.deb` and `.rpm` and prints their sizes.
//! - `cargo xtask bindings` regenerates `ui/src/ipc/bindings.ts`.
//! - `cargo xtask screenshots` writes `docs/screenshots/` from the real app.
//! - `cargo xtask perf [--release] [--people N]` measures command latency from the UI.
//! - `cargo xtask bench sync [--changes N] [--debug]` measures sync on SQLite and PostgreSQL.
//! - `cargo xtask setup` only installs what is missing.
#![forbid(unsafe_code)]
#![allow(clippy::print_stdout)] // a command-line tool talks on stdout

mod setup;
mod steps;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};

use crate::steps::Runner;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  run [--demo] [--data-dir DIR] [--release]
                                     install what is missing, build the UI and the app, launch it
                                     (--demo: on the demo organisation when the database is empty)
  test [LAYER...]                    everything, or the named layers: lint rust pg keychain ui e2e
                                     (pg: server and sync suites on a throwaway PostgreSQL cluster;
                                     keychain: a real secret through Secret Service under D-Bus)
  test sync [--long]                 only the sync model-based property test (the rust layer runs it
                                     at its default size; --long: 10,000 cases, ~2 h in debug)
  bundle                             build the .deb and .rpm and print their sizes
  bindings                           regenerate ui/src/ipc/bindings.ts from the Rust types
  screenshots                        every screen of the real app on the demo organisation → docs/screenshots/
  perf [--release] [--people N]      command latency measured from the UI on an N-person demo (default 10000)
  bench sync [--changes N] [--debug] `stride bench sync` (release build unless --debug) on SQLite and a
                                     throwaway PostgreSQL cluster in one run: push ops/s, pull rows/s,
                                     p50/p95/p99, cold sync of N changes (default 100000)
                                     → test-output/bench/sync.json
  setup                              install missing system packages, npm packages and tauri-driver";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match dispatch(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root (the folder with the root Cargo.toml and `xtask/`):
/// found from the working directory `cargo xtask` runs in, so that two
/// clones or worktrees sharing one `CARGO_TARGET_DIR` (and so one `xtask`
/// binary) each work on their own files; the folder xtask was built from
/// when the working directory is outside any clone.
pub fn root() -> PathBuf {
    let is_root = |d: &std::path::Path| {
        d.join("Cargo.toml").is_file() && d.join("xtask/Cargo.toml").is_file()
    };
    if let Ok(cwd) = std::env::current_dir() {
        if let Some(found) = cwd.ancestors().find(|d| is_root(d)) {
            return found.to_path_buf();
        }
    }
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

fn dispatch(args: &[String]) -> Result<()> {
    let Some((command, rest)) = args.split_first() else {
        println!("{USAGE}");
        return Ok(());
    };
    let mut runner = Runner::new();
    match command.as_str() {
        "run" => run(&mut runner, rest),
        "test" => test(&mut runner, rest),
        "bundle" => {
            setup::all(&mut runner, false)?;
            steps::bundle(&mut runner)
        }
        "bindings" => steps::write_bindings(&mut runner),
        "screenshots" => {
            setup::all(&mut runner, true)?;
            steps::screenshots(&mut runner)
        }
        "perf" => {
            let mut release = false;
            let mut people = 10_000;
            let mut it = rest.iter();
            while let Some(arg) = it.next() {
                match arg.as_str() {
                    "--release" => release = true,
                    "--people" => {
                        people = it
                            .next()
                            .and_then(|n| n.parse().ok())
                            .context("--people needs a number")?;
                    }
                    other => bail!("unknown flag `{other}` for perf\n\n{USAGE}"),
                }
            }
            setup::all(&mut runner, true)?;
            steps::perf(&mut runner, release, people)
        }
        "bench" => bench(&mut runner, rest),
        "setup" => setup::all(&mut runner, true),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => bail!("unknown command `{other}`\n\n{USAGE}"),
    }
}

fn run(runner: &mut Runner, args: &[String]) -> Result<()> {
    let mut data_dir = None;
    let mut release = false;
    let mut demo = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--data-dir" => {
                let dir = it.next().context("--data-dir needs a folder")?;
                data_dir = Some(PathBuf::from(dir));
            }
            "--release" => release = true,
            "--demo" => demo = true,
            other => bail!("unknown flag `{other}` for run\n\n{USAGE}"),
        }
    }
    setup::all(runner, false)?;
    steps::build_ui(runner)?;
    let app = steps::build_app(runner, release)?;
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        bail!("no display: set DISPLAY, or run headless with `xvfb-run -a cargo xtask run`");
    }
    let mut cmd = std::process::Command::new(&app);
    if demo {
        cmd.arg("--demo");
    }
    if let Some(dir) = data_dir {
        let dir = if dir.is_absolute() {
            dir
        } else {
            std::env::current_dir()?.join(dir)
        };
        cmd.arg("--data-dir").arg(dir);
    }
    println!("==> launching {}", app.display());
    let status = cmd
        .status()
        .with_context(|| format!("cannot start {}", app.display()))?;
    if !status.success() {
        bail!("the app exited with {status}");
    }
    Ok(())
}

fn bench(runner: &mut Runner, args: &[String]) -> Result<()> {
    let Some((what, rest)) = args.split_first() else {
        bail!("bench needs a target: cargo xtask bench sync\n\n{USAGE}");
    };
    if what != "sync" {
        bail!("unknown benchmark `{what}` (benchmarks: sync)\n\n{USAGE}");
    }
    let mut changes = 100_000;
    let mut release = true;
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--changes" => {
                changes = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|n| *n > 0)
                    .context("--changes needs a positive number")?;
            }
            "--debug" => release = false,
            other => bail!("unknown flag `{other}` for bench sync\n\n{USAGE}"),
        }
    }
    let started = std::time::Instant::now();
    setup::system(runner)?;
    steps::bench_sync(runner, changes, release)?;
    runner.summary(started.elapsed());
    Ok(())
}

/// The layers of `cargo xtask test`, in the order a full run takes them.
const LAYERS: &[&str] = &["lint", "rust", "pg", "keychain", "ui", "e2e"];

/// Layers that run only when named: `sync` (the model-based property test of
/// sync on its own; `--long` for 10,000 cases). The rust layer already runs
/// that test at its default size.
const NAMED_ONLY: &[&str] = &["sync"];

fn test(runner: &mut Runner, args: &[String]) -> Result<()> {
    let long = args.iter().any(|a| a == "--long");
    let args: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| *a != "--long")
        .collect();
    if long && !args.contains(&"sync") {
        bail!("--long applies to the sync layer: cargo xtask test sync --long");
    }
    let layers: Vec<&str> = if args.is_empty() {
        LAYERS.to_vec()
    } else {
        for a in &args {
            if !LAYERS.contains(a) && !NAMED_ONLY.contains(a) {
                bail!(
                    "unknown test layer `{a}` (layers: {}; named only: {})",
                    LAYERS.join(", "),
                    NAMED_ONLY.join(", ")
                );
            }
        }
        args
    };
    let started = std::time::Instant::now();
    // The app embeds ui/dist, so every cargo step that builds it needs the UI's
    // packages and build; pg, keychain and sync build only the crates they test.
    if layers
        .iter()
        .any(|l| !["pg", "keychain", "sync"].contains(l))
    {
        setup::all(runner, layers.contains(&"e2e"))?;
        steps::build_ui(runner)?;
    } else {
        setup::system(runner)?;
    }
    for layer in &layers {
        match *layer {
            "lint" => steps::lint(runner)?,
            "rust" => steps::rust_tests(runner)?,
            "ui" => steps::ui_tests(runner)?,
            "e2e" => steps::e2e(runner)?,
            "pg" => steps::pg(runner)?,
            "keychain" => steps::keychain(runner)?,
            "sync" => steps::sync_model(runner, long)?,
            other => bail!("unknown test layer `{other}`"),
        }
    }
    runner.summary(started.elapsed());
    Ok(())
}
