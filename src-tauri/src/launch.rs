//! Command-line flags and logging set-up.

use std::path::{Path, PathBuf};

use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::EnvFilter;

/// What the desktop binary accepts on its command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LaunchOptions {
    /// `--data-dir DIR`: keep the database and logs in DIR instead of the OS folders.
    pub data_dir: Option<PathBuf>,
    /// `--demo`: open the demo organisation when the database is empty.
    pub demo: bool,
}

impl LaunchOptions {
    /// Printed with a flag error.
    pub const USAGE: &'static str = "usage: stride-desktop [--data-dir DIR] [--demo]\n  --data-dir DIR  keep the database (DIR/stride.db) and logs (DIR/logs) in DIR\n  --demo          open the demo organisation when the database is empty";

    /// Parses the flags (without the program name). Unknown flags are errors.
    pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Self, String> {
        let mut options = Self::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            if let Some(value) = arg.strip_prefix("--data-dir=") {
                options.data_dir = Some(non_empty_dir(value)?);
            } else if arg == "--data-dir" {
                let value = args.next().ok_or_else(|| {
                    "--data-dir needs a folder, e.g. --data-dir ~/stride-test".to_owned()
                })?;
                options.data_dir = Some(non_empty_dir(&value)?);
            } else if arg == "--demo" {
                options.demo = true;
            } else {
                return Err(format!("unknown argument `{arg}`"));
            }
        }
        Ok(options)
    }
}

/// FNV-1a: a hash that stays the same across builds and platforms (unlike
/// `DefaultHasher`), so two launches on one folder agree on its name.
#[must_use]
pub fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn non_empty_dir(value: &str) -> Result<PathBuf, String> {
    if value.trim().is_empty() {
        return Err("--data-dir needs a folder, not an empty string".to_owned());
    }
    let path = PathBuf::from(value);
    Ok(if path.is_absolute() {
        path
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(&path))
            .unwrap_or(path)
    })
}

/// Sends `tracing` output to a daily-rotated file in `log_dir` (7 kept) and
/// to stderr. `RUST_LOG` overrides the default `info` level.
pub fn init_logging(
    log_dir: &Path,
) -> Result<tracing_appender::non_blocking::WorkerGuard, Box<dyn std::error::Error>> {
    std::fs::create_dir_all(log_dir)?;
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("stride")
        .filename_suffix("log")
        .max_log_files(7)
        .build(log_dir)?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let registry = tracing_subscriber::registry()
        .with(filter)
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(writer)
                .with_ansi(false),
        )
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr())),
        );
    // A second initialisation (tests) keeps the first subscriber.
    let _ = registry.try_init();
    Ok(guard)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<LaunchOptions, String> {
        LaunchOptions::parse(args.iter().map(|s| (*s).to_owned()))
    }

    #[test]
    fn no_flags_use_the_os_folders() {
        assert_eq!(parse(&[]).unwrap(), LaunchOptions::default());
    }

    #[test]
    fn data_dir_in_both_spellings() {
        assert_eq!(
            parse(&["--data-dir", "/tmp/x"]).unwrap().data_dir,
            Some("/tmp/x".into())
        );
        assert_eq!(
            parse(&["--data-dir=/tmp/y"]).unwrap().data_dir,
            Some("/tmp/y".into())
        );
    }

    #[test]
    fn relative_data_dir_becomes_absolute() {
        let dir = parse(&["--data-dir", "rel"]).unwrap().data_dir.unwrap();
        assert!(dir.is_absolute());
    }

    #[test]
    fn stable_hash_is_fnv1a() {
        // Reference values of 64-bit FNV-1a.
        assert_eq!(stable_hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(stable_hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(stable_hash("/tmp/a"), stable_hash("/tmp/b"));
    }

    #[test]
    fn bad_flags_are_clear_errors() {
        assert_eq!(
            parse(&["--data-dir"]).unwrap_err(),
            "--data-dir needs a folder, e.g. --data-dir ~/stride-test"
        );
        assert_eq!(
            parse(&["--frobnicate"]).unwrap_err(),
            "unknown argument `--frobnicate`"
        );
        assert!(parse(&["--data-dir="]).is_err());
    }
}
