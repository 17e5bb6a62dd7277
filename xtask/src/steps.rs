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
    build_bin(
        runner,
        "app: build (UI embedded)",
        &[
            "-p",
            "stride-desktop",
            "--bin",
            "stride-desktop",
            "--features",
            APP_FEATURES,
        ],
        "stride-desktop",
        release,
    )
}

/// Builds the sync server binary (debug) for the end-to-end sync test.
pub fn build_server(runner: &mut Runner) -> Result<PathBuf> {
    build_bin(
        runner,
        "server: build",
        &["-p", "stride-server", "--bin", "stride-server"],
        "stride-server",
        false,
    )
}

/// `cargo build` with `args`, reporting the path of the executable `bin`.
fn build_bin(
    runner: &mut Runner,
    step: &str,
    args: &[&str],
    bin: &str,
    release: bool,
) -> Result<PathBuf> {
    runner.step(step, || {
        let mut c = cargo();
        c.arg("build")
            .args(args)
            .args(["--message-format", "json-render-diagnostics"]);
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
        executable_from(&out.stdout, bin)
            .with_context(|| format!("cargo build did not report the {bin} executable"))
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
    let server = build_server(runner)?;
    let driver = crate::setup::tauri_driver_path();
    let out_dir = root().join("test-output/e2e");
    std::fs::create_dir_all(&out_dir)?;
    let mut cmd = Command::new("xvfb-run");
    cmd.current_dir(root())
        .args(["-a", "-s", "-screen 0 1280x800x24"])
        .args(["node", "--test", "--test-concurrency=1", "tests/e2e/"])
        .env("STRIDE_APP", &app)
        .env("STRIDE_SERVER", &server)
        .env("TAURI_DRIVER", &driver)
        .env("STRIDE_E2E_OUT", &out_dir);
    runner.cmd("e2e: WebDriver against the real app", &mut cmd)?;
    println!("    screenshots: {}", out_dir.display());
    Ok(())
}

/// A throwaway PostgreSQL cluster in a temp dir, stopped and removed on drop
/// (also when a step fails).
struct PgCluster {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
    as_postgres: bool,
}

impl PgCluster {
    fn command(&self, tool: &str) -> Command {
        let exe = self.bin.join(tool);
        if self.as_postgres {
            // initdb and pg_ctl refuse to run as root.
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(exe);
            c
        } else {
            Command::new(exe)
        }
    }

    fn start() -> Result<Self> {
        let bin = pg_bin_dir()?;
        let dir = std::env::temp_dir().join(format!("stride-pg-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        let as_postgres = is_root();
        if as_postgres {
            run(Command::new("chown").arg("postgres").arg(&dir))?;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let cluster = Self {
            bin,
            dir,
            port,
            as_postgres,
        };
        run(cluster
            .command("initdb")
            .arg("-D")
            .arg(cluster.dir.join("data"))
            .args(["-A", "trust", "-U", "stride", "--no-sync"])
            .stdout(Stdio::null()))?;
        let opts = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            cluster.port,
            cluster.dir.display()
        );
        run(cluster
            .command("pg_ctl")
            .arg("-D")
            .arg(cluster.dir.join("data"))
            .args(["-o", &opts, "-l"])
            .arg(cluster.dir.join("log"))
            .args(["-w", "start"])
            .stdout(Stdio::null()))?;
        Ok(cluster)
    }

    fn url(&self) -> String {
        format!("postgres://stride@127.0.0.1:{}/postgres", self.port)
    }

    /// Creates the database `name`; returns its URL.
    fn create_database(&self, name: &str) -> Result<String> {
        let out = self
            .command("psql")
            .args([
                "-h",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-U",
                "stride",
            ])
            .args(["-d", "postgres", "-qAtc"])
            .arg(format!("CREATE DATABASE {name}"))
            .output()
            .context("cannot run psql")?;
        if !out.status.success() {
            bail!("psql: {}", String::from_utf8_lossy(&out.stderr));
        }
        Ok(format!("postgres://stride@127.0.0.1:{}/{name}", self.port))
    }

    /// How many databases whose name starts with `prefix` the tests created.
    fn databases_named(&self, prefix: &str) -> Result<u64> {
        let out = self
            .command("psql")
            .args([
                "-h",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-U",
                "stride",
            ])
            .args(["-d", "postgres", "-Atc"])
            .arg(format!(
                "SELECT count(*) FROM pg_database WHERE datname LIKE '{prefix}%'"
            ))
            .output()
            .context("cannot run psql")?;
        if !out.status.success() {
            bail!("psql: {}", String::from_utf8_lossy(&out.stderr));
        }
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .context("psql did not print a count")
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let stopped = self
            .command("pg_ctl")
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "fast", "-w", "stop"])
            .stdout(Stdio::null())
            .status();
        if !matches!(stopped, Ok(s) if s.success()) {
            eprintln!(
                "xtask: could not stop the PostgreSQL cluster in {}",
                self.dir.display()
            );
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// The newest `/usr/lib/postgresql/<version>/bin` with initdb.
fn pg_bin_dir() -> Result<PathBuf> {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .context(
            "PostgreSQL is not installed (apt-get install postgresql; `cargo xtask setup` does it)",
        )?
        .filter_map(std::result::Result::ok)
        .filter_map(|e| {
            let v: u32 = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").is_file().then_some((v, bin))
        })
        .collect();
    found.sort();
    found
        .pop()
        .map(|(_, b)| b)
        .context("no initdb under /usr/lib/postgresql/*/bin")
}

/// Cases of `cargo xtask test sync --long`.
const SYNC_LONG_CASES: u32 = 10_000;

/// The sync model-based property test (`crates/stride-sync/tests/model.rs`):
/// its default size, or [`SYNC_LONG_CASES`] cases with `long`.
pub fn sync_model(runner: &mut Runner, long: bool) -> Result<()> {
    let mut c = cargo();
    c.args(["test", "-p", "stride-sync", "--test", "model"]);
    if long {
        c.env("STRIDE_SYNC_CASES", SYNC_LONG_CASES.to_string());
        runner.cmd(
            &format!("sync: model-based property test, {SYNC_LONG_CASES} cases"),
            &mut c,
        )
    } else {
        c.env_remove("STRIDE_SYNC_CASES");
        runner.cmd("sync: model-based property test (default size)", &mut c)
    }
}

/// `cargo xtask test pg`: the server's API suite and the sync real-stack
/// suite against a throwaway PostgreSQL cluster.
pub fn pg(runner: &mut Runner) -> Result<()> {
    let cluster = runner.step("pg: start a throwaway cluster", PgCluster::start)?;
    println!("    {}", cluster.url());
    runner.cmd(
        "pg: stride-server API suite",
        cargo()
            .args(["test", "-p", "stride-server", "--test", "api"])
            .env("STRIDE_TEST_PG_URL", cluster.url()),
    )?;
    runner.cmd(
        "pg: stride-sync real-stack suite",
        cargo()
            .args(["test", "-p", "stride-sync", "--test", "real_stack"])
            .env("STRIDE_TEST_PG_URL", cluster.url()),
    )?;
    runner.step("pg: the suites ran on PostgreSQL", || {
        let (server, sync) = (
            cluster.databases_named("stride\\_t\\_")?,
            cluster.databases_named("stride\\_sync\\_")?,
        );
        println!("    databases created: {server} by the server suite, {sync} by the sync suite");
        if server == 0 || sync == 0 {
            bail!("a suite did not use PostgreSQL (is STRIDE_TEST_PG_URL read?)");
        }
        Ok(())
    })?;
    runner.step("pg: stop the cluster", || {
        drop(cluster);
        Ok(())
    })
}

/// `cargo xtask bench sync [--changes N] [--debug]`: `stride bench sync` on
/// SQLite and on a fresh database of a throwaway PostgreSQL cluster in one
/// run; the table on stdout, the JSON in `test-output/bench/sync.json`.
pub fn bench_sync(runner: &mut Runner, changes: u64, release: bool) -> Result<()> {
    let stride = build_bin(
        runner,
        &format!(
            "bench: build the stride CLI ({})",
            if release { "release" } else { "debug" }
        ),
        &["-p", "stride-cli", "--bin", "stride"],
        "stride",
        release,
    )?;
    let cluster = runner.step("pg: start a throwaway cluster", PgCluster::start)?;
    let url = runner.step("pg: create the benchmark database", || {
        cluster.create_database("stride_bench")
    })?;
    println!("    {url}");
    let out = root().join("test-output/bench/sync.json");
    runner.cmd(
        &format!("bench: stride bench sync --changes {changes} (SQLite and PostgreSQL)"),
        Command::new(&stride)
            .current_dir(root())
            .args(["bench", "sync", "--changes", &changes.to_string()])
            .arg("--postgres")
            .arg(&url)
            .arg("--out")
            .arg(&out)
            .env_remove("STRIDE_BENCH_POSTGRES"),
    )?;
    println!("    results (JSON): {}", out.display());
    runner.step("pg: stop the cluster", || {
        drop(cluster);
        Ok(())
    })
}

/// `cargo xtask test keychain`: a real secret through Secret Service under
/// dbus-run-session + gnome-keyring-daemon (own XDG folders; HOME untouched).
/// Fails if the gated test did not run.
pub fn keychain(runner: &mut Runner) -> Result<()> {
    let dir = std::env::temp_dir().join(format!("stride-keychain-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (data, rt) = (dir.join("data"), dir.join("runtime"));
    std::fs::create_dir_all(&data)?;
    std::fs::create_dir_all(&rt)?;
    run(Command::new("chmod").arg("700").arg(&rt))?;
    let marker = dir.join("ran");
    let cargo_bin = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new("dbus-run-session");
    cmd.current_dir(root())
        .args([
            "--",
            "bash",
            "-c",
            "echo -n stride | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec \"$@\"",
            "bash",
        ])
        .arg(&cargo_bin)
        .args(["test", "-p", "stride-sync", "--test", "keychain"])
        .env("XDG_DATA_HOME", &data)
        .env("XDG_RUNTIME_DIR", &rt)
        .env("STRIDE_KEYCHAIN_TEST", "1")
        .env("STRIDE_KEYCHAIN_MARKER", &marker);
    let result = runner.cmd("keychain: Secret Service store/read/delete", &mut cmd);
    let ran = marker.is_file();
    let _ = std::fs::remove_dir_all(&dir);
    result?;
    if !ran {
        bail!("the keychain test did not run (it is gated by STRIDE_KEYCHAIN_TEST)");
    }
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
    let stride = build_bin(
        runner,
        "perf: build the stride CLI",
        &["-p", "stride-cli", "--bin", "stride"],
        "stride",
        release,
    )?;
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
