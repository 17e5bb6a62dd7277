//! Alerts: what Stride raises about a goal on a day, to whom, and why.
//!
//! Each alert carries a `cause` key that names what it is about (the goal,
//! the kind and the period or date concerned); the store keeps one alert per
//! (cause, recipient), so nothing is raised twice for the same cause.
//!
//! | kind | when | to |
//! |---|---|---|
//! | `at_risk`, `off_track` | the combined pace + forecast status ([`crate::risk`]) | owner and manager |
//! | `low_probability` | the forecast's chance of the target is below the at-risk threshold while the status is not yet off track | owner and manager |
//! | `missed_check_ins` | two or more check-ins missed ([`crate::reminders`]) | owner and manager |
//! | `activity_below_target` | an activity metric (category `activity`) fell short in the last full week (Monday–Sunday): a rate to hold (`at_least`) by its mean against the target, a count to build up (`increase`) by its last value against the expected pace on Sunday | owner and manager |
//! | `checkpoint_soon` | a checkpoint (e.g. the six-week review) falls in the next 7 days | owner |
//! | `check_in_due` | a check-in is due: one per missed cadence period | owner |

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::checkin::CheckIn;
use crate::goal::{Category, Direction, Goal};
use crate::ids::{GoalId, PersonId};
use crate::reminders::CheckInDue;
use crate::risk::{RiskAssessment, RiskThresholds};
use crate::status::GoalStatus;
use crate::text_enum::text_enum;

text_enum!(
    /// What an alert is about.
    AlertKind, "alert kind" {
        /// The goal is at risk (pace or forecast).
        AtRisk => "at_risk",
        /// The goal is off track (pace or forecast).
        OffTrack => "off_track",
        /// The forecast gives the target a low chance.
        LowProbability => "low_probability",
        /// Check-ins were missed twice or more.
        MissedCheckIns => "missed_check_ins",
        /// An activity metric fell below its weekly target.
        ActivityBelowTarget => "activity_below_target",
        /// A checkpoint is coming up.
        CheckpointSoon => "checkpoint_soon",
        /// A check-in is due (one per missed cadence period).
        CheckInDue => "check_in_due",
    }
);

/// Days ahead a checkpoint is announced.
pub const CHECKPOINT_NOTICE_DAYS: u64 = 7;

/// One alert for one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Alert {
    /// The goal it is about.
    pub goal: GoalId,
    /// What kind.
    pub kind: AlertKind,
    /// Who is told.
    pub recipient: PersonId,
    /// What it is about: the same cause is never raised twice.
    pub cause: String,
    /// The reason in words.
    pub reason: String,
}

/// Everything the alert rules look at for one goal on one day.
#[derive(Debug, Clone, Copy)]
pub struct AlertInput<'a> {
    /// The goal.
    pub goal: &'a Goal,
    /// Who answers for it (the owner, or the owning unit's lead).
    pub owner: Option<PersonId>,
    /// The owner's manager.
    pub manager: Option<PersonId>,
    /// Pace and forecast on the day.
    pub assessment: &'a RiskAssessment,
    /// The check-in reminder state on the day.
    pub due: Option<CheckInDue>,
    /// The goal's check-ins.
    pub check_ins: &'a [CheckIn],
    /// The day.
    pub as_of: NaiveDate,
}

fn number(x: f64) -> String {
    if (x - x.round()).abs() < 0.05 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

/// The last full Monday–Sunday week before `as_of`.
fn last_full_week(as_of: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let days_from_monday = u64::from(as_of.weekday().num_days_from_monday());
    let this_monday = as_of.checked_sub_days(Days::new(days_from_monday))?;
    let monday = this_monday.checked_sub_days(Days::new(7))?;
    let sunday = this_monday.checked_sub_days(Days::new(1))?;
    Some((monday, sunday))
}

/// One Monday–Sunday week of an activity goal, judged like the weekly
/// checkpoint the seed describes ("flags weeks where call volume drops
/// below target").
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActivityWeek {
    /// The Monday.
    pub monday: NaiveDate,
    /// The Sunday.
    pub sunday: NaiveDate,
    /// The week's mean (a rate to hold) or its last value (a count to build).
    pub value: f64,
    /// The target (a rate) or the expected pace on Sunday (a count).
    pub expected: f64,
    /// True for a rate to hold (`at_least`), false for a count to build up.
    pub rate: bool,
    /// The week fell short.
    pub below: bool,
    /// How many check-ins with a value the week had.
    pub check_ins: u32,
}

/// The week starting `monday` of an activity goal (category `activity`,
/// raising or holding a number), when it has check-ins and starts on or
/// after the goal's start: a rate to hold (`at_least`, "20 calls a day") by
/// the week's mean against the target; a count to build up (`increase`,
/// "run 90 meetings") by its last value against the expected pace on
/// Sunday.
#[must_use]
pub fn activity_week(g: &Goal, check_ins: &[CheckIn], monday: NaiveDate) -> Option<ActivityWeek> {
    if g.category != Category::Activity
        || !matches!(g.direction, Direction::Increase | Direction::AtLeast)
        || monday < g.start
    {
        return None;
    }
    let target = g.target?;
    let sunday = monday.checked_add_days(Days::new(6))?;
    let week: Vec<(NaiveDate, f64)> = check_ins
        .iter()
        .filter(|c| c.effective >= monday && c.effective <= sunday)
        .filter_map(|c| c.observed().map(|v| (c.effective, v)))
        .collect();
    if week.is_empty() {
        return None;
    }
    let rate = g.direction == Direction::AtLeast;
    let (value, expected) = if rate {
        #[allow(clippy::cast_precision_loss)] // a week's check-ins
        let mean = week.iter().map(|(_, v)| v).sum::<f64>() / week.len() as f64;
        (mean, target)
    } else {
        let last = week.iter().max_by_key(|(d, _)| *d).map_or(0.0, |(_, v)| *v);
        let baseline = g.baseline.unwrap_or(0.0);
        (
            last,
            baseline + (target - baseline) * g.expected_progress(sunday),
        )
    };
    Some(ActivityWeek {
        monday,
        sunday,
        value,
        expected,
        rate,
        below: value < expected,
        check_ins: u32::try_from(week.len()).unwrap_or(u32::MAX),
    })
}

/// Every full week of an activity goal from its start up to the last full
/// week before `as_of` (or its due date, if earlier), oldest first; weeks
/// without check-ins are left out. Empty for other goals.
#[must_use]
pub fn activity_weeks(g: &Goal, check_ins: &[CheckIn], as_of: NaiveDate) -> Vec<ActivityWeek> {
    let Some((last_monday, _)) = last_full_week(as_of.min(g.due.succ_opt().unwrap_or(g.due)))
    else {
        return Vec::new();
    };
    let first_monday = {
        let back = u64::from(g.start.weekday().num_days_from_monday());
        let m = g.start.checked_sub_days(Days::new(back)).unwrap_or(g.start);
        if m < g.start {
            m.checked_add_days(Days::new(7)).unwrap_or(m)
        } else {
            m
        }
    };
    let mut out = Vec::new();
    let mut monday = first_monday;
    while monday <= last_monday {
        if let Some(w) = activity_week(g, check_ins, monday) {
            out.push(w);
        }
        match monday.checked_add_days(Days::new(7)) {
            Some(next) => monday = next,
            None => break,
        }
    }
    out
}

/// The alerts for one goal on `input.as_of`.
#[must_use]
pub fn alerts_for(input: &AlertInput<'_>, risk: &RiskThresholds) -> Vec<Alert> {
    let g = input.goal;
    let a = input.assessment;
    let mut raised: Vec<(AlertKind, String, String, bool)> = Vec::new(); // kind, cause, reason, tell manager

    match a.status {
        Some(GoalStatus::OffTrack) => raised.push((
            AlertKind::OffTrack,
            format!("off_track:{}:{}", g.id, g.due),
            format!("{} is off track: {}", g.title, a.reason),
            true,
        )),
        Some(GoalStatus::AtRisk) => raised.push((
            AlertKind::AtRisk,
            format!("at_risk:{}:{}", g.id, g.due),
            format!("{} is at risk: {}", g.title, a.reason),
            true,
        )),
        _ => {}
    }
    if let Some(p) = a.probability {
        let open = matches!(a.status, Some(GoalStatus::OnTrack | GoalStatus::AtRisk));
        if p < risk.at_risk_below && open {
            raised.push((
                AlertKind::LowProbability,
                format!("low_probability:{}:{}", g.id, g.due),
                format!(
                    "{}: a {:.0} % chance of reaching the target by {}",
                    g.title,
                    p * 100.0,
                    g.due.format("%-d %b")
                ),
                true,
            ));
        }
    }
    if let Some(due) = input.due {
        raised.push((
            AlertKind::CheckInDue,
            format!("check_in_due:{}:{}:{}", g.id, due.due_since, due.missed),
            format!(
                "Time to check in on {}: due since {}{}",
                g.title,
                due.due_since.format("%-d %b"),
                if due.missed > 1 {
                    format!(" ({} check-ins missed)", due.missed)
                } else {
                    String::new()
                }
            ),
            false,
        ));
    }
    if let Some(due) = input.due.filter(|d| d.escalate) {
        raised.push((
            AlertKind::MissedCheckIns,
            format!("missed_check_ins:{}:{}", g.id, due.due_since),
            format!(
                "{}: {} check-ins missed since {}",
                g.title,
                due.missed,
                due.due_since.format("%-d %b")
            ),
            true,
        ));
    }
    if let Some(w) = last_full_week(input.as_of)
        .and_then(|(monday, _)| activity_week(g, input.check_ins, monday))
    {
        if w.below {
            raised.push((
                AlertKind::ActivityBelowTarget,
                format!("activity:{}:{}", g.id, w.monday),
                format!(
                    "{}: {} {} in the week of {}; {} {}",
                    g.title,
                    number(w.value),
                    g.unit_label,
                    w.monday.format("%-d %b"),
                    if w.rate {
                        "target".to_owned()
                    } else {
                        format!("expected by {}", w.sunday.format("%-d %b"))
                    },
                    number(w.expected)
                ),
                true,
            ));
        }
    }
    let horizon = input
        .as_of
        .checked_add_days(Days::new(CHECKPOINT_NOTICE_DAYS));
    if let Some(c) = g
        .checkpoints
        .iter()
        .find(|c| c.date > input.as_of && horizon.is_some_and(|h| c.date <= h))
    {
        let label = if c.label.is_empty() {
            "checkpoint".to_owned()
        } else {
            c.label.clone()
        };
        let now = a.current.map_or("no value yet".to_owned(), |v| {
            format!("now {} {}", number(v), g.unit_label)
        });
        raised.push((
            AlertKind::CheckpointSoon,
            format!("checkpoint:{}:{}", g.id, c.date),
            format!(
                "{}: {label} on {}, expected {} {}; {now}",
                g.title,
                c.date.format("%-d %b"),
                number(c.expected),
                g.unit_label
            ),
            false,
        ));
    }

    let mut out = Vec::new();
    for (kind, cause, reason, tell_manager) in raised {
        let recipients = [input.owner, if tell_manager { input.manager } else { None }];
        for recipient in recipients.into_iter().flatten() {
            if out
                .iter()
                .any(|x: &Alert| x.cause == cause && x.recipient == recipient)
            {
                continue;
            }
            out.push(Alert {
                goal: g.id,
                kind,
                recipient,
                cause: cause.clone(),
                reason: reason.trim().to_owned(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::goal::{Checkpoint, GoalDraft, Owner, UnitKind};
    use crate::risk::assess;
    use crate::status::StatusThresholds;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn calls_goal(owner: PersonId) -> Goal {
        let mut g = GoalDraft::new(
            Owner::Person(owner),
            "20 outbound calls per day",
            d(2026, 7, 1),
            d(2026, 9, 30),
        );
        g.category = Category::Activity;
        g.unit = UnitKind::Count;
        g.unit_label = "calls/day".into();
        g.direction = Direction::AtLeast;
        g.baseline = Some(12.0);
        g.target = Some(20.0);
        Goal::new(g).unwrap()
    }

    fn check_in(goal: &Goal, author: PersonId, day: NaiveDate, value: f64) -> CheckIn {
        CheckIn::new(
            crate::checkin::CheckInDraft {
                goal: goal.id,
                value: Some(value),
                done: false,
                confidence: None,
                note: String::new(),
                blockers: String::new(),
                effective: day,
                author,
            },
            goal,
            chrono::Utc::now(),
        )
        .unwrap()
    }

    #[test]
    fn every_week_of_the_calls_goal_is_judged_and_the_short_ones_flagged() {
        let owner = PersonId::new();
        let g = calls_goal(owner);
        // 1 Jul 2026 is a Wednesday: the first full week starts Mon 6 Jul.
        let mut cis = vec![check_in(&g, owner, d(2026, 7, 2), 5.0)];
        for (monday, values) in [
            (d(2026, 7, 6), [21.0, 22.0, 20.0]),
            (d(2026, 7, 13), [18.0, 19.0, 20.0]),
            (d(2026, 7, 27), [20.0, 20.0, 20.0]),
        ] {
            for (i, v) in values.iter().enumerate() {
                let day = monday.checked_add_days(Days::new(i as u64)).unwrap();
                cis.push(check_in(&g, owner, day, *v));
            }
        }
        let weeks = activity_weeks(&g, &cis, d(2026, 8, 5));
        let got: Vec<_> = weeks
            .iter()
            .map(|w| (w.monday, w.below, w.check_ins))
            .collect();
        assert_eq!(
            got,
            vec![
                (d(2026, 7, 6), false, 3),
                (d(2026, 7, 13), true, 3),
                (d(2026, 7, 27), false, 3),
            ],
            "the partial first week and the week without check-ins are left out"
        );
        assert!((weeks[1].value - 19.0).abs() < 1e-9 && weeks[1].rate && weeks[1].expected == 20.0);
        assert_eq!(weeks[1].sunday, d(2026, 7, 19));
        // The alert for the last full week is the same judgement.
        let alerts = run(&g, &cis, d(2026, 7, 22), owner, PersonId::new());
        assert!(alerts
            .iter()
            .any(|a| a.kind == AlertKind::ActivityBelowTarget && a.cause.ends_with("2026-07-13")));
        // Only weeks before the day are judged; other goals have none.
        assert_eq!(activity_weeks(&g, &cis, d(2026, 7, 15)).len(), 1);
        let mut draft =
            GoalDraft::new(Owner::Person(owner), "Calls", d(2026, 7, 1), d(2026, 9, 30));
        draft.direction = Direction::AtLeast;
        draft.baseline = Some(12.0);
        draft.target = Some(20.0);
        let other = Goal::new(draft).expect("a performance goal on calls");
        assert!(activity_weeks(&other, &cis, d(2026, 8, 5)).is_empty());
    }

    fn run(
        goal: &Goal,
        check_ins: &[CheckIn],
        as_of: NaiveDate,
        owner: PersonId,
        manager: PersonId,
    ) -> Vec<Alert> {
        let obs: Vec<(NaiveDate, f64)> = check_ins
            .iter()
            .filter_map(|c| c.observed().map(|v| (c.effective, v)))
            .collect();
        let current =
            crate::checkin::current_from_check_ins(check_ins, Some(as_of)).map(|c| c.value);
        let assessment = assess(
            goal,
            current,
            &obs,
            as_of,
            &StatusThresholds::default(),
            &RiskThresholds::default(),
        );
        alerts_for(
            &AlertInput {
                goal,
                owner: Some(owner),
                manager: Some(manager),
                assessment: &assessment,
                due: None,
                check_ins,
                as_of,
            },
            &RiskThresholds::default(),
        )
    }

    /// The seed's "flags weeks where call volume drops below target".
    #[test]
    fn a_week_of_calls_below_20_a_day_is_flagged_to_owner_and_manager() {
        let (rep, lead) = (PersonId::new(), PersonId::new());
        let g = calls_goal(rep);
        // Week of Mon 13 Jul: 16, 18, 17 calls/day.
        let cis: Vec<CheckIn> = [(13, 16.0), (15, 18.0), (17, 17.0)]
            .iter()
            .map(|&(day, v)| check_in(&g, rep, d(2026, 7, day), v))
            .collect();
        let alerts = run(&g, &cis, d(2026, 7, 21), rep, lead);
        let activity: Vec<_> = alerts
            .iter()
            .filter(|a| a.kind == AlertKind::ActivityBelowTarget)
            .collect();
        assert_eq!(activity.len(), 2, "{alerts:?}");
        assert_eq!(activity[0].cause, format!("activity:{}:2026-07-13", g.id));
        assert!(
            activity[0]
                .reason
                .contains("17 calls/day in the week of 13 Jul; target 20"),
            "{}",
            activity[0].reason
        );
        assert_eq!([activity[0].recipient, activity[1].recipient], [rep, lead]);

        // A good week raises nothing about activity.
        let good: Vec<CheckIn> = [(13, 21.0), (15, 22.0)]
            .iter()
            .map(|&(day, v)| check_in(&g, rep, d(2026, 7, day), v))
            .collect();
        assert!(run(&g, &good, d(2026, 7, 21), rep, lead)
            .iter()
            .all(|a| a.kind != AlertKind::ActivityBelowTarget));
    }

    /// A count built up over the quarter is judged against the expected pace,
    /// not against the final target.
    #[test]
    fn a_cumulative_activity_is_judged_against_its_pace() {
        let (rep, lead) = (PersonId::new(), PersonId::new());
        let mut g = GoalDraft::new(
            Owner::Person(rep),
            "Run 90 discovery meetings",
            d(2026, 7, 1),
            d(2026, 9, 29),
        );
        g.category = Category::Activity;
        g.unit = UnitKind::Count;
        g.unit_label = "meetings".into();
        g.direction = Direction::Increase;
        g.baseline = Some(0.0);
        g.target = Some(90.0);
        let g = Goal::new(g).unwrap();
        // Sunday 19 Jul is day 18 of 90: 18 meetings expected by then.
        let ahead = vec![check_in(&g, rep, d(2026, 7, 17), 25.0)];
        assert!(run(&g, &ahead, d(2026, 7, 21), rep, lead)
            .iter()
            .all(|a| a.kind != AlertKind::ActivityBelowTarget));
        let behind = vec![check_in(&g, rep, d(2026, 7, 17), 9.0)];
        let alerts = run(&g, &behind, d(2026, 7, 21), rep, lead);
        let activity = alerts
            .iter()
            .find(|a| a.kind == AlertKind::ActivityBelowTarget)
            .expect("behind pace");
        assert!(
            activity
                .reason
                .contains("9 meetings in the week of 13 Jul; expected by 19 Jul 18"),
            "{}",
            activity.reason
        );
    }

    #[test]
    fn a_checkpoint_in_the_coming_week_is_announced_to_the_owner() {
        let (owner, manager) = (PersonId::new(), PersonId::new());
        let mut g = GoalDraft::new(
            Owner::Person(owner),
            "Order processing 48 h to 32 h",
            d(2026, 4, 1),
            d(2026, 6, 30),
        );
        g.direction = Direction::Decrease;
        g.unit_label = "hours".into();
        g.baseline = Some(48.0);
        g.target = Some(32.0);
        g.checkpoints = vec![Checkpoint {
            date: d(2026, 5, 13),
            expected: 42.0,
            label: "six-week review".into(),
        }];
        let g = Goal::new(g).unwrap();
        let cis = vec![check_in(&g, owner, d(2026, 5, 4), 44.0)];
        let alerts = run(&g, &cis, d(2026, 5, 8), owner, manager);
        let soon: Vec<_> = alerts
            .iter()
            .filter(|a| a.kind == AlertKind::CheckpointSoon)
            .collect();
        assert_eq!(soon.len(), 1);
        assert_eq!(soon[0].recipient, owner);
        assert!(
            soon[0]
                .reason
                .contains("six-week review on 13 May, expected 42 hours; now 44 hours"),
            "{}",
            soon[0].reason
        );
        assert!(run(&g, &cis, d(2026, 5, 2), owner, manager)
            .iter()
            .all(|a| a.kind != AlertKind::CheckpointSoon));
    }

    #[test]
    fn an_off_track_goal_tells_owner_and_manager_once_each() {
        let (owner, manager) = (PersonId::new(), PersonId::new());
        let g = calls_goal(owner);
        // No value at all late in the period: off track by pace.
        let alerts = run(&g, &[], d(2026, 9, 1), owner, manager);
        let off: Vec<_> = alerts
            .iter()
            .filter(|a| a.kind == AlertKind::OffTrack)
            .collect();
        assert_eq!(off.len(), 2);
        assert_ne!(off[0].recipient, off[1].recipient);
        assert_eq!(off[0].cause, off[1].cause);
    }

    #[test]
    fn missed_check_ins_escalate_only_from_two() {
        let (owner, manager) = (PersonId::new(), PersonId::new());
        let g = calls_goal(owner);
        let assessment = assess(
            &g,
            None,
            &[],
            d(2026, 7, 3),
            &StatusThresholds::default(),
            &RiskThresholds::default(),
        );
        let base = AlertInput {
            goal: &g,
            owner: Some(owner),
            manager: Some(manager),
            assessment: &assessment,
            due: None,
            check_ins: &[],
            as_of: d(2026, 7, 3),
        };
        let one = CheckInDue {
            due_since: d(2026, 7, 8),
            missed: 1,
            escalate: false,
        };
        let two = CheckInDue {
            due_since: d(2026, 7, 8),
            missed: 2,
            escalate: true,
        };
        let missed = |due| {
            alerts_for(
                &AlertInput {
                    due: Some(due),
                    ..base
                },
                &RiskThresholds::default(),
            )
            .into_iter()
            .filter(|a| a.kind == AlertKind::MissedCheckIns)
            .count()
        };
        assert_eq!(missed(one), 0);
        assert_eq!(missed(two), 2);
    }
}
