//! First launch: open the demo organisation, or start empty with your own
//! profile and organisation.

use serde::{Deserialize, Serialize};
use stride_domain::{OrgUnit, OrgUnitId, OrgUnitKind, Person, PersonId, Role};
use stride_store::demo::{DemoOptions, DemoProgress};
use stride_store::Store;
use tauri::{AppHandle, Emitter, State};
use ts_rs::TS;

use crate::commands::goals::{changed, me};
use crate::error::IpcError;
use crate::state::AppState;

/// The event long work reports progress on.
pub const PROGRESS_EVENT: &str = "stride://progress";

/// How many people the demo organisation the app opens has.
pub const APP_DEMO_PEOPLE: usize = 120;

/// Who this installation acts as, and whether it still needs setting up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OnboardingState {
    /// True while the database holds no organisation: the UI offers the demo or an empty start.
    pub needs_setup: bool,
    /// The person this installation acts as.
    pub me: Option<Profile>,
}

/// The person this installation acts as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    /// Id.
    pub id: PersonId,
    /// Name.
    pub name: String,
    /// Job title.
    pub title: String,
    /// Their organisation (the company unit's name).
    pub organisation: String,
}

/// Progress of long work, sent on [`PROGRESS_EVENT`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// What is being done ("individual goals").
    pub phase: String,
    /// Units done.
    pub done: u32,
    /// Units in all.
    pub total: u32,
}

/// Input of `start_empty`.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StartEmptyInput {
    /// Your name.
    pub name: String,
    /// Your work email.
    pub email: String,
    /// Your job title (may be empty).
    pub title: String,
    /// Your organisation's name.
    pub organisation: String,
}

/// `onboarding_state` as a plain function.
pub async fn onboarding_state_in(store: &Store) -> Result<OnboardingState, IpcError> {
    let counts = store.counts().await?;
    let profile = match me(store).await? {
        Some(id) => store
            .profile(id)
            .await?
            .map(|(name, title, organisation)| Profile {
                id,
                name,
                title,
                organisation,
            }),
        None => None,
    };
    Ok(OnboardingState {
        needs_setup: counts.people == 0,
        me: profile,
    })
}

/// Fills the empty database with the demo organisation and makes its
/// suggested manager "me". `progress` hears about every batch.
pub async fn open_demo_in(
    store: &Store,
    people: usize,
    progress: &mut (dyn FnMut(DemoProgress) + Send),
) -> Result<OnboardingState, IpcError> {
    if store.counts().await?.people > 0 {
        return Err(IpcError::Conflict {
            message:
                "This database already holds an organisation; the demo opens only in an empty one."
                    .into(),
            field: None,
        });
    }
    let options = DemoOptions::new(people, 2026, chrono::Local::now().date_naive());
    let summary = stride_store::demo::generate(store, &options, progress).await?;
    let mut tx = store.begin_write().await?;
    Store::set_meta(&mut tx, "me", &summary.me.to_string()).await?;
    Store::set_meta(&mut tx, "demo", "true").await?;
    tx.commit().await?;
    onboarding_state_in(store).await
}

/// `start_empty` as a plain function: your organisation and you in it.
pub async fn start_empty_in(
    store: &Store,
    input: StartEmptyInput,
) -> Result<OnboardingState, IpcError> {
    let name = input.name.trim();
    let organisation = input.organisation.trim();
    if name.is_empty() {
        return Err(IpcError::invalid("name", "Enter your name."));
    }
    if organisation.is_empty() {
        return Err(IpcError::invalid(
            "organisation",
            "Enter your organisation's name.",
        ));
    }
    if store.counts().await?.people > 0 {
        return Err(IpcError::Conflict {
            message: "This database already holds an organisation.".into(),
            field: None,
        });
    }
    let company = OrgUnit {
        id: OrgUnitId::new(),
        name: organisation.to_owned(),
        kind: OrgUnitKind::Company,
        parent: None,
        lead: None,
    };
    let person = Person {
        id: PersonId::new(),
        name: name.to_owned(),
        email: input.email.trim().to_owned(),
        title: input.title.trim().to_owned(),
        org_unit: company.id,
        manager: None,
        hire_date: chrono::Local::now().date_naive(),
        active: true,
        role: Role::HrAdmin,
    };
    stride_domain::org::validate_email(&person.email)
        .map_err(|e| IpcError::invalid("email", e.to_string()))?;
    let mut tx = store.begin_write().await?;
    tx.insert_org_units(std::slice::from_ref(&company)).await?;
    tx.insert_people(std::slice::from_ref(&person)).await?;
    tx.set_unit_lead(company.id, Some(person.id)).await?;
    Store::set_meta(&mut tx, "me", &person.id.to_string()).await?;
    tx.commit().await?;
    onboarding_state_in(store).await
}

/// `onboarding_state`: does this installation need setting up, and who am I.
#[tauri::command]
pub async fn onboarding_state(state: State<'_, AppState>) -> Result<OnboardingState, IpcError> {
    onboarding_state_in(state.store()?).await
}

/// `open_demo`: the demo organisation, with progress on `stride://progress`.
#[tauri::command]
pub async fn open_demo(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<OnboardingState, IpcError> {
    let emitter = app.clone();
    let mut report = move |p: DemoProgress| {
        let progress = Progress {
            phase: p.phase.to_owned(),
            done: u32::try_from(p.done).unwrap_or(u32::MAX),
            total: u32::try_from(p.total).unwrap_or(u32::MAX),
        };
        if let Err(e) = emitter.emit(PROGRESS_EVENT, progress) {
            tracing::warn!(error = %e, "could not report progress");
        }
    };
    let result = open_demo_in(state.store()?, APP_DEMO_PEOPLE, &mut report).await?;
    changed(&app);
    Ok(result)
}

/// `start_empty`: your organisation and your profile, nothing else.
#[tauri::command]
pub async fn start_empty(
    app: AppHandle,
    state: State<'_, AppState>,
    input: StartEmptyInput,
) -> Result<OnboardingState, IpcError> {
    let result = start_empty_in(state.store()?, input).await?;
    changed(&app);
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("onboarding.db"))
            .await
            .unwrap();
        (dir, store)
    }

    fn input() -> StartEmptyInput {
        StartEmptyInput {
            name: "Maria Lopez".into(),
            email: "maria@acme.test".into(),
            title: "Head of Operations".into(),
            organisation: "Acme".into(),
        }
    }

    #[tokio::test]
    async fn a_new_database_needs_setup_until_started_empty() {
        let (_dir, store) = store().await;
        let state = onboarding_state_in(&store).await.unwrap();
        assert!(state.needs_setup);
        assert_eq!(state.me, None);

        let state = start_empty_in(&store, input()).await.unwrap();
        assert!(!state.needs_setup);
        let me = state.me.unwrap();
        assert_eq!(me.name, "Maria Lopez");
        assert_eq!(me.organisation, "Acme");
        // Only once.
        let err = start_empty_in(&store, input()).await.unwrap_err();
        assert_eq!(err.code(), "conflict");
    }

    #[tokio::test]
    async fn bad_profiles_name_the_field_and_write_nothing() {
        let (_dir, store) = store().await;
        for (bad, field) in [
            (
                StartEmptyInput {
                    name: " ".into(),
                    ..input()
                },
                "name",
            ),
            (
                StartEmptyInput {
                    organisation: String::new(),
                    ..input()
                },
                "organisation",
            ),
            (
                StartEmptyInput {
                    email: "maria-at-acme".into(),
                    ..input()
                },
                "email",
            ),
        ] {
            let err = start_empty_in(&store, bad).await.unwrap_err();
            assert!(
                matches!(&err, IpcError::InvalidInput { field: Some(f), .. } if f == field),
                "{err:?}"
            );
        }
        assert_eq!(store.counts().await.unwrap().people, 0);
    }

    #[tokio::test]
    async fn the_demo_opens_once_with_progress_and_a_manager_as_me() {
        let (_dir, store) = store().await;
        let mut reports = 0;
        let state = open_demo_in(&store, 20, &mut |_| reports += 1)
            .await
            .unwrap();
        assert!(reports > 0);
        assert!(!state.needs_setup);
        assert!(state.me.is_some());
        assert_eq!(store.meta("demo").await.unwrap().as_deref(), Some("true"));
        let err = open_demo_in(&store, 20, &mut |_| {}).await.unwrap_err();
        assert_eq!(err.code(), "conflict");
    }
}
