//! `stride`: Stride's crates from a terminal.
//!
//! The binary is a thin wrapper over [`execute`], so every command can be
//! tested in-process. Exit codes: 0 success, 2 bad input (a one-line error,
//! nothing written), 1 anything else.
#![forbid(unsafe_code)]

mod alerts;
mod bench;
mod bench_sync;
mod check;
mod digest;
mod forecast;
mod goals;
mod reminders;
mod sync;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use stride_store::Store;

/// The command line.
#[derive(Parser)]
#[command(
    name = "stride",
    version,
    about = "SMART goals and continuous performance management, from a terminal"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The local database.
    Db {
        #[command(subcommand)]
        command: DbCommand,
    },
    /// Lists, shows and draws goals.
    Goals {
        #[command(subcommand)]
        command: goals::GoalsCommand,
    },
    /// Changes one goal.
    Goal {
        #[command(subcommand)]
        command: goals::GoalCommand,
    },
    /// Check-ins.
    Checkin {
        #[command(subcommand)]
        command: goals::CheckinCommand,
    },
    /// Creates a believable demo organisation in a new database.
    Demo {
        /// The new SQLite file (must not exist yet).
        #[arg(long)]
        out: PathBuf,
        /// How many people (10 to 50000).
        #[arg(long, default_value_t = stride_store::demo::DEFAULT_PEOPLE)]
        people: usize,
        /// Random seed: the same seed gives the same organisation.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// The day the history runs up to (default: today).
        #[arg(long)]
        today: Option<String>,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// The alerts the app would raise on a day (off track, at risk, low chance, missed check-ins, activity below target, checkpoints ahead).
    Alerts(alerts::AlertsArgs),
    /// A manager's weekly digest: who is off track, who has not checked in, what changed.
    Digest(digest::DigestArgs),
    /// Check-in reminders.
    Reminders {
        #[command(subcommand)]
        command: reminders::RemindersCommand,
    },
    /// Pushes this database's changes to a Stride server and pulls what you may see.
    Sync(sync::SyncArgs),
    /// Benchmarks against a baseline measured in the same run.
    Bench {
        #[command(subcommand)]
        command: bench::BenchCommand,
    },
}

#[derive(Subcommand)]
enum DbCommand {
    /// Opens (creating and migrating if needed) a database and prints its schema version and row counts.
    Info {
        /// The SQLite file.
        #[arg(long)]
        db: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Options every read or write of an existing database takes.
#[derive(Args, Clone)]
pub(crate) struct DbArgs {
    /// The SQLite file.
    #[arg(long)]
    pub db: PathBuf,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// A failure with the exit code it maps to.
#[derive(Debug)]
pub enum CliError {
    /// Bad input: exit code 2.
    Input(String),
    /// Anything else: exit code 1.
    Other(String),
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Input(m) | Self::Other(m) => f.write_str(m),
        }
    }
}

impl CliError {
    /// The process exit code for this failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Input(_) => 2,
            Self::Other(_) => 1,
        }
    }
}

impl From<stride_store::StoreError> for CliError {
    fn from(e: stride_store::StoreError) -> Self {
        use stride_store::StoreError as E;
        match e {
            E::NotFound { .. } | E::Invalid { .. } | E::Conflict(_) | E::TooNew { .. } => {
                Self::Input(e.to_string())
            }
            other => Self::Other(other.to_string()),
        }
    }
}

impl From<stride_domain::DomainError> for CliError {
    fn from(e: stride_domain::DomainError) -> Self {
        Self::Input(e.to_string())
    }
}

/// Opens a database that must already exist (reads and edits never create one).
pub(crate) async fn open_existing(db: &Path) -> Result<Store, CliError> {
    if !db.is_file() {
        return Err(CliError::Input(format!(
            "no database at {} (create one with `stride demo --out {}`)",
            db.display(),
            db.display()
        )));
    }
    Ok(Store::open(db).await?)
}

/// Parses a `YYYY-MM-DD` option.
pub(crate) fn parse_day(flag: &str, text: &str) -> Result<NaiveDate, CliError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| CliError::Input(format!("{flag}: `{text}` is not a date like 2026-06-30")))
}

/// Today in UTC, or `--as-of`.
pub(crate) fn as_of(flag: Option<&str>) -> Result<NaiveDate, CliError> {
    match flag {
        Some(text) => parse_day("--as-of", text),
        None => Ok(chrono::Utc::now().date_naive()),
    }
}

/// Runs one parsed command; returns what to print on stdout.
pub async fn run(cli: Cli) -> Result<String, CliError> {
    match cli.command {
        Command::Db {
            command: DbCommand::Info { db, json },
        } => {
            let store = Store::open(&db).await?;
            let version = store.schema_version().await?;
            let counts = store.counts().await?;
            store.close().await;
            Ok(if json {
                serde_json::json!({
                    "database": db.display().to_string(),
                    "schema_version": version,
                    "goals": counts.goals,
                    "people": counts.people,
                })
                .to_string()
            } else {
                format!(
                    "{}: schema {version}, {} goals, {} people",
                    db.display(),
                    counts.goals,
                    counts.people
                )
            })
        }
        Command::Goals { command } => goals::goals(command).await,
        Command::Goal { command } => goals::goal(command).await,
        Command::Checkin { command } => goals::checkin(command).await,
        Command::Bench { command } => bench::bench(command).await,
        Command::Reminders { command } => reminders::reminders(command).await,
        Command::Alerts(args) => alerts::alerts(args).await,
        Command::Digest(args) => digest::digest(args).await,
        Command::Sync(args) => sync::sync(args).await,
        Command::Demo {
            out,
            people,
            seed,
            today,
            json,
        } => demo(&out, people, seed, today.as_deref(), json).await,
    }
}

async fn demo(
    out: &Path,
    people: usize,
    seed: u64,
    today: Option<&str>,
    json: bool,
) -> Result<String, CliError> {
    use std::io::Write as _;
    let today = match today {
        Some(t) => parse_day("--today", t)?,
        None => chrono::Utc::now().date_naive(),
    };
    if out.exists() {
        return Err(CliError::Input(format!(
            "{} already exists; choose a new file for the demo organisation",
            out.display()
        )));
    }
    let options = stride_store::demo::DemoOptions::new(people, seed, today);
    let started = std::time::Instant::now();
    let store = Store::open(out).await?;
    let mut last_phase = "";
    let mut report = |p: stride_store::demo::DemoProgress| {
        // Progress goes to stderr so stdout stays machine-readable.
        let mut err = std::io::stderr().lock();
        if p.phase != last_phase {
            last_phase = p.phase;
            let _ = writeln!(err);
        }
        let _ = write!(err, "\r{:<18} {:>7} / {:<7}", p.phase, p.done, p.total);
        let _ = err.flush();
    };
    let result = stride_store::demo::generate(&store, &options, &mut report).await;
    let _ = writeln!(std::io::stderr());
    store.close().await;
    let summary = match result {
        Ok(summary) => summary,
        Err(e) => {
            // Nothing half-made is left behind.
            for suffix in ["", "-wal", "-shm"] {
                let mut name = out.as_os_str().to_owned();
                name.push(suffix);
                let _ = std::fs::remove_file(PathBuf::from(name));
            }
            return Err(e.into());
        }
    };
    let secs = started.elapsed().as_secs_f64();
    if json {
        let mut value =
            serde_json::to_value(&summary).map_err(|e| CliError::Other(e.to_string()))?;
        value["seconds"] = serde_json::json!(secs);
        value["database"] = serde_json::json!(out.display().to_string());
        return serde_json::to_string_pretty(&value).map_err(|e| CliError::Other(e.to_string()));
    }
    Ok(format!(
        "{} in {secs:.1} s: {} org units, {} people, {} cycles, {} goals, {} alignments, {} check-ins, {} revisions, {} KPIs with {} data points\n\
         seed goals: sales {}, HR {}, operations {}\nyou are {}",
        out.display(),
        summary.org_units,
        summary.people,
        summary.cycles,
        summary.goals,
        summary.alignments,
        summary.check_ins,
        summary.revisions,
        summary.kpis,
        summary.data_points,
        summary.seed_goals.sales,
        summary.seed_goals.hr,
        summary.seed_goals.operations,
        summary.me,
    ))
}

/// What one invocation produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The process exit code.
    pub code: u8,
    /// What goes to stdout.
    pub stdout: String,
    /// What goes to stderr (one line for errors).
    pub stderr: String,
}

/// Parses `args` (without the program name) and runs the command.
pub fn execute<I, S>(args: I) -> Outcome
where
    I: IntoIterator<Item = S>,
    S: Into<std::ffi::OsString> + Clone,
{
    let argv =
        std::iter::once(std::ffi::OsString::from("stride")).chain(args.into_iter().map(Into::into));
    let cli = match Cli::try_parse_from(argv) {
        Ok(cli) => cli,
        Err(e) => {
            let text = e.render().to_string();
            return if e.use_stderr() {
                // One line: clap's first paragraph names the problem and the argument.
                let first: Vec<&str> = text
                    .lines()
                    .map(str::trim)
                    .take_while(|l| !l.is_empty())
                    .collect();
                let message = first.join(" ");
                Outcome {
                    code: 2,
                    stdout: String::new(),
                    stderr: format!("stride: {}", message.trim_start_matches("error: ")),
                }
            } else {
                Outcome {
                    code: 0,
                    stdout: text,
                    stderr: String::new(),
                }
            };
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            return Outcome {
                code: 1,
                stdout: String::new(),
                stderr: format!("stride: cannot start the async runtime: {e}"),
            };
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(stdout) => Outcome {
            code: 0,
            stdout,
            stderr: String::new(),
        },
        Err(e) => Outcome {
            code: e.exit_code(),
            stdout: String::new(),
            stderr: format!("stride: {}", e.to_string().replace('\n', " ")),
        },
    }
}
