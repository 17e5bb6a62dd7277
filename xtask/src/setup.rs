//! Installs what is missing: system packages (Debian/Ubuntu), the UI's npm
//! packages, and a pinned tauri-driver. Every part is idempotent and skipped
//! when already present.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

use crate::root;
use crate::steps::{run, Runner};

/// Build and run dependencies of the app (Tauri on WebKitGTK).
const APT_BUILD: &[&str] = &[
    "build-essential",
    "pkg-config",
    "file",
    "libwebkit2gtk-4.1-dev",
    "libssl-dev",
    "libxdo-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    // keyring's Secret Service backend (stride-sync) links libdbus.
    "libdbus-1-dev",
];

/// What the sync layers need: a session bus and a keyring daemon for the
/// keychain test, PostgreSQL for the server and sync suites on PostgreSQL.
const APT_SYNC: &[&str] = &["dbus", "gnome-keyring", "libdbus-1-dev", "postgresql"];

/// What the end-to-end suite needs on top: an X server, WebKit's WebDriver,
/// and `secret-tool` (the sync test reads the keychain the app wrote).
const APT_E2E: &[&str] = &[
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "procps",
    "libsecret-tools",
];

/// The tauri-driver version the e2e suite is written against.
pub const TAURI_DRIVER_VERSION: &str = "2.1.0";

/// Installs the missing system packages only (what the sync layers need;
/// no npm packages).
pub fn system(runner: &mut Runner) -> Result<()> {
    let mut packages: Vec<&str> = APT_BUILD.to_vec();
    packages.extend(APT_SYNC.iter().filter(|p| !APT_BUILD.contains(p)));
    runner.step("setup: system packages", || system_packages(&packages))
}

/// Installs everything missing. `e2e` adds the WebDriver tooling.
pub fn all(runner: &mut Runner, e2e: bool) -> Result<()> {
    let mut packages: Vec<&str> = APT_BUILD.to_vec();
    packages.extend(APT_SYNC.iter().filter(|p| !APT_BUILD.contains(p)));
    if e2e {
        packages.extend_from_slice(APT_E2E);
    }
    runner.step("setup: system packages", || system_packages(&packages))?;
    runner.step("setup: npm packages", npm_packages)?;
    if e2e {
        runner.step("setup: tauri-driver", tauri_driver)?;
    }
    Ok(())
}

fn system_packages(packages: &[&str]) -> Result<()> {
    if !cfg!(target_os = "linux") {
        println!(
            "    not Linux: install the Tauri prerequisites for your OS (https://v2.tauri.app/start/prerequisites/) and Node.js 20+"
        );
        return Ok(());
    }
    if Command::new("dpkg-query")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_err()
    {
        println!(
            "    no dpkg here: install the equivalents of {} with your package manager",
            packages.join(" ")
        );
        return Ok(());
    }
    let missing: Vec<&str> = packages.iter().copied().filter(|p| !installed(p)).collect();
    if missing.is_empty() {
        println!("    all {} present", packages.len());
        return Ok(());
    }
    println!("    installing: {}", missing.join(" "));
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let apt = |args: &[&str]| -> Command {
        let mut c = Command::new(if is_root { "apt-get" } else { "sudo" });
        if !is_root {
            c.arg("apt-get");
        }
        c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    run(&mut apt(&["update", "-qq"]))?;
    let mut install = apt(&[
        "install",
        "-y",
        "-qq",
        "-o",
        "DPkg::Lock::Timeout=600",
        "--no-install-recommends",
    ]);
    install.args(&missing);
    run(&mut install)?;
    let still: Vec<&str> = missing.iter().copied().filter(|p| !installed(p)).collect();
    if !still.is_empty() {
        bail!("apt-get did not install: {}", still.join(" "));
    }
    Ok(())
}

fn installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${db:Status-Status}", package])
        .output()
        .map(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).trim() == "installed")
        .unwrap_or(false)
}

fn npm_packages() -> Result<()> {
    let ui = root().join("ui");
    if Command::new("npm")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_err()
    {
        bail!("npm not found: install Node.js 20 or newer (Debian: apt-get install nodejs npm)");
    }
    let lock = ui.join("package-lock.json");
    let stamp = ui.join("node_modules/.package-lock.json");
    let fresh = match (std::fs::metadata(&lock), std::fs::metadata(&stamp)) {
        (Ok(l), Ok(s)) => match (l.modified(), s.modified()) {
            (Ok(l), Ok(s)) => s >= l,
            _ => false,
        },
        _ => false,
    };
    if fresh {
        println!("    ui/node_modules is current");
        return Ok(());
    }
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&ui))
}

/// Where the pinned tauri-driver is installed: `$XDG_CACHE_HOME/stride-tools`
/// (or `~/.cache/stride-tools`), outside the clone so fresh clones reuse it.
pub fn tools_root() -> PathBuf {
    std::env::var_os("STRIDE_TOOLS_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("stride-tools"))
        })
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/stride-tools")))
        .unwrap_or_else(|| root().join("target/stride-tools"))
}

pub fn tauri_driver_path() -> PathBuf {
    tools_root()
        .join(format!("tauri-driver-{TAURI_DRIVER_VERSION}"))
        .join("bin/tauri-driver")
}

fn tauri_driver() -> Result<()> {
    let path = tauri_driver_path();
    if path.exists() {
        println!("    {} present", path.display());
        return Ok(());
    }
    let install_root = path
        .parent()
        .and_then(|p| p.parent())
        .context("tauri-driver path has no install root")?;
    run(crate::steps::cargo()
        .args([
            "install",
            "tauri-driver",
            "--locked",
            "--version",
            TAURI_DRIVER_VERSION,
            "--root",
        ])
        .arg(install_root))
}
