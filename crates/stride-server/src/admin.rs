//! The `stride-server admin …` operations, on the store directly (the server
//! need not run). The binary prints their results.

use std::io::Read;

use chrono::Utc;
use stride_protocol::Role;
use uuid::Uuid;

use crate::auth::{hash_password, new_password, new_secret, secret_hash};
use crate::error::{Error, Result};
use crate::store::{DynStore, ImportSummary, NewPerson};

/// A created account and the password to hand over (when generated).
#[derive(Debug, Clone)]
pub struct CreatedUser {
    /// The person's id.
    pub id: Uuid,
    /// The generated password, if none was given.
    pub generated_password: Option<String>,
}

/// Creates a person with an account.
///
/// # Errors
/// Invalid input, an email in use, or storage failures.
#[allow(clippy::too_many_arguments)]
pub async fn create_user(
    store: &DynStore,
    name: &str,
    email: &str,
    role: Role,
    title: &str,
    unit: Option<&str>,
    manager_email: Option<&str>,
    password: Option<&str>,
) -> Result<CreatedUser> {
    let (password, generated) = match password {
        Some(p) => (p.to_owned(), false),
        None => (new_password()?, true),
    };
    check_password(&password)?;
    let hash = hash_on_blocking_thread(password.clone()).await?;
    let id = store
        .create_person(
            NewPerson {
                name: name.to_owned(),
                email: email.to_owned(),
                title: title.to_owned(),
                role,
                unit: unit.map(str::to_owned),
                manager_email: manager_email.map(str::to_owned),
            },
            Some(hash),
            Utc::now(),
        )
        .await?;
    Ok(CreatedUser {
        id,
        generated_password: generated.then_some(password),
    })
}

fn check_password(p: &str) -> Result<()> {
    if p.chars().count() < 8 {
        return Err(Error::Invalid("password: at least 8 characters".into()));
    }
    Ok(())
}

async fn hash_on_blocking_thread(password: String) -> Result<String> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| Error::Password(e.to_string()))?
}

/// Sets a new password (generated when `None`) and signs the person out everywhere.
///
/// # Errors
/// Unknown email, a short password, or storage failures.
pub async fn reset_password(
    store: &DynStore,
    email: &str,
    password: Option<&str>,
) -> Result<Option<String>> {
    let (password, generated) = match password {
        Some(p) => (p.to_owned(), false),
        None => (new_password()?, true),
    };
    check_password(&password)?;
    let hash = hash_on_blocking_thread(password.clone()).await?;
    store.set_password(email, hash, Utc::now()).await?;
    Ok(generated.then_some(password))
}

/// Issues an integration API key; returns the key (shown once).
///
/// # Errors
/// A name in use, or storage failures.
pub async fn issue_key(store: &DynStore, name: &str) -> Result<String> {
    let key = new_secret("stk_")?;
    store
        .issue_api_key(name, &secret_hash(&key), Utc::now())
        .await?;
    Ok(key)
}

/// Reads people from CSV: `name,email,title,unit,manager email` (a header row
/// starting with `name` is skipped). Imported people are employees without a
/// password (use `reset-password` to let them sign in); existing emails are updated.
///
/// # Errors
/// A malformed row (the message names it), or storage failures.
pub async fn import_people_csv(store: &DynStore, input: impl Read) -> Result<ImportSummary> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(input);
    let mut people = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 1;
        let record = record.map_err(|e| Error::Invalid(format!("line {line}: {e}")))?;
        let field = |n: usize| record.get(n).unwrap_or("").to_owned();
        if i == 0 && field(0).eq_ignore_ascii_case("name") {
            continue;
        }
        if record.iter().all(str::is_empty) {
            continue;
        }
        if record.len() < 2 {
            return Err(Error::Invalid(format!(
                "line {line}: expected name,email,title,unit,manager email"
            )));
        }
        let opt = |s: String| (!s.is_empty()).then_some(s);
        people.push(NewPerson {
            name: field(0),
            email: field(1),
            title: field(2),
            role: Role::Employee,
            unit: opt(field(3)),
            manager_email: opt(field(4)),
        });
    }
    store.import_people(people).await
}
