//! `stride-server`: serve the sync API, or run an admin command.
// The binary talks to the person at the terminal.
#![allow(clippy::print_stdout)]
#![forbid(unsafe_code)]

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};
use stride_protocol::Role;
use stride_server::{admin, AppState, Settings};

#[derive(Parser)]
#[command(name = "stride-server", version, about = "The Stride sync server")]
struct Cli {
    /// Database: a SQLite file path (`sqlite:PATH` also works) or `postgres://…`.
    #[arg(long, global = true, default_value = "stride-server.db")]
    database: String,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8787")]
    listen: SocketAddr,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API (the default).
    Serve,
    /// Manage people, reporting lines and integration keys.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create a person who can sign in.
    CreateUser {
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
        /// employee, manager, hr_admin or admin.
        #[arg(long, default_value = "employee")]
        role: Role,
        #[arg(long, default_value = "")]
        title: String,
        /// Org unit name (created as a team if missing).
        #[arg(long)]
        unit: Option<String>,
        /// Manager's email.
        #[arg(long)]
        manager: Option<String>,
        /// Password (at least 8 characters); generated and printed when omitted.
        #[arg(long)]
        password: Option<String>,
    },
    /// Set or clear (`--manager none`) a person's manager.
    SetManager {
        #[arg(long)]
        email: String,
        #[arg(long)]
        manager: String,
    },
    /// Move a person to an org unit (`--unit none` clears it).
    SetUnit {
        #[arg(long)]
        email: String,
        #[arg(long)]
        unit: String,
    },
    /// Make a person the lead of an org unit (`--email none` clears it).
    SetLead {
        #[arg(long)]
        unit: String,
        #[arg(long)]
        email: String,
    },
    /// Import people from CSV: name,email,title,unit,manager email.
    ImportPeople {
        /// The CSV file.
        file: PathBuf,
    },
    /// Set a new password (generated when omitted) and sign the person out everywhere.
    ResetPassword {
        #[arg(long)]
        email: String,
        #[arg(long)]
        password: Option<String>,
    },
    /// Issue an integration API key for the KPI ingest endpoint (printed once).
    IssueKey {
        #[arg(long)]
        name: String,
    },
    /// Revoke an integration API key by name.
    RevokeKey {
        #[arg(long)]
        name: String,
    },
}

fn none_is_none(s: &str) -> Option<&str> {
    (!s.eq_ignore_ascii_case("none")).then_some(s)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let store = stride_server::open(&cli.database)
        .await
        .with_context(|| format!("opening the database {}", cli.database))?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let info = store.info().await?;
            if info.accounts == 0 {
                println!("No one can sign in yet. Create the first admin with:");
                println!(
                    "  stride-server --database {} admin create-user --role admin --name \"Your Name\" --email you@example.com",
                    cli.database
                );
            }
            let listener = tokio::net::TcpListener::bind(cli.listen)
                .await
                .with_context(|| format!("listening on {}", cli.listen))?;
            println!(
                "Stride server on http://{} (database {})",
                listener.local_addr()?,
                cli.database
            );
            let state = AppState::new(store, Settings::default());
            stride_server::launch(state, listener, async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        }
        Command::Admin { command } => run_admin(&store, command).await?,
    }
    Ok(())
}

async fn run_admin(store: &stride_server::DynStore, command: AdminCommand) -> anyhow::Result<()> {
    match command {
        AdminCommand::CreateUser {
            name,
            email,
            role,
            title,
            unit,
            manager,
            password,
        } => {
            let created = admin::create_user(
                store,
                &name,
                &email,
                role,
                &title,
                unit.as_deref(),
                manager.as_deref(),
                password.as_deref(),
            )
            .await?;
            println!("Created {email} ({role}), id {}", created.id);
            if let Some(p) = created.generated_password {
                println!("Password (shown once): {p}");
            }
        }
        AdminCommand::SetManager { email, manager } => {
            store.set_manager(&email, none_is_none(&manager)).await?;
            println!("Updated the manager of {email}");
        }
        AdminCommand::SetUnit { email, unit } => {
            store.set_unit(&email, none_is_none(&unit)).await?;
            println!("Updated the org unit of {email}");
        }
        AdminCommand::SetLead { unit, email } => {
            store.set_unit_lead(&unit, none_is_none(&email)).await?;
            println!("Updated the lead of {unit}");
        }
        AdminCommand::ImportPeople { file } => {
            let reader = std::fs::File::open(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let summary = admin::import_people_csv(store, reader).await?;
            println!(
                "Imported: {} created, {} updated",
                summary.created, summary.updated
            );
        }
        AdminCommand::ResetPassword { email, password } => {
            let generated = admin::reset_password(store, &email, password.as_deref()).await?;
            println!("Password reset for {email}; their sessions are signed out");
            if let Some(p) = generated {
                println!("Password (shown once): {p}");
            }
        }
        AdminCommand::IssueKey { name } => {
            let key = admin::issue_key(store, &name).await?;
            println!("API key `{name}` (shown once; send as Authorization: Bearer <key>):");
            println!("{key}");
        }
        AdminCommand::RevokeKey { name } => {
            if store.revoke_api_key(&name, chrono::Utc::now()).await? {
                println!("Revoked API key `{name}`");
            } else {
                anyhow::bail!("no live API key named `{name}`");
            }
        }
    }
    Ok(())
}
