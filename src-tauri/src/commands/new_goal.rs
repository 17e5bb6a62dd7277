//! New goal: a sentence becomes a checked, structured goal.
//!
//! `check_goal` parses the sentence and judges it (achievable against the
//! owner's history, relevant when parents are chosen); `goal_form_defaults`
//! turns a parse into form values the person corrects; `create_goal` saves
//! the corrected goal with its alignments in one write; `goal_templates`
//! offers department templates; `search_goals` finds parents.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use stride_domain::smart::{self, ParseOptions, SmartCheck, SmartDirection, VerdictInput};
use stride_domain::{
    AlignmentEdge, Cadence, Category, Checkpoint, Direction, Goal, GoalDraft, GoalId, GoalKind,
    GoalState, OrgUnitId, Owner, PersonId, UnitKind,
};
use stride_store::{GoalLink, SameMetric, Store};
use tauri::{AppHandle, State};
use ts_rs::TS;

use crate::commands::goals::{changed, me, parse_as_of};
use crate::error::IpcError;
use crate::state::AppState;

/// Input of `check_goal`.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckGoalInput {
    /// The sentence as written.
    pub statement: String,
    /// The owner whose history judges achievability (default: me).
    pub owner: Option<String>,
    /// Chosen parent goals (relevant is met when there is one).
    pub parents: Vec<String>,
    /// `YYYY-MM-DD` relative periods count from (default: today).
    pub today: Option<String>,
}

/// A form's starting values, from a parsed sentence.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GoalFormDefaults {
    /// A short title.
    pub title: String,
    /// What is measured.
    pub metric_name: String,
    /// Which way it should move.
    pub direction: Direction,
    /// The kind of quantity.
    pub unit: UnitKind,
    /// The unit as shown.
    pub unit_label: String,
    /// Start value.
    pub baseline: Option<f64>,
    /// Value to reach.
    pub target: Option<f64>,
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub due: Option<NaiveDate>,
    /// The "how".
    pub method: String,
    /// Performance, development or activity.
    pub category: Category,
}

/// A parent chosen in the form, with its contribution weight.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ParentInput {
    /// The parent goal.
    pub goal: String,
    /// Contribution weight (> 0).
    pub weight: f64,
}

/// Input of `create_goal`: the corrected form.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewGoalInput {
    /// The sentence as written (kept).
    pub statement: String,
    /// Title.
    pub title: String,
    /// SMART goal, objective or key result.
    pub kind: GoalKind,
    /// A person id; null means me.
    pub owner_person: Option<String>,
    /// An org unit id (a team goal) instead of a person.
    pub owner_unit: Option<String>,
    /// The "how".
    pub method: String,
    /// Category.
    pub category: Category,
    /// What is measured.
    pub metric_name: String,
    /// Unit kind.
    pub unit: UnitKind,
    /// Unit label.
    pub unit_label: String,
    /// Direction.
    pub direction: Direction,
    /// Baseline.
    pub baseline: Option<f64>,
    /// Target.
    pub target: Option<f64>,
    /// Band low (within_band).
    pub band_low: Option<f64>,
    /// Band high (within_band).
    pub band_high: Option<f64>,
    /// `YYYY-MM-DD`.
    pub start: String,
    /// `YYYY-MM-DD`.
    pub due: String,
    /// Weight among the owner's goals.
    pub weight: f64,
    /// Check-in cadence.
    pub cadence: Cadence,
    /// Dated intermediate targets.
    pub checkpoints: Vec<Checkpoint>,
    /// Parent goals with weights.
    pub parents: Vec<ParentInput>,
}

/// A template as the New goal screen offers it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TemplateView {
    /// Stable id.
    pub id: String,
    /// Department (`sales`, `hr`, …, `development`).
    pub department: String,
    /// Short title.
    pub title: String,
    /// The sentence with `{slots}`.
    pub sentence: String,
    /// The sentence filled with the example values: a starting point to edit.
    pub example_sentence: String,
    /// Default check-in cadence.
    pub cadence: Cadence,
    /// Category.
    pub category: Category,
}

fn parse_person(field: &str, text: &str) -> Result<PersonId, IpcError> {
    text.parse()
        .map_err(|_| IpcError::invalid(field, "This is not a person id."))
}

fn parse_date(field: &str, text: &str) -> Result<NaiveDate, IpcError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| IpcError::invalid(field, format!("`{text}` is not a date like 2026-06-30.")))
}

/// `check_goal` as a plain function.
pub async fn check_goal_in(store: &Store, input: CheckGoalInput) -> Result<SmartCheck, IpcError> {
    if input.statement.trim().is_empty() {
        return Err(IpcError::invalid(
            "statement",
            "Write the goal as a sentence first.",
        ));
    }
    let today = parse_as_of("today", input.today.as_deref())?;
    let owner = match input.owner.as_deref() {
        Some(o) => Some(parse_person("owner", o)?),
        None => me(store).await?,
    };
    let prepared = smart::prepare(&input.statement, &ParseOptions::new(today));
    let history: Option<Vec<smart::PastResult>> = match owner {
        Some(o) => Some(
            store
                .past_goals(o, today, SameMetric::of(prepared.goal()), 200)
                .await?
                .iter()
                .map(stride_store::PastGoal::to_past_result)
                .collect(),
        ),
        None => None,
    };
    let verdict = VerdictInput {
        aligned: !input.parents.is_empty(),
        history: history.as_deref(),
    };
    Ok(prepared.judge(&verdict))
}

/// Map a parsed sentence to form values. Rules: `maintain` becomes
/// `at_least` (or `at_most` when the sentence keeps a value *below* its
/// target); `achieve` becomes a done/not-done goal; `%` is a percent, ISO
/// currency codes are currency, time words are durations, other units are
/// counts; a relative change ("+25 %") computes the target when the
/// baseline is known. The start is today, or the first day of the
/// deadline's quarter when the deadline has already passed.
#[must_use]
pub fn form_defaults(check: &SmartCheck, today: NaiveDate) -> GoalFormDefaults {
    let g = &check.goal;
    let unit_label = g.unit.clone().unwrap_or_default();
    let unit = match unit_label.as_str() {
        "%" => UnitKind::Percent,
        "" => UnitKind::Number,
        "minutes" | "hours" | "days" | "weeks" | "months" => UnitKind::Duration,
        code if code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()) => {
            UnitKind::Currency
        }
        _ => UnitKind::Count,
    };
    // A level to hold is a ceiling when the sentence says so in words
    // ("keep … below 5 %", "under 2 days", "at most 3"); word-wise, so
    // "understand" is not "under".
    let words: Vec<String> = g
        .statement
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    let ceiling = words.iter().any(|w| w == "below" || w == "under")
        || words.windows(2).any(|p| p[0] == "at" && p[1] == "most");
    let direction = match g.direction {
        Some(SmartDirection::Increase) | None => Direction::Increase,
        Some(SmartDirection::Decrease) => Direction::Decrease,
        Some(SmartDirection::Maintain) => {
            if ceiling {
                Direction::AtMost
            } else {
                Direction::AtLeast
            }
        }
        Some(SmartDirection::Achieve) => Direction::Done,
    };
    let (unit, unit_label) = if direction == Direction::Done {
        (UnitKind::Binary, String::new())
    } else {
        (unit, unit_label)
    };
    let target = g.target.or_else(|| match (g.baseline, g.change) {
        (Some(b), Some(c)) if c.relative => Some(b * (1.0 + c.value / 100.0)),
        (Some(b), Some(c)) => Some(if direction == Direction::Decrease {
            b - c.value
        } else {
            b + c.value
        }),
        _ => None,
    });
    let start = match g.deadline {
        Some(due) if due < today => {
            let q0 = (due.month0() / 3) * 3 + 1;
            NaiveDate::from_ymd_opt(due.year(), q0, 1).unwrap_or(due)
        }
        _ => today,
    };
    let metric = g.metric.clone().unwrap_or_default();
    let title = title_from(&g.statement, &metric);
    GoalFormDefaults {
        title,
        metric_name: metric,
        direction,
        unit,
        unit_label,
        baseline: if direction == Direction::Done {
            None
        } else {
            g.baseline
        },
        target: if direction == Direction::Done {
            None
        } else {
            target
        },
        start,
        due: g.deadline,
        method: g.method.clone().unwrap_or_default(),
        category: Category::Performance,
    }
}

/// A title: the sentence up to its method ("… by implementing …"), at most 80 characters.
fn title_from(statement: &str, metric: &str) -> String {
    let s = statement.trim().trim_end_matches('.');
    let cut = [" by implementing", " by making", " through ", " via "]
        .iter()
        .filter_map(|m| s.to_lowercase().find(m))
        .min()
        .unwrap_or(s.len());
    let head: String = s[..cut].chars().take(80).collect();
    if head.trim().is_empty() {
        metric.to_owned()
    } else {
        head.trim().to_owned()
    }
}

/// `owner_choices` as a plain function: me, my reports and the units I
/// lead (empty without a profile).
pub async fn owner_choices_in(store: &Store) -> Result<Vec<stride_store::OwnerChoice>, IpcError> {
    match me(store).await? {
        Some(me) => Ok(store.owner_choices(me).await?),
        None => Ok(Vec::new()),
    }
}

/// `owner_choices`: whom a new goal can belong to.
#[tauri::command]
pub async fn owner_choices(
    state: State<'_, AppState>,
) -> Result<Vec<stride_store::OwnerChoice>, IpcError> {
    owner_choices_in(state.store()?).await
}

/// `create_goal` as a plain function: validates the corrected form into a
/// `Goal`, then writes it and its alignments in one transaction.
pub async fn create_goal_in(store: &Store, input: NewGoalInput) -> Result<GoalId, IpcError> {
    let owner = match (input.owner_person.as_deref(), input.owner_unit.as_deref()) {
        (_, Some(unit)) => Owner::Unit(
            unit.parse::<OrgUnitId>()
                .map_err(|_| IpcError::invalid("ownerUnit", "This is not an org unit id."))?,
        ),
        (Some(person), None) => Owner::Person(parse_person("ownerPerson", person)?),
        (None, None) => Owner::Person(me(store).await?.ok_or_else(|| {
            IpcError::invalid(
                "ownerPerson",
                "Choose an owner: this installation has no profile yet.",
            )
        })?),
    };
    let start = parse_date("start", &input.start)?;
    let due = parse_date("due", &input.due)?;
    let mut draft = GoalDraft::new(owner, input.title, start, due);
    draft.kind = input.kind;
    draft.statement = input.statement;
    draft.method = input.method;
    draft.category = input.category;
    draft.metric_name = input.metric_name;
    draft.unit = input.unit;
    draft.unit_label = input.unit_label;
    draft.direction = input.direction;
    draft.baseline = input.baseline;
    draft.target = input.target;
    draft.band_low = input.band_low;
    draft.band_high = input.band_high;
    draft.weight = input.weight;
    draft.cadence = input.cadence;
    draft.checkpoints = input.checkpoints;
    draft.state = GoalState::Active;
    let goal = Goal::new(draft)?;
    let mut edges = Vec::with_capacity(input.parents.len());
    for p in &input.parents {
        let parent: GoalId = p
            .goal
            .parse()
            .map_err(|_| IpcError::invalid("parents", "A chosen parent is not a goal id."))?;
        edges.push(AlignmentEdge {
            child: goal.id,
            parent,
            weight: p.weight,
        });
    }
    let author = match goal.owner {
        Owner::Person(p) => Some(p),
        Owner::Unit(_) => me(store).await?,
    };
    let mut tx = store.begin_write().await?;
    tx.insert_goals(std::slice::from_ref(&goal), author, chrono::Utc::now())
        .await?;
    for edge in edges {
        tx.align(edge).await.map_err(|e| match IpcError::from(e) {
            IpcError::InvalidInput { message, .. } => IpcError::invalid("parents", message),
            other => other,
        })?;
    }
    tx.commit().await?;
    Ok(goal.id)
}

/// Input of `apply_to_team`.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApplyToTeamInput {
    /// The team goal to cascade.
    pub goal: String,
    /// Copy the numbers to everyone, or divide additive numbers evenly.
    pub split: smart::templates::TeamSplit,
}

/// `apply_to_team` as a plain function: one goal per member of the team
/// goal's team (the owner's direct reports for a person's goal; the unit's
/// members for a unit's goal), each aligned under it, in one write.
pub async fn apply_to_team_in(
    store: &Store,
    input: ApplyToTeamInput,
) -> Result<Vec<GoalId>, IpcError> {
    let id: GoalId = input
        .goal
        .parse()
        .map_err(|_| IpcError::invalid("goal", "This is not a goal id."))?;
    let team_goal = store.goal(id).await?;
    let members = store.team_members(team_goal.owner).await?;
    if members.is_empty() {
        return Err(IpcError::invalid(
            "goal",
            "Nobody is in this goal's team yet: a person's goal goes to their direct reports, a unit's goal to its members.",
        ));
    }
    let planned = smart::templates::apply_to_team(&team_goal, &members, input.split);
    let mut goals = Vec::with_capacity(planned.len());
    for member in &planned {
        goals.push(Goal::new(member.draft.clone())?);
    }
    let author = me(store).await?;
    let mut tx = store.begin_write().await?;
    tx.insert_goals(&goals, author, chrono::Utc::now()).await?;
    for member in &planned {
        tx.align(member.edge).await?;
    }
    tx.commit().await?;
    Ok(goals.iter().map(|g| g.id).collect())
}

/// Every template, with its example filled in.
#[must_use]
pub fn template_views() -> Vec<TemplateView> {
    smart::templates::templates()
        .iter()
        .map(|t| {
            let values: std::collections::BTreeMap<&str, &str> =
                t.example.iter().copied().collect();
            TemplateView {
                id: t.id.to_owned(),
                department: t.department.as_str().to_owned(),
                title: t.title.to_owned(),
                sentence: t.sentence.to_owned(),
                example_sentence: smart::templates::fill(t, &values)
                    .unwrap_or_else(|_| t.sentence.to_owned()),
                cadence: t.cadence,
                category: t.category,
            }
        })
        .collect()
}

/// `check_goal`: parse and judge a goal sentence.
#[tauri::command]
pub async fn check_goal(
    state: State<'_, AppState>,
    input: CheckGoalInput,
) -> Result<SmartCheck, IpcError> {
    check_goal_in(state.store()?, input).await
}

/// `goal_form_defaults`: form values from a sentence.
#[tauri::command]
pub async fn goal_form_defaults(
    state: State<'_, AppState>,
    input: CheckGoalInput,
) -> Result<GoalFormDefaults, IpcError> {
    let today = parse_as_of("today", input.today.as_deref())?;
    let check = check_goal_in(state.store()?, input).await?;
    Ok(form_defaults(&check, today))
}

/// `create_goal`: saves a goal and its alignments.
#[tauri::command]
pub async fn create_goal(
    app: AppHandle,
    state: State<'_, AppState>,
    input: NewGoalInput,
) -> Result<GoalId, IpcError> {
    let id = create_goal_in(state.store()?, input).await?;
    changed(&app);
    Ok(id)
}

/// `goal_templates`: the template library.
#[tauri::command]
pub async fn goal_templates() -> Result<Vec<TemplateView>, IpcError> {
    Ok(template_views())
}

/// `apply_to_team`: one goal per team member, aligned under the team goal.
#[tauri::command]
pub async fn apply_to_team(
    app: AppHandle,
    state: State<'_, AppState>,
    input: ApplyToTeamInput,
) -> Result<Vec<GoalId>, IpcError> {
    let ids = apply_to_team_in(state.store()?, input).await?;
    changed(&app);
    Ok(ids)
}

/// `search_goals`: goals whose title matches, for pickers and search.
#[tauri::command]
pub async fn search_goals(
    state: State<'_, AppState>,
    text: String,
    limit: Option<u32>,
) -> Result<Vec<GoalLink>, IpcError> {
    Ok(state
        .store()?
        .search_goals(&text, limit.unwrap_or(20).min(200))
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPS: &str = "Reduce average order processing time from 48 hours to 32 hours by Q2 2026 by implementing automated workflow routing and eliminating manual approval bottlenecks.";

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    async fn set_up() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("new-goal.db")).await.unwrap();
        crate::commands::onboarding::start_empty_in(
            &store,
            crate::commands::onboarding::StartEmptyInput {
                name: "Maria Lopez".into(),
                email: "maria@acme.test".into(),
                title: String::new(),
                organisation: "Acme".into(),
            },
        )
        .await
        .unwrap();
        (dir, store)
    }

    fn input(statement: &str) -> CheckGoalInput {
        CheckGoalInput {
            statement: statement.into(),
            owner: None,
            parents: vec![],
            today: Some("2026-01-15".into()),
        }
    }

    #[tokio::test]
    async fn the_operations_sentence_fills_the_form() {
        let (_dir, store) = set_up().await;
        let check = check_goal_in(&store, input(OPS)).await.unwrap();
        assert_eq!(check.criteria.measurable.met, Some(true));
        assert_eq!(check.criteria.time_bound.met, Some(true));
        let form = form_defaults(&check, d(2026, 1, 15));
        assert_eq!(form.direction, Direction::Decrease);
        assert_eq!(form.unit, UnitKind::Duration);
        assert_eq!(form.unit_label, "hours");
        assert_eq!((form.baseline, form.target), (Some(48.0), Some(32.0)));
        assert_eq!(form.due, Some(d(2026, 6, 30)));
        assert_eq!(form.start, d(2026, 1, 15));
        assert_eq!(
            form.title,
            "Reduce average order processing time from 48 hours to 32 hours by Q2 2026"
        );
        // A deadline already past starts the goal at its quarter's first day.
        assert_eq!(form_defaults(&check, d(2026, 11, 27)).start, d(2026, 4, 1));
    }

    #[tokio::test]
    async fn a_vague_sentence_is_flagged_and_an_empty_one_refused() {
        let (_dir, store) = set_up().await;
        let check = check_goal_in(&store, input("Improve customer satisfaction."))
            .await
            .unwrap();
        assert_eq!(check.criteria.measurable.met, Some(false));
        assert_eq!(check.criteria.time_bound.met, Some(false));
        assert!(!check.criteria.measurable.hint.is_empty());
        let err = check_goal_in(&store, input("   ")).await.unwrap_err();
        assert!(
            matches!(err, IpcError::InvalidInput { field: Some(ref f), .. } if f == "statement")
        );
    }

    #[tokio::test]
    async fn a_level_to_hold_is_a_floor_or_a_ceiling_by_its_words() {
        let (_dir, store) = set_up().await;
        let today = d(2026, 1, 15);
        let floor = check_goal_in(&store, input("Keep customer satisfaction above 90% through Q3 2026 so the team understands churn.")).await.unwrap();
        let ceiling = check_goal_in(
            &store,
            input("Keep the error rate below 2% through Q3 2026."),
        )
        .await
        .unwrap();
        assert_eq!(floor.goal.direction, Some(SmartDirection::Maintain));
        assert_eq!(ceiling.goal.direction, Some(SmartDirection::Maintain));
        assert_eq!(
            form_defaults(&floor, today).direction,
            Direction::AtLeast,
            "'understands' is not 'under'"
        );
        assert_eq!(form_defaults(&ceiling, today).direction, Direction::AtMost);
    }

    #[tokio::test]
    async fn a_relative_change_computes_the_target_from_the_baseline() {
        let (_dir, store) = set_up().await;
        let check = check_goal_in(
            &store,
            input("Grow monthly active users from 2,000 by 25% by the end of Q3 2026."),
        )
        .await
        .unwrap();
        let form = form_defaults(&check, d(2026, 1, 15));
        assert_eq!(form.baseline, Some(2000.0));
        assert_eq!(form.target, Some(2500.0));
    }

    fn new_goal(statement: &str) -> NewGoalInput {
        NewGoalInput {
            statement: statement.into(),
            title: "Cut order processing time".into(),
            kind: GoalKind::SmartGoal,
            owner_person: None,
            owner_unit: None,
            method: "workflow routing".into(),
            category: Category::Performance,
            metric_name: "average order processing time".into(),
            unit: UnitKind::Duration,
            unit_label: "hours".into(),
            direction: Direction::Decrease,
            baseline: Some(48.0),
            target: Some(32.0),
            band_low: None,
            band_high: None,
            start: "2026-04-01".into(),
            due: "2026-06-30".into(),
            weight: 1.0,
            cadence: Cadence::Weekly,
            checkpoints: vec![],
            parents: vec![],
        }
    }

    #[tokio::test]
    async fn create_goal_keeps_the_statement_and_aligns_it() {
        let (_dir, store) = set_up().await;
        let parent = create_goal_in(
            &store,
            NewGoalInput {
                title: "Company delivery".into(),
                ..new_goal("")
            },
        )
        .await
        .unwrap();
        let id = create_goal_in(
            &store,
            NewGoalInput {
                parents: vec![ParentInput {
                    goal: parent.to_string(),
                    weight: 2.0,
                }],
                ..new_goal(OPS)
            },
        )
        .await
        .unwrap();
        let goal = store.goal(id).await.unwrap();
        assert_eq!(goal.statement, OPS);
        assert_eq!(store.parents(id).await.unwrap(), vec![(parent, 2.0)]);
        let found = store.search_goals("company", 5).await.unwrap();
        assert_eq!(found[0].id, parent);
    }

    #[tokio::test]
    async fn bad_goals_name_the_field_and_write_nothing() {
        let (_dir, store) = set_up().await;
        let cases = [
            (
                NewGoalInput {
                    target: Some(48.0),
                    ..new_goal(OPS)
                },
                "target",
            ),
            (
                NewGoalInput {
                    due: "2026-03-01".into(),
                    ..new_goal(OPS)
                },
                "due",
            ),
            (
                NewGoalInput {
                    start: "April".into(),
                    ..new_goal(OPS)
                },
                "start",
            ),
            (
                NewGoalInput {
                    title: " ".into(),
                    ..new_goal(OPS)
                },
                "title",
            ),
            (
                NewGoalInput {
                    parents: vec![ParentInput {
                        goal: GoalId::new().to_string(),
                        weight: 1.0,
                    }],
                    ..new_goal(OPS)
                },
                "",
            ),
        ];
        for (bad, field) in cases {
            let err = create_goal_in(&store, bad).await.unwrap_err();
            if field.is_empty() {
                assert_eq!(err.code(), "not_found", "{err:?}");
            } else {
                assert!(
                    matches!(&err, IpcError::InvalidInput { field: Some(f), .. } if f == field),
                    "{field}: {err:?}"
                );
            }
        }
        assert_eq!(store.counts().await.unwrap().goals, 0);
    }

    #[tokio::test]
    async fn owners_are_me_then_my_reports_then_the_units_i_lead() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("owners.db")).await.unwrap();
        assert!(
            owner_choices_in(&store).await.unwrap().is_empty(),
            "no profile, no choices"
        );
        let state = crate::commands::onboarding::open_demo_in(&store, 20, &mut |_| {})
            .await
            .unwrap();
        let me = state.me.unwrap().id;
        let choices = owner_choices_in(&store).await.unwrap();
        assert_eq!(choices[0].id, me.to_string());
        assert_eq!(
            (choices[0].kind.as_str(), choices[0].detail.as_str()),
            ("person", "You")
        );
        let reports: Vec<String> = store
            .team_members(Owner::Person(me))
            .await
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect();
        let people: Vec<String> = choices[1..]
            .iter()
            .filter(|c| c.kind == "person")
            .map(|c| c.id.clone())
            .collect();
        assert_eq!(people, reports, "my active reports, by name");
        let units: Vec<&stride_store::OwnerChoice> =
            choices.iter().filter(|c| c.kind == "unit").collect();
        assert!(!units.is_empty(), "the demo's manager leads a team");
        assert!(
            choices.iter().position(|c| c.kind == "unit")
                > choices.iter().rposition(|c| c.kind == "person")
        );
        // A goal for a chosen report belongs to them.
        let report = &people[0];
        let id = create_goal_in(
            &store,
            NewGoalInput {
                owner_person: Some(report.clone()),
                ..new_goal(OPS)
            },
        )
        .await
        .unwrap();
        assert_eq!(
            store.goal(id).await.unwrap().owner.to_string(),
            format!("person:{report}")
        );
    }

    #[tokio::test]
    async fn apply_to_team_gives_each_report_an_aligned_goal() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("team.db")).await.unwrap();
        let state = crate::commands::onboarding::open_demo_in(&store, 20, &mut |_| {})
            .await
            .unwrap();
        let me = state.me.unwrap().id;
        let team = create_goal_in(
            &store,
            NewGoalInput {
                title: "Team pipeline".into(),
                ..new_goal(OPS)
            },
        )
        .await
        .unwrap();
        let reports = store.team_members(Owner::Person(me)).await.unwrap();
        assert!(!reports.is_empty());
        let ids = apply_to_team_in(
            &store,
            ApplyToTeamInput {
                goal: team.to_string(),
                split: smart::templates::TeamSplit::Divide,
            },
        )
        .await
        .unwrap();
        assert_eq!(ids.len(), reports.len());
        let n = reports.len() as f64;
        for id in &ids {
            let g = store.goal(*id).await.unwrap();
            assert!(matches!(g.owner, Owner::Person(p) if reports.contains(&p)));
            assert_eq!(g.target, Some(32.0 / n));
            assert_eq!(store.parents(*id).await.unwrap(), vec![(team, 1.0)]);
        }
        // A report's goal has no team under it.
        let err = apply_to_team_in(
            &store,
            ApplyToTeamInput {
                goal: ids[0].to_string(),
                split: smart::templates::TeamSplit::Copy,
            },
        )
        .await
        .unwrap_err();
        assert!(
            matches!(err, IpcError::InvalidInput { field: Some(ref f), .. } if f == "goal"),
            "{err:?}"
        );
    }

    #[test]
    fn every_template_has_a_filled_example() {
        let views = template_views();
        assert!(views.len() >= 8);
        for v in views {
            assert!(
                !v.example_sentence.contains('{'),
                "{}: {}",
                v.id,
                v.example_sentence
            );
        }
    }
}
