//! People, org units and cycles.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Result};
use crate::ids::{CycleId, OrgUnitId, PersonId};
use crate::text_enum::text_enum;

text_enum!(
    /// What a person may do.
    Role, "role" {
        /// Sees and edits their own goals.
        Employee => "employee",
        /// Also their reports' goals.
        Manager => "manager",
        /// Organisation-wide HR administration.
        HrAdmin => "hr_admin",
    }
);

text_enum!(
    /// The level of an org unit, top to bottom.
    OrgUnitKind, "org unit kind" {
        /// The root.
        Company => "company",
        /// Below the company.
        Division => "division",
        /// Below a division (or the company).
        Department => "department",
        /// The smallest unit.
        Team => "team",
    }
);

impl OrgUnitKind {
    /// 0 for company … 3 for team. A child's rank is greater than its parent's.
    #[must_use]
    pub const fn rank(self) -> u8 {
        match self {
            Self::Company => 0,
            Self::Division => 1,
            Self::Department => 2,
            Self::Team => 3,
        }
    }
}

text_enum!(
    /// A cycle's state.
    CycleState, "cycle state" {
        /// Goals are being set.
        Planning => "planning",
        /// Under way.
        Active => "active",
        /// Over; goals are closed.
        Closed => "closed",
    }
);

/// A person in the organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Person {
    /// Id.
    pub id: PersonId,
    /// Display name (required).
    pub name: String,
    /// E-mail address (`local@domain`).
    pub email: String,
    /// Job title; may be empty.
    pub title: String,
    /// The unit the person belongs to.
    pub org_unit: OrgUnitId,
    /// Their manager (reporting line), if any.
    pub manager: Option<PersonId>,
    /// Hire date.
    pub hire_date: NaiveDate,
    /// Still employed.
    pub active: bool,
    /// Role.
    pub role: Role,
}

impl Person {
    /// Checks the person's own fields: a name, a plausible e-mail
    /// (`x@y.z`, no spaces), not their own manager.
    ///
    /// # Errors
    /// The first broken rule.
    pub fn validate(&self) -> Result<()> {
        if self.name.trim().is_empty() {
            return Err(DomainError::Empty { field: "name" });
        }
        validate_email(&self.email)?;
        if self.manager == Some(self.id) {
            return Err(DomainError::ReportingCycle { person: self.id });
        }
        Ok(())
    }
}

/// A minimal syntactic e-mail check: one `@`, non-empty local part, a dot in
/// the domain, no whitespace.
///
/// # Errors
/// [`DomainError::Invalid`] on `email`.
pub fn validate_email(email: &str) -> Result<()> {
    let bad = |why: &str| Err(DomainError::invalid("email", why.to_owned()));
    if email.chars().any(char::is_whitespace) {
        return bad("must not contain spaces");
    }
    let Some((local, domain)) = email.split_once('@') else {
        return bad("must look like name@example.com");
    };
    if local.is_empty()
        || domain.contains('@')
        || !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
    {
        return bad("must look like name@example.com");
    }
    Ok(())
}

/// Checks that no reporting line loops (A manages B manages … A). Managers
/// missing from `people` end a line (they may live in another replica).
///
/// # Errors
/// [`DomainError::ReportingCycle`] naming a person on the loop.
pub fn validate_reporting_lines(people: &[Person]) -> Result<()> {
    let manager: BTreeMap<PersonId, Option<PersonId>> =
        people.iter().map(|p| (p.id, p.manager)).collect();
    let mut clear: BTreeSet<PersonId> = BTreeSet::new();
    for p in people {
        let mut seen = BTreeSet::new();
        let mut cur = Some(p.id);
        while let Some(id) = cur {
            if clear.contains(&id) {
                break;
            }
            if !seen.insert(id) {
                return Err(DomainError::ReportingCycle { person: id });
            }
            cur = manager.get(&id).copied().flatten();
        }
        clear.extend(seen);
    }
    Ok(())
}

/// An org unit: company, division, department or team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OrgUnit {
    /// Id.
    pub id: OrgUnitId,
    /// Name (required).
    pub name: String,
    /// Level.
    pub kind: OrgUnitKind,
    /// The unit above (none only for a company).
    pub parent: Option<OrgUnitId>,
    /// The unit's lead, if any.
    pub lead: Option<PersonId>,
}

/// Checks a set of org units forms a forest of companies: names present, a
/// company has no parent and every other unit has one, parents exist in the
/// set, and each child sits strictly below its parent's level (company →
/// division → department → team; levels may be skipped, e.g. a department
/// directly under the company). A strictly increasing level also rules out
/// cycles.
///
/// # Errors
/// [`DomainError::OrgTree`] naming the unit and the reason.
pub fn validate_org_units(units: &[OrgUnit]) -> Result<()> {
    let by_id: BTreeMap<OrgUnitId, &OrgUnit> = units.iter().map(|u| (u.id, u)).collect();
    if by_id.len() != units.len() {
        let mut seen = BTreeSet::new();
        for u in units {
            if !seen.insert(u.id) {
                return Err(DomainError::OrgTree {
                    unit: u.id,
                    reason: "appears twice".to_owned(),
                });
            }
        }
    }
    for u in units {
        let err = |reason: String| DomainError::OrgTree { unit: u.id, reason };
        if u.name.trim().is_empty() {
            return Err(err("name must not be empty".to_owned()));
        }
        match (u.kind, u.parent) {
            (OrgUnitKind::Company, Some(_)) => {
                return Err(err("a company has no parent unit".to_owned()))
            }
            (OrgUnitKind::Company, None) => {}
            (kind, None) => return Err(err(format!("a {kind} needs a parent unit"))),
            (kind, Some(parent)) => {
                let Some(p) = by_id.get(&parent) else {
                    return Err(err(format!("parent {parent} is not a known unit")));
                };
                if p.kind.rank() >= kind.rank() {
                    return Err(err(format!(
                        "a {kind} cannot sit under a {} ({parent})",
                        p.kind
                    )));
                }
            }
        }
    }
    Ok(())
}

/// The chain of units from `unit` up to its company, starting with `unit`
/// itself. Stops at an unknown parent or (defensively) a repeated unit.
#[must_use]
pub fn unit_ancestry(units: &[OrgUnit], unit: OrgUnitId) -> Vec<OrgUnitId> {
    let parent: BTreeMap<OrgUnitId, Option<OrgUnitId>> =
        units.iter().map(|u| (u.id, u.parent)).collect();
    let mut out = vec![unit];
    let mut cur = parent.get(&unit).copied().flatten();
    while let Some(id) = cur {
        if out.contains(&id) {
            break;
        }
        out.push(id);
        cur = parent.get(&id).copied().flatten();
    }
    out
}

/// A goal-setting period, e.g. "Q3 2026".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Cycle {
    /// Id.
    pub id: CycleId,
    /// Name, e.g. "Q3 2026".
    pub name: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day (inclusive), ≥ `start`.
    pub end: NaiveDate,
    /// State.
    pub state: CycleState,
}

impl Cycle {
    /// A cycle with a new id.
    ///
    /// # Errors
    /// An empty name or `end` before `start`.
    pub fn new(
        name: impl Into<String>,
        start: NaiveDate,
        end: NaiveDate,
        state: CycleState,
    ) -> Result<Self> {
        let cycle = Self {
            id: CycleId::new(),
            name: name.into(),
            start,
            end,
            state,
        };
        cycle.validate()?;
        Ok(cycle)
    }

    /// Checks name and dates.
    ///
    /// # Errors
    /// An empty name or `end` before `start`.
    pub fn validate(&self) -> Result<()> {
        if self.name.trim().is_empty() {
            return Err(DomainError::Empty { field: "name" });
        }
        if self.end < self.start {
            return Err(DomainError::EndBeforeStart {
                field: "end",
                start: self.start,
                end: self.end,
            });
        }
        Ok(())
    }

    /// The calendar quarter `quarter` (1–4) of `year`, named "Q{quarter} {year}",
    /// e.g. `Cycle::quarter(2026, 3, CycleState::Planning)` is "Q3 2026",
    /// 2026-07-01 to 2026-09-30.
    ///
    /// # Errors
    /// A quarter outside 1–4 or a year outside chrono's range.
    pub fn quarter(year: i32, quarter: u32, state: CycleState) -> Result<Self> {
        let (start, end) = quarter_bounds(year, quarter)?;
        Self::new(format!("Q{quarter} {year}"), start, end, state)
    }

    /// Whether `date` falls in the cycle.
    #[must_use]
    pub fn contains(&self, date: NaiveDate) -> bool {
        (self.start..=self.end).contains(&date)
    }
}

/// First and last day of a calendar quarter.
///
/// # Errors
/// A quarter outside 1–4 or a year outside chrono's range.
pub fn quarter_bounds(year: i32, quarter: u32) -> Result<(NaiveDate, NaiveDate)> {
    if !(1..=4).contains(&quarter) {
        return Err(DomainError::invalid(
            "quarter",
            format!("must be 1 to 4, got {quarter}"),
        ));
    }
    let start = NaiveDate::from_ymd_opt(year, (quarter - 1) * 3 + 1, 1)
        .ok_or(DomainError::DateOutOfRange { field: "year" })?;
    let end = start
        .checked_add_months(chrono::Months::new(3))
        .and_then(|d| d.pred_opt())
        .ok_or(DomainError::DateOutOfRange { field: "year" })?;
    Ok((start, end))
}

/// The quarter (1–4) a date falls in.
#[must_use]
pub fn quarter_of(date: NaiveDate) -> u32 {
    (date.month0() / 3) + 1
}
