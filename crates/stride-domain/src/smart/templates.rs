//! Goal templates per department and for development goals, slot filling,
//! and "apply to team" planning (one draft per member, aligned to the team
//! goal; the store write is the caller's).
//!
//! A template is a sentence with `{slot}` placeholders, e.g.
//! `"Increase qualified pipeline revenue by {change}% in {period} by making
//! {calls} outbound calls per day"`. [`fill`] substitutes values and returns
//! the sentence, which [`super::parse`] then reads like any other.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::alignment::AlignmentEdge;
use crate::goal::{Cadence, Category, Goal, GoalDraft, GoalKind, Owner};
use crate::ids::{GoalId, PersonId};

/// Who a template is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Department {
    /// Sales.
    Sales,
    /// Marketing.
    Marketing,
    /// People / HR.
    Hr,
    /// Operations.
    Operations,
    /// Engineering.
    Engineering,
    /// Customer success / support.
    CustomerSuccess,
    /// Finance.
    Finance,
    /// Skills and development (any department).
    Development,
}

impl Department {
    /// Every department, in display order.
    pub const ALL: [Self; 8] = [
        Self::Sales,
        Self::Marketing,
        Self::Hr,
        Self::Operations,
        Self::Engineering,
        Self::CustomerSuccess,
        Self::Finance,
        Self::Development,
    ];

    /// The snake_case name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Sales => "sales",
            Self::Marketing => "marketing",
            Self::Hr => "hr",
            Self::Operations => "operations",
            Self::Engineering => "engineering",
            Self::CustomerSuccess => "customer_success",
            Self::Finance => "finance",
            Self::Development => "development",
        }
    }
}

/// A goal template.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GoalTemplate {
    /// Stable id ("sales-pipeline").
    pub id: &'static str,
    /// Who it is for.
    pub department: Department,
    /// Short title ("Grow qualified pipeline").
    pub title: &'static str,
    /// The sentence with `{slot}` placeholders.
    pub sentence: &'static str,
    /// Example values for every slot, in order (also the UI's placeholders).
    #[cfg_attr(feature = "ts", ts(as = "Vec<(String, String)>"))]
    pub example: &'static [(&'static str, &'static str)],
    /// Default check-in cadence.
    pub cadence: Cadence,
    /// Performance, development or activity.
    pub category: Category,
}

impl GoalTemplate {
    /// The slot names in order of first appearance.
    #[must_use]
    pub fn slots(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        let mut rest = self.sentence;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else { break };
            let name = &after[..close];
            if !out.contains(&name) {
                out.push(name);
            }
            rest = &after[close + 1..];
        }
        out
    }

    /// The sentence filled with the example values.
    #[must_use]
    pub fn example_sentence(&self) -> String {
        let values: BTreeMap<&str, &str> = self.example.iter().copied().collect();
        fill(self, &values).unwrap_or_else(|_| self.sentence.to_owned())
    }
}

const fn t(
    id: &'static str,
    department: Department,
    title: &'static str,
    sentence: &'static str,
    example: &'static [(&'static str, &'static str)],
    cadence: Cadence,
    category: Category,
) -> GoalTemplate {
    GoalTemplate {
        id,
        department,
        title,
        sentence,
        example,
        cadence,
        category,
    }
}

use Cadence::{Biweekly, Monthly, Weekly};
use Category::{Activity, Development as Dev, Performance as Perf};
use Department as D;

static TEMPLATES: [GoalTemplate; 24] = [
    t("sales-pipeline", D::Sales, "Grow qualified pipeline",
      "Increase qualified pipeline revenue by {change}% in {period} by making {calls} outbound calls per day and logging all activity inside the CRM.",
      &[("change", "25"), ("period", "Q3 2026"), ("calls", "20")], Weekly, Perf),
    t("sales-bookings", D::Sales, "Hit new bookings",
      "Close {target} in new bookings by {date} through {method}.",
      &[("target", "$1.2M"), ("date", "December 31, 2026"), ("method", "weekly pipeline reviews")], Weekly, Perf),
    t("sales-win-rate", D::Sales, "Raise win rate",
      "Raise the opportunity win rate from {baseline}% to {target}% by {date}.",
      &[("baseline", "18"), ("target", "24"), ("date", "Q4 2026")], Biweekly, Perf),
    t("marketing-mqls", D::Marketing, "More qualified leads",
      "Grow marketing qualified leads from {baseline} to {target} per month by {date} by publishing {posts} blog posts per week.",
      &[("baseline", "400"), ("target", "600"), ("date", "Q3 2026"), ("posts", "2")], Weekly, Perf),
    t("marketing-cac", D::Marketing, "Lower acquisition cost",
      "Reduce customer acquisition cost from {baseline} to {target} by {date}.",
      &[("baseline", "$450"), ("target", "$380"), ("date", "H2 2026")], Monthly, Perf),
    t("marketing-conversion", D::Marketing, "Convert more visitors",
      "Increase website conversion rate from {baseline}% to {target}% by {date}.",
      &[("baseline", "2.1"), ("target", "3"), ("date", "the end of next quarter")], Biweekly, Perf),
    t("hr-engagement", D::Hr, "Raise engagement",
      "Improve employee engagement scores from {baseline}% to {target}% by {date} through {method}.",
      &[("baseline", "67"), ("target", "75"), ("date", "Q4 2026"), ("method", "structured bi-weekly feedback sessions and a revised recognition program")], Biweekly, Perf),
    t("hr-time-to-hire", D::Hr, "Hire faster",
      "Reduce average time to hire from {baseline} days to {target} days by {date}.",
      &[("baseline", "45"), ("target", "30"), ("date", "June 30, 2026")], Monthly, Perf),
    t("hr-attrition", D::Hr, "Keep attrition low",
      "Keep voluntary attrition below {target}% {period}.",
      &[("target", "10"), ("period", "this year")], Monthly, Perf),
    t("ops-processing-time", D::Operations, "Faster order processing",
      "Reduce average order processing time from {baseline} hours to {target} hours by {date} by {method}.",
      &[("baseline", "48"), ("target", "32"), ("date", "Q2 2026"), ("method", "implementing automated workflow routing")], Weekly, Perf),
    t("ops-on-time", D::Operations, "Ship on time",
      "Increase on-time delivery from {baseline}% to {target}% by {date}.",
      &[("baseline", "91"), ("target", "97"), ("date", "Q3 2026")], Weekly, Perf),
    t("ops-cost", D::Operations, "Lower unit cost",
      "Cut cost per order by {change}% within {months} months.",
      &[("change", "12"), ("months", "six")], Monthly, Perf),
    t("eng-uptime", D::Engineering, "Reliable service",
      "Keep system uptime above {target}% {period}.",
      &[("target", "99.9"), ("period", "this year")], Weekly, Perf),
    t("eng-lead-time", D::Engineering, "Ship faster",
      "Reduce lead time for changes from {baseline} days to {target} days by {date}.",
      &[("baseline", "6"), ("target", "2"), ("date", "Q4 2026")], Biweekly, Perf),
    t("eng-incidents", D::Engineering, "Fewer incidents",
      "Reduce production incidents from {baseline} to {target} per month by {date} through {method}.",
      &[("baseline", "12"), ("target", "4"), ("date", "Q3 2026"), ("method", "automated canary releases")], Biweekly, Perf),
    t("cs-response", D::CustomerSuccess, "Answer quickly",
      "Reduce first response time from {baseline} hours to {target} hours by {date}.",
      &[("baseline", "8"), ("target", "2"), ("date", "Q2 2026")], Weekly, Perf),
    t("cs-nps", D::CustomerSuccess, "Happier customers",
      "Increase NPS from {baseline} to {target} by {date}.",
      &[("baseline", "32"), ("target", "45"), ("date", "December 2026")], Monthly, Perf),
    t("cs-churn", D::CustomerSuccess, "Lower churn",
      "Cut customer churn to below {target}% within {months} months by {method}.",
      &[("target", "3"), ("months", "six"), ("method", "running quarterly business reviews with every key account")], Monthly, Perf),
    t("fin-close", D::Finance, "Faster close",
      "Shorten the monthly close from {baseline} days to {target} days by {date}.",
      &[("baseline", "10"), ("target", "5"), ("date", "FY2026")], Monthly, Perf),
    t("fin-dso", D::Finance, "Collect sooner",
      "Reduce days sales outstanding from {baseline} days to {target} days by {date}.",
      &[("baseline", "52"), ("target", "40"), ("date", "Q4 2026")], Monthly, Perf),
    t("fin-opex", D::Finance, "Control spend",
      "Reduce operating expenses by {change}% in {period}.",
      &[("change", "8"), ("period", "H2 2026")], Monthly, Perf),
    t("dev-certification", D::Development, "Earn a certification",
      "Earn the {certification} certification by {date}.",
      &[("certification", "PMP"), ("date", "June 30, 2026")], Monthly, Dev),
    t("dev-course", D::Development, "Complete a course",
      "Complete the {course} course by {date} by studying {hours} hours per week.",
      &[("course", "Advanced SQL"), ("date", "the end of next quarter"), ("hours", "3")], Weekly, Dev),
    t("dev-mentoring", D::Development, "Mentor others",
      "Hold {sessions} mentoring sessions per month with junior colleagues {period}.",
      &[("sessions", "2"), ("period", "this year")], Monthly, Activity),
];

/// Every template.
#[must_use]
pub fn templates() -> &'static [GoalTemplate] {
    &TEMPLATES
}

/// The templates of one department.
pub fn templates_for(department: Department) -> impl Iterator<Item = &'static GoalTemplate> {
    TEMPLATES.iter().filter(move |t| t.department == department)
}

/// A template by id.
#[must_use]
pub fn template(id: &str) -> Option<&'static GoalTemplate> {
    TEMPLATES.iter().find(|t| t.id == id)
}

/// Why a template could not be filled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// A slot has no (non-blank) value.
    #[error("{slot}: no value for this slot")]
    MissingSlot {
        /// The slot's name.
        slot: String,
    },
}

/// Fills a template's `{slot}`s with `values` (trimmed); every slot needs a
/// non-blank value. Values are inserted as written (no braces are
/// re-expanded).
///
/// # Errors
/// The first slot without a value.
pub fn fill<K, V>(template: &GoalTemplate, values: &BTreeMap<K, V>) -> Result<String, TemplateError>
where
    K: std::borrow::Borrow<str> + Ord,
    V: AsRef<str>,
{
    let mut out = String::with_capacity(template.sentence.len() + 32);
    let mut rest = template.sentence;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let name = &after[..close];
        let value = values
            .get(name)
            .map(|v| v.as_ref().trim())
            .filter(|v| !v.is_empty())
            .ok_or_else(|| TemplateError::MissingSlot {
                slot: name.to_owned(),
            })?;
        out.push_str(value);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// How a team goal's numbers are shared among members.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum TeamSplit {
    /// Every member carries the team's numbers (rates, levels, percentages).
    Copy,
    /// Additive numbers (revenue, deals) are divided evenly: baseline,
    /// target, band and checkpoint values ÷ members.
    Divide,
}

/// One member's goal: the draft to insert and its alignment edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MemberGoal {
    /// The member's goal (new id, owned by the member).
    pub draft: GoalDraft,
    /// Aligns the member's goal under the team goal (weight 1).
    pub edge: AlignmentEdge,
}

/// Plans "apply to team": one draft per distinct member, a copy of the team
/// goal (statement, metric, unit, direction, dates, cadence, cycle, state)
/// owned by the member, kind `key_result` under an objective and
/// `smart_goal` otherwise, aligned to the team goal with weight 1. Pure: the
/// caller writes the drafts and edges in one transaction.
#[must_use]
pub fn apply_to_team(team_goal: &Goal, members: &[PersonId], split: TeamSplit) -> Vec<MemberGoal> {
    let mut seen: Vec<PersonId> = Vec::with_capacity(members.len());
    for m in members {
        if !seen.contains(m) && Owner::Person(*m) != team_goal.owner {
            seen.push(*m);
        }
    }
    let n = seen.len().max(1) as f64;
    let share = |v: Option<f64>| match split {
        TeamSplit::Copy => v,
        TeamSplit::Divide => v.map(|x| x / n),
    };
    seen.into_iter()
        .map(|member| {
            let mut d: GoalDraft = team_goal.as_draft().clone();
            d.id = GoalId::new();
            d.owner = Owner::Person(member);
            d.kind = if team_goal.kind == GoalKind::Objective {
                GoalKind::KeyResult
            } else {
                GoalKind::SmartGoal
            };
            d.baseline = share(d.baseline);
            d.target = share(d.target);
            d.band_low = share(d.band_low);
            d.band_high = share(d.band_high);
            for c in &mut d.checkpoints {
                if let Some(v) = share(Some(c.expected)) {
                    c.expected = v;
                }
            }
            d.weight = 1.0;
            d.kpi = None;
            MemberGoal {
                edge: AlignmentEdge {
                    child: d.id,
                    parent: team_goal.id,
                    weight: 1.0,
                },
                draft: d,
            }
        })
        .collect()
}
