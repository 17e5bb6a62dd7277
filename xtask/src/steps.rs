//! Named, timed steps. A failing step names itself and stops the run.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::root;

/// Features every cargo step builds the app with: the UI is embedded, so the
/// test, e2e and run builds share one compilation of tauri.
pub const APP_FEATURES: &str = "stride-desktop/custom-protocol";

/// Runs steps, printing each one's name and duration.
pub struct Runner {
    done: Vec<(String, Duration)>,
}

impl Runner {
    pub fn new() -> Self {
        Self { done: Vec::new() }
    }

    /// Runs `f` as the step `name`.
    pub fn step<T>(&mut self, name: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
        println!("==> {name}");
        let start = Instant::now();
        let out = f().with_context(|| format!("step `{name}` failed"));
        let took = start.elapsed();
        match &out {
            Ok(_) => println!("<== {name} ok ({:.1}s)", took.as_secs_f64()),
            Err(_) => println!("<== {name} FAILED ({:.1}s)", took.as_secs_f64()),
        }
        self.done.push((name.to_owned(), took));
        out
    }

    /// Runs a command as the step `name`.
    pub fn cmd(&mut self, name: &str, cmd: &mut Command) -> Result<()> {
        self.step(name, || run(cmd))
    }

    pub fn summary(&self, total: Duration) {
        println!(
            "\nxtask: {} steps passed in {:.0}s",
            self.done.len(),
            total.as_secs_f64()
        );
        for (name, took) in &self.done {
            println!("  {:<24} {:>7.1}s", name, took.as_secs_f64());
        }
    }
}

/// Runs a command to completion; a non-zero exit is an error naming it.
pub fn run(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    let status = cmd
        .status()
        .with_context(|| format!("cannot start {shown}"))?;
    if !status.success() {
        bail!("{shown} exited with {status}");
    }
    Ok(())
}

pub fn cargo() -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(root());
    c
}

fn npm(args: &[&str]) -> Command {
    let mut c = Command::new("npm");
    c.args(args).current_dir(root().join("ui"));
    c
}

pub fn build_ui(runner: &mut Runner) -> Result<()> {
    runner.cmd("ui: build", &mut npm(&["run", "--silent", "build"]))
}

pub fn lint(runner: &mut Runner) -> Result<()> {
    runner.cmd(
        "fmt --check",
        cargo().args(["fmt", "--all", "--", "--check"]),
    )?;
    runner.cmd(
        "clippy -D warnings",
        cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--features",
            APP_FEATURES,
            "--",
            "-D",
            "warnings",
        ]),
    )
}

pub fn rust_tests(runner: &mut Runner) -> Result<()> {
    runner.cmd(
        "rust: cargo test --workspace",
        cargo().args(["test", "--workspace", "--features", APP_FEATURES]),
    )
}

fn bindings_test() -> Command {
    let mut c = cargo();
    c.args([
        "test",
        "-p",
        "stride-desktop",
        "--lib",
        "--features",
        APP_FEATURES,
        "bindings::",
    ]);
    c
}

pub fn ui_tests(runner: &mut Runner) -> Result<()> {
    runner.cmd("ui: bindings are current", &mut bindings_test())?;
    runner.cmd("ui: typecheck", &mut npm(&["run", "--silent", "typecheck"]))?;
    runner.cmd("ui: lint", &mut npm(&["run", "--silent", "lint"]))?;
    runner.cmd("ui: unit tests", &mut npm(&["test", "--silent"]))
}

pub fn write_bindings(runner: &mut Runner) -> Result<()> {
    runner.cmd(
        "bindings: write ui/src/ipc/bindings.ts",
        bindings_test().env("STRIDE_WRITE_BINDINGS", "1"),
    )
}

/// Builds the desktop binary with the UI embedded; returns its path.
pub fn build_app(runner: &mut Runner, release: bool) -> Result<PathBuf> {
    runner.step("app: build (UI embedded)", || {
        let mut c = cargo();
        c.args([
            "build",
            "-p",
            "stride-desktop",
            "--bin",
            "stride-desktop",
            "--features",
            APP_FEATURES,
            "--message-format",
            "json-render-diagnostics",
        ]);
        if release {
            c.arg("--release");
        }
        let out = c
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .output()
            .context("cannot start cargo build")?;
        if !out.status.success() {
            bail!("cargo build exited with {}", out.status);
        }
        executable_from(&out.stdout, "stride-desktop")
            .context("cargo build did not report the stride-desktop executable")
    })
}

fn executable_from(json_lines: &[u8], bin: &str) -> Option<PathBuf> {
    String::from_utf8_lossy(json_lines)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["reason"] == "compiler-artifact" && v["target"]["name"] == bin)
        .filter_map(|v| v["executable"].as_str().map(PathBuf::from))
        .next_back()
}

pub fn e2e(runner: &mut Runner) -> Result<()> {
    let app = build_app(runner, false)?;
    let driver = crate::setup::tauri_driver_path();
    let out_dir = root().join("test-output/e2e");
    std::fs::create_dir_all(&out_dir)?;
    let mut cmd = Command::new("xvfb-run");
    cmd.current_dir(root())
        .args(["-a", "-s", "-screen 0 1280x800x24"])
        .args(["node", "--test", "--test-concurrency=1", "tests/e2e/"])
        .env("STRIDE_APP", &app)
        .env("TAURI_DRIVER", &driver)
        .env("STRIDE_E2E_OUT", &out_dir);
    runner.cmd("e2e: WebDriver against the real app", &mut cmd)?;
    println!("    screenshots: {}", out_dir.display());
    Ok(())
}

/// Runs a Node script that drives the real app under Xvfb at 1280×800.
fn drive(
    runner: &mut Runner,
    name: &str,
    script: &str,
    app: &Path,
    out: &Path,
    env: &[(&str, &std::ffi::OsStr)],
) -> Result<()> {
    std::fs::create_dir_all(out)?;
    let mut cmd = Command::new("xvfb-run");
    cmd.current_dir(root())
        .args(["-a", "-s", "-screen 0 1280x800x24"])
        .args(["node", script])
        .env("STRIDE_APP", app)
        .env("TAURI_DRIVER", crate::setup::tauri_driver_path())
        .env("STRIDE_E2E_OUT", out);
    for (k, v) in env {
        cmd.env(k, v);
    }
    runner.cmd(name, &mut cmd)
}

/// `cargo xtask screenshots`: every screen on the demo organisation into
/// `docs/screenshots/`.
pub fn screenshots(runner: &mut Runner) -> Result<()> {
    build_ui(runner)?;
    let app = build_app(runner, false)?;
    let out = root().join("docs/screenshots");
    drive(
        runner,
        "screenshots: every screen on the demo organisation",
        "tests/e2e/tools/screenshots.mjs",
        &app,
        &out,
        &[],
    )?;
    println!("    written to {}", out.display());
    Ok(())
}

/// `cargo xtask perf [--release] [--people N]`: command latency measured
/// from the UI on a generated organisation of N people (default 10,000).
pub fn perf(runner: &mut Runner, release: bool, people: u32) -> Result<()> {
    build_ui(runner)?;
    let app = build_app(runner, release)?;
    let stride = runner.step("perf: build the stride CLI", || {
        let mut c = cargo();
        c.args([
            "build",
            "-p",
            "stride-cli",
            "--bin",
            "stride",
            "--message-format",
            "json-render-diagnostics",
        ]);
        if release {
            c.arg("--release");
        }
        let out = c
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .output()
            .context("cannot start cargo build")?;
        if !out.status.success() {
            bail!("cargo build exited with {}", out.status);
        }
        executable_from(&out.stdout, "stride")
            .context("cargo build did not report the stride executable")
    })?;
    let out = root().join("test-output/perf");
    std::fs::create_dir_all(&out)?;
    let db = out.join(format!("demo-{people}.db"));
    for suffix in ["", "-wal", "-shm"] {
        let mut p = db.clone().into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    runner.cmd(
        &format!("perf: demo organisation of {people} people"),
        Command::new(&stride)
            .args(["demo", "--people", &people.to_string(), "--out"])
            .arg(&db),
    )?;
    drive(
        runner,
        "perf: every screen, latency from the UI",
        "tests/e2e/tools/perf.mjs",
        &app,
        &out,
        &[("STRIDE_PERF_DB", db.as_os_str())],
    )
}

pub fn bundle(runner: &mut Runner) -> Result<()> {
    build_ui(runner)?;
    let tauri_cli = root().join("ui/node_modules/.bin/tauri");
    runner.cmd(
        "bundle: tauri build --bundles deb,rpm",
        Command::new(&tauri_cli).current_dir(root()).args([
            "build",
            "--bundles",
            "deb,rpm",
            "--ci",
        ]),
    )?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|p| if p.is_absolute() { p } else { root().join(p) })
        .unwrap_or_else(|| root().join("target"));
    let bundle_dir = target.join("release/bundle");
    let mut found = false;
    for kind in ["deb", "rpm"] {
        for entry in std::fs::read_dir(bundle_dir.join(kind))
            .with_context(|| format!("no {kind} bundle folder in {}", bundle_dir.display()))?
        {
            let path = entry?.path();
            if path.extension().and_then(|e| e.to_str()) == Some(kind) {
                found = true;
                println!("    {} {}", human_size(&path)?, path.display());
            }
        }
    }
    if !found {
        bail!(
            "tauri build produced no .deb or .rpm in {}",
            bundle_dir.display()
        );
    }
    Ok(())
}

fn human_size(path: &Path) -> Result<String> {
    let bytes = std::fs::metadata(path)?.len();
    #[allow(clippy::cast_precision_loss)]
    let mib = bytes as f64 / (1024.0 * 1024.0);
    Ok(format!("{mib:>6.2} MiB ({bytes} bytes)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_executable_in_cargo_json() {
        let json = br#"{"reason":"compiler-artifact","target":{"name":"stride-store"},"executable":null}
{"reason":"compiler-artifact","target":{"name":"stride-desktop"},"executable":"/t/debug/stride-desktop"}
{"reason":"build-finished","success":true}"#;
        assert_eq!(
            executable_from(json, "stride-desktop"),
            Some(PathBuf::from("/t/debug/stride-desktop"))
        );
        assert_eq!(executable_from(b"garbage", "stride-desktop"), None);
    }
}
