//! Goals: lists, detail, cascade, dashboard, check-ins and revisions.
//!
//! Each command parses its input at the edge (ids, dates, numbers) into
//! domain types, calls the store, and maps the error. Writes emit
//! [`CHANGED_EVENT`] so every view refreshes from the one source of truth.

use chrono::NaiveDate;
use serde::Deserialize;
use stride_domain::{
    CheckIn, CheckInDraft, CheckInId, CycleId, FieldChange, GoalField, GoalId, OrgUnitId, PersonId,
    Revision, StatusThresholds,
};
use stride_store::{
    CascadeHit, CascadeLevel, Dashboard, GoalDetail, GoalScope, GoalSummary, Store,
};
use tauri::{AppHandle, Emitter, Manager, State};
use ts_rs::TS;

use crate::error::IpcError;
use crate::state::AppState;

/// The event every write emits; the UI invalidates its queries on it.
pub const CHANGED_EVENT: &str = "stride://changed";

/// Which goals to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ScopeKind {
    /// A person's own goals (`person`, or me).
    Person,
    /// A manager's team (`person`, or me).
    Team,
    /// An org unit's goals (`unit`).
    Unit,
    /// Every goal.
    All,
}

/// Input of `list_goals`.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ListGoalsInput {
    /// Which goals.
    pub scope: ScopeKind,
    /// The person for `person`/`team` (default: me).
    pub person: Option<String>,
    /// The unit for `unit`.
    pub unit: Option<String>,
    /// Only goals of this cycle (default: every cycle).
    pub cycle: Option<String>,
    /// `YYYY-MM-DD` (default: today).
    pub as_of: Option<String>,
    /// Page size (default 200).
    pub limit: Option<u32>,
    /// Rows to skip.
    pub offset: Option<u32>,
}

/// Input of `goal_map`.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GoalMapInput {
    /// The goal whose contributors to list (default: the top of the cascade).
    pub parent: Option<String>,
    /// Start the cascade at this org unit's goals (default: the company's).
    pub unit: Option<String>,
    /// `YYYY-MM-DD` (default: today).
    pub as_of: Option<String>,
    /// Page size (default 200, at most 1000).
    pub limit: Option<u32>,
    /// Rows to skip.
    pub offset: Option<u32>,
}

/// The most rows one level of the alignment map returns at once.
pub const MAP_PAGE_MAX: u32 = 1000;

/// `goal_map` as a plain function: one level of the alignment map.
pub async fn goal_map_in(store: &Store, input: GoalMapInput) -> Result<CascadeLevel, IpcError> {
    let as_of = parse_as_of("asOf", input.as_of.as_deref())?;
    let parent = input
        .parent
        .as_deref()
        .map(|p| parse_goal("parent", p))
        .transpose()?;
    let unit = input
        .unit
        .as_deref()
        .map(|u| parse_unit("unit", u))
        .transpose()?;
    let limit = input.limit.unwrap_or(200);
    if limit == 0 || limit > MAP_PAGE_MAX {
        return Err(IpcError::invalid(
            "limit",
            format!("A page of the map holds 1 to {MAP_PAGE_MAX} goals."),
        ));
    }
    Ok(store
        .cascade_level(
            parent,
            unit,
            as_of,
            &StatusThresholds::default(),
            limit,
            input.offset.unwrap_or(0),
        )
        .await?)
}

/// `goal_map_search` as a plain function: goals by title with the path down to each.
pub async fn goal_map_search_in(
    store: &Store,
    text: &str,
    unit: Option<&str>,
) -> Result<Vec<CascadeHit>, IpcError> {
    if text.chars().count() > 200 {
        return Err(IpcError::invalid(
            "text",
            "Search for at most 200 characters.",
        ));
    }
    let unit = unit.map(|u| parse_unit("unit", u)).transpose()?;
    let today = parse_as_of("asOf", None)?;
    Ok(store
        .cascade_search(text, unit, today, &StatusThresholds::default(), 50)
        .await?)
}

/// Input of `add_check_in`.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckInInput {
    /// The goal.
    pub goal: String,
    /// The measured value (measurable goals).
    pub value: Option<f64>,
    /// Done (binary goals).
    pub done: bool,
    /// Confidence 0–10.
    pub confidence: Option<i64>,
    /// A note.
    pub note: String,
    /// What is in the way.
    pub blockers: String,
    /// `YYYY-MM-DD` (default: today).
    pub date: Option<String>,
}

/// Input of `revise_goal`: one field, as typed, with the reason.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviseInput {
    /// The goal.
    pub goal: String,
    /// The field's name (`target`, `due`, `title`, …).
    pub field: String,
    /// The new value as typed.
    pub value: String,
    /// Why (required).
    pub reason: String,
}

/// A cycle id, or `None` for every cycle.
pub(crate) fn parse_cycle(field: &str, text: Option<&str>) -> Result<Option<CycleId>, IpcError> {
    text.map(|t| {
        t.parse()
            .map_err(|_| IpcError::invalid(field, "This is not a cycle id."))
    })
    .transpose()
}

fn parse_goal(field: &str, text: &str) -> Result<GoalId, IpcError> {
    text.parse()
        .map_err(|_| IpcError::invalid(field, "This is not a goal id."))
}

fn parse_person(field: &str, text: &str) -> Result<PersonId, IpcError> {
    text.parse()
        .map_err(|_| IpcError::invalid(field, "This is not a person id."))
}

fn parse_unit(field: &str, text: &str) -> Result<OrgUnitId, IpcError> {
    text.parse()
        .map_err(|_| IpcError::invalid(field, "This is not an org unit id."))
}

/// `YYYY-MM-DD`, or today.
pub fn parse_as_of(field: &str, text: Option<&str>) -> Result<NaiveDate, IpcError> {
    match text {
        None => Ok(chrono::Local::now().date_naive()),
        Some(t) => NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d")
            .map_err(|_| IpcError::invalid(field, format!("`{t}` is not a date like 2026-06-30."))),
    }
}

impl From<stride_domain::DomainError> for IpcError {
    fn from(e: stride_domain::DomainError) -> Self {
        Self::InvalidInput {
            field: e.field(),
            message: e.to_string(),
        }
    }
}

/// The person this installation acts as, when one is set.
pub async fn me(store: &Store) -> Result<Option<PersonId>, IpcError> {
    Ok(store
        .meta("me")
        .await?
        .and_then(|text| text.parse::<PersonId>().ok()))
}

async fn me_or(store: &Store, person: Option<&str>) -> Result<PersonId, IpcError> {
    match person {
        Some(p) => parse_person("person", p),
        None => me(store).await?.ok_or_else(|| IpcError::InvalidInput {
            message: "Choose a person: this installation has no profile yet.".into(),
            field: Some("person".into()),
        }),
    }
}

/// `list_goals` as a plain function.
pub async fn list_goals_in(
    store: &Store,
    input: ListGoalsInput,
) -> Result<Vec<GoalSummary>, IpcError> {
    let as_of = parse_as_of("asOf", input.as_of.as_deref())?;
    let scope = match input.scope {
        ScopeKind::Person => GoalScope::Person(me_or(store, input.person.as_deref()).await?),
        ScopeKind::Team => GoalScope::Team(me_or(store, input.person.as_deref()).await?),
        ScopeKind::Unit => {
            let unit = input
                .unit
                .as_deref()
                .ok_or_else(|| IpcError::invalid("unit", "Choose an org unit."))?;
            GoalScope::Unit(parse_unit("unit", unit)?)
        }
        ScopeKind::All => GoalScope::All,
    };
    let limit = input.limit.unwrap_or(200).min(10_000);
    Ok(store
        .goal_summaries(
            scope,
            parse_cycle("cycle", input.cycle.as_deref())?,
            as_of,
            &StatusThresholds::default(),
            limit,
            input.offset.unwrap_or(0),
        )
        .await?)
}

/// `add_check_in` as a plain function.
pub async fn add_check_in_in(store: &Store, input: CheckInInput) -> Result<CheckIn, IpcError> {
    let goal = parse_goal("goal", &input.goal)?;
    let effective = parse_as_of("date", input.date.as_deref())?;
    let author = match me(store).await? {
        Some(p) => p,
        None => store.answerable_for(goal).await?.ok_or_else(|| {
            IpcError::invalid(
                "goal",
                "This team goal has no lead to check in for it; set up your profile first.",
            )
        })?,
    };
    let mut tx = store.begin_write().await?;
    let check_in = tx
        .add_check_in(
            CheckInDraft {
                goal,
                value: input.value,
                done: input.done,
                confidence: input.confidence,
                note: input.note,
                blockers: input.blockers,
                effective,
                author,
            },
            chrono::Utc::now(),
        )
        .await?;
    tx.commit().await?;
    Ok(check_in)
}

/// `undo_check_in` as a plain function: takes back a check-in just saved.
pub async fn undo_check_in_in(store: &Store, id: &str) -> Result<GoalId, IpcError> {
    let id: CheckInId = id
        .parse()
        .map_err(|_| IpcError::invalid("id", "This is not a check-in id."))?;
    let mut tx = store.begin_write().await?;
    let goal = tx.undo_check_in(id, chrono::Utc::now()).await?;
    tx.commit().await?;
    Ok(goal)
}

/// `undo_check_in`: the check-in toast's Undo.
#[tauri::command]
pub async fn undo_check_in(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> Result<GoalId, IpcError> {
    let goal = undo_check_in_in(state.store()?, &id).await?;
    changed(&app);
    Ok(goal)
}

/// `revise_goal` as a plain function.
pub async fn revise_goal_in(store: &Store, input: ReviseInput) -> Result<Vec<Revision>, IpcError> {
    let goal = parse_goal("goal", &input.goal)?;
    let field: GoalField = input
        .field
        .parse()
        .map_err(|e: stride_domain::DomainError| IpcError::invalid("field", e.to_string()))?;
    let change = FieldChange::from_input(field, &input.value)
        .map_err(|e| IpcError::invalid("value", e.to_string()))?;
    let author = me_or(store, None).await?;
    let mut tx = store.begin_write().await?;
    let (_, revisions) = tx
        .revise_goal(goal, &[change], author, &input.reason, chrono::Utc::now())
        .await?;
    tx.commit().await?;
    Ok(revisions)
}

/// Tells every view that the store changed.
/// A local write also wakes background sync, which sends it soon.
pub(crate) fn changed(app: &AppHandle) {
    if let Err(e) = app.emit(CHANGED_EVENT, ()) {
        tracing::warn!(error = %e, "could not tell the UI about a change");
    }
    if let Some(service) = app.try_state::<crate::sync::SyncService>() {
        service.poke();
    }
}

/// `list_goals`: goals with their numbers, worst first.
#[tauri::command]
pub async fn list_goals(
    state: State<'_, AppState>,
    input: ListGoalsInput,
) -> Result<Vec<GoalSummary>, IpcError> {
    list_goals_in(state.store()?, input).await
}

/// `goal_detail`: everything about one goal.
#[tauri::command]
pub async fn goal_detail(
    state: State<'_, AppState>,
    id: String,
    as_of: Option<String>,
) -> Result<GoalDetail, IpcError> {
    let store = state.store()?;
    let as_of = parse_as_of("asOf", as_of.as_deref())?;
    Ok(store
        .goal_detail(parse_goal("id", &id)?, as_of, &StatusThresholds::default())
        .await?)
}

/// `goal_map`: one level of the alignment map with roll-up.
#[tauri::command]
pub async fn goal_map(
    state: State<'_, AppState>,
    input: GoalMapInput,
) -> Result<CascadeLevel, IpcError> {
    goal_map_in(state.store()?, input).await
}

/// `goal_map_search`: goals by title with the path down to each.
#[tauri::command]
pub async fn goal_map_search(
    state: State<'_, AppState>,
    text: String,
    unit: Option<String>,
) -> Result<Vec<CascadeHit>, IpcError> {
    goal_map_search_in(state.store()?, &text, unit.as_deref()).await
}

/// `dashboard`: counts by status, per unit and cycle, completion and compliance.
#[tauri::command]
pub async fn dashboard(
    state: State<'_, AppState>,
    as_of: Option<String>,
    cycle: Option<String>,
) -> Result<Dashboard, IpcError> {
    let store = state.store()?;
    let as_of = parse_as_of("asOf", as_of.as_deref())?;
    let cycle = parse_cycle("cycle", cycle.as_deref())?;
    Ok(store
        .dashboard(as_of, &StatusThresholds::default(), cycle)
        .await?)
}

/// `add_check_in`: records a check-in and tells every view.
#[tauri::command]
pub async fn add_check_in(
    app: AppHandle,
    state: State<'_, AppState>,
    input: CheckInInput,
) -> Result<CheckIn, IpcError> {
    let check_in = add_check_in_in(state.store()?, input).await?;
    changed(&app);
    Ok(check_in)
}

/// `revise_goal`: changes one field with a reason; history keeps the old value.
#[tauri::command]
pub async fn revise_goal(
    app: AppHandle,
    state: State<'_, AppState>,
    input: ReviseInput,
) -> Result<Vec<Revision>, IpcError> {
    let revisions = revise_goal_in(state.store()?, input).await?;
    changed(&app);
    Ok(revisions)
}

#[cfg(test)]
mod tests {
    use super::*;
    use stride_domain::{Direction, Goal, GoalDraft, OrgUnit, OrgUnitKind, Owner, Person, Role};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A store with one person ("me") and the seed's operations goal.
    async fn fixture() -> (tempfile::TempDir, Store, Goal) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("ipc.db")).await.unwrap();
        let unit = OrgUnit {
            id: OrgUnitId::new(),
            name: "Acme".into(),
            kind: OrgUnitKind::Company,
            parent: None,
            lead: None,
        };
        let me = Person {
            id: PersonId::new(),
            name: "Maria Lopez".into(),
            email: "maria@acme.test".into(),
            title: String::new(),
            org_unit: unit.id,
            manager: None,
            hire_date: d(2020, 1, 1),
            active: true,
            role: Role::Manager,
        };
        let mut g = GoalDraft::new(
            Owner::Person(me.id),
            "Cut order processing time",
            d(2026, 4, 1),
            d(2026, 6, 30),
        );
        g.direction = Direction::Decrease;
        g.baseline = Some(48.0);
        g.target = Some(32.0);
        let goal = Goal::new(g).unwrap();
        let mut tx = store.begin_write().await.unwrap();
        tx.insert_org_units(std::slice::from_ref(&unit))
            .await
            .unwrap();
        tx.insert_people(std::slice::from_ref(&me)).await.unwrap();
        tx.insert_goals(std::slice::from_ref(&goal), None, chrono::Utc::now())
            .await
            .unwrap();
        Store::set_meta(&mut tx, "me", &me.id.to_string())
            .await
            .unwrap();
        tx.commit().await.unwrap();
        (dir, store, goal)
    }

    fn check_in(goal: &Goal, value: Option<f64>, confidence: Option<i64>) -> CheckInInput {
        CheckInInput {
            goal: goal.id.to_string(),
            value,
            done: false,
            confidence,
            note: "on it".into(),
            blockers: String::new(),
            date: Some("2026-05-20".into()),
        }
    }

    #[tokio::test]
    async fn the_map_pages_a_level_and_names_bad_input() {
        let (_dir, store, goal) = fixture().await;
        // The fixture's goal is owned by a person, so it is no company goal.
        let top = goal_map_in(&store, GoalMapInput::default()).await.unwrap();
        assert_eq!((top.parent, top.total, top.rows.len()), (None, 0, 0));
        let under = goal_map_in(
            &store,
            GoalMapInput {
                parent: Some(goal.id.to_string()),
                ..GoalMapInput::default()
            },
        )
        .await
        .unwrap();
        assert_eq!((under.parent, under.total), (Some(goal.id), 0));
        for (input, field) in [
            (
                GoalMapInput {
                    parent: Some("nope".into()),
                    ..GoalMapInput::default()
                },
                "parent",
            ),
            (
                GoalMapInput {
                    unit: Some("nope".into()),
                    ..GoalMapInput::default()
                },
                "unit",
            ),
            (
                GoalMapInput {
                    limit: Some(0),
                    ..GoalMapInput::default()
                },
                "limit",
            ),
            (
                GoalMapInput {
                    limit: Some(MAP_PAGE_MAX + 1),
                    ..GoalMapInput::default()
                },
                "limit",
            ),
            (
                GoalMapInput {
                    as_of: Some("June".into()),
                    ..GoalMapInput::default()
                },
                "asOf",
            ),
        ] {
            match goal_map_in(&store, input).await.unwrap_err() {
                IpcError::InvalidInput { field: Some(f), .. } => assert_eq!(f, field),
                other => panic!("{field}: {other:?}"),
            }
        }
        let missing = goal_map_in(
            &store,
            GoalMapInput {
                parent: Some(GoalId::new().to_string()),
                ..GoalMapInput::default()
            },
        )
        .await
        .unwrap_err();
        assert_eq!(missing.code(), "not_found", "{missing:?}");
        let hits = goal_map_search_in(&store, "ORDER processing", None)
            .await
            .unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].goal, goal.id);
        assert!(hits[0].paths.is_empty(), "no company goal above it");
        let long = "x".repeat(201);
        assert_eq!(
            goal_map_search_in(&store, &long, None)
                .await
                .unwrap_err()
                .code(),
            "invalid_input"
        );
    }

    #[tokio::test]
    async fn a_check_in_just_saved_can_be_taken_back_once() {
        let (_dir, store, goal) = fixture().await;
        let first = add_check_in_in(&store, check_in(&goal, Some(44.0), Some(7)))
            .await
            .unwrap();
        let second = add_check_in_in(&store, check_in(&goal, Some(40.0), Some(8)))
            .await
            .unwrap();
        // Only the latest can be undone.
        let err = undo_check_in_in(&store, &first.id.to_string())
            .await
            .unwrap_err();
        assert_eq!(err.code(), "conflict", "{err:?}");
        assert_eq!(
            undo_check_in_in(&store, &second.id.to_string())
                .await
                .unwrap(),
            goal.id
        );
        let left: Vec<_> = store
            .check_ins(goal.id)
            .await
            .unwrap()
            .into_iter()
            .map(|c| c.id)
            .collect();
        assert_eq!(left, vec![first.id]);
        // Gone is gone; garbage is bad input.
        let err = undo_check_in_in(&store, &second.id.to_string())
            .await
            .unwrap_err();
        assert_eq!(err.code(), "not_found");
        let err = undo_check_in_in(&store, "nope").await.unwrap_err();
        assert_eq!(err.code(), "invalid_input");
        // After the window, history is append-only.
        let mut tx = store.begin_write().await.unwrap();
        let late =
            chrono::Utc::now() + chrono::Duration::minutes(stride_store::UNDO_WINDOW_MINUTES + 1);
        let err = tx.undo_check_in(first.id, late).await.unwrap_err();
        assert!(err.to_string().contains("correcting check-in"), "{err}");
    }

    #[tokio::test]
    async fn my_goals_then_a_check_in_then_half_way() {
        let (_dir, store, goal) = fixture().await;
        let input = ListGoalsInput {
            scope: ScopeKind::Person,
            person: None,
            unit: None,
            cycle: None,
            as_of: Some("2026-05-20".into()),
            limit: None,
            offset: None,
        };
        let list = list_goals_in(&store, input.clone()).await.unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].current, None);

        add_check_in_in(&store, check_in(&goal, Some(40.0), Some(7)))
            .await
            .unwrap();
        let list = list_goals_in(&store, input).await.unwrap();
        assert_eq!(list[0].progress, 0.5);
    }

    #[tokio::test]
    async fn bad_input_names_the_field() {
        let (_dir, store, goal) = fixture().await;
        let err = add_check_in_in(&store, check_in(&goal, Some(40.0), Some(11)))
            .await
            .unwrap_err();
        assert_eq!(
            err,
            IpcError::InvalidInput {
                field: Some("confidence".into()),
                message: err.to_string()
            }
        );
        let err = add_check_in_in(
            &store,
            CheckInInput {
                goal: "nope".into(),
                ..check_in(&goal, Some(1.0), None)
            },
        )
        .await
        .unwrap_err();
        assert!(matches!(err, IpcError::InvalidInput { field: Some(ref f), .. } if f == "goal"));
        let err = add_check_in_in(
            &store,
            CheckInInput {
                date: Some("20/05/2026".into()),
                ..check_in(&goal, Some(1.0), None)
            },
        )
        .await
        .unwrap_err();
        assert!(matches!(err, IpcError::InvalidInput { field: Some(ref f), .. } if f == "date"));
        let err = revise_goal_in(
            &store,
            ReviseInput {
                goal: goal.id.to_string(),
                field: "target".into(),
                value: "48".into(),
                reason: "oops".into(),
            },
        )
        .await
        .unwrap_err();
        assert!(
            matches!(err, IpcError::InvalidInput { field: Some(ref f), .. } if f == "target"),
            "{err:?}"
        );
        let err = list_goals_in(
            &store,
            ListGoalsInput {
                scope: ScopeKind::Unit,
                person: None,
                unit: None,
                cycle: Some("Q2".into()),
                as_of: None,
                limit: None,
                offset: None,
            },
        )
        .await
        .unwrap_err();
        assert!(matches!(err, IpcError::InvalidInput { field: Some(ref f), .. } if f == "unit"));
    }

    #[tokio::test]
    async fn a_revision_needs_a_reason_and_keeps_history() {
        let (_dir, store, goal) = fixture().await;
        let input = ReviseInput {
            goal: goal.id.to_string(),
            field: "target".into(),
            value: "30".into(),
            reason: String::new(),
        };
        let err = revise_goal_in(&store, input.clone()).await.unwrap_err();
        assert!(
            matches!(err, IpcError::InvalidInput { field: Some(ref f), .. } if f == "reason"),
            "{err:?}"
        );
        let revs = revise_goal_in(
            &store,
            ReviseInput {
                reason: "market shift".into(),
                ..input
            },
        )
        .await
        .unwrap();
        assert_eq!(revs.len(), 1);
        assert_eq!(store.goal(goal.id).await.unwrap().target, Some(30.0));
    }
}
