//! Browsing the organisation: the cycles for the cycle picker, and people
//! and org units by name for the global search (goals: `search_goals`).

use serde::Serialize;
use sqlx::Row;
use stride_domain::{Cycle, OrgUnitId, PersonId};

use crate::error::Result;
use crate::open::Store;
use crate::read::parse_date;

/// A person found by the global search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PersonHit {
    /// The person.
    pub id: PersonId,
    /// Name.
    pub name: String,
    /// Job title.
    pub title: String,
    /// Their org unit's name, if any.
    pub unit: Option<String>,
}

/// An org unit found by the global search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnitHit {
    /// The unit.
    pub id: OrgUnitId,
    /// Name.
    pub name: String,
    /// `company`, `division`, `department` or `team`.
    pub kind: String,
    /// Its lead's name, if any.
    pub lead: Option<String>,
}

/// Someone or something a new goal can belong to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OwnerChoice {
    /// `person` or `unit`.
    pub kind: String,
    /// The person's or unit's id.
    pub id: String,
    /// Name.
    pub name: String,
    /// "You", a job title, or the unit's kind.
    pub detail: String,
}

/// `text` trimmed, with `LIKE`'s wildcards escaped (for `ESCAPE '\'`).
fn like_escaped(text: &str) -> String {
    text.trim()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// `%text%`: contains `text`.
pub(crate) fn like_pattern(text: &str) -> String {
    format!("%{}%", like_escaped(text))
}

/// `text%`: starts with `text`.
fn prefix_pattern(text: &str) -> String {
    format!("{}%", like_escaped(text))
}

impl Store {
    /// Whom `person` can give a goal to: themself, their active direct
    /// reports (by name), then the org units they lead (by name).
    pub async fn owner_choices(&self, person: PersonId) -> Result<Vec<OwnerChoice>> {
        let rows = sqlx::query(
            "SELECT 0 AS k, 'person' AS kind, id, name, 'You' AS detail FROM people WHERE id = ?1 \
             UNION ALL \
             SELECT 1, 'person', id, name, title FROM people WHERE manager_id = ?1 AND active = 1 \
             UNION ALL \
             SELECT 2, 'unit', id, name, kind FROM org_units WHERE lead_id = ?1 \
             ORDER BY 1, 4, 3",
        )
        .bind(person)
        .fetch_all(self.reader())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(OwnerChoice {
                    kind: r.try_get("kind")?,
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    detail: r.try_get("detail")?,
                })
            })
            .collect()
    }

    /// Every cycle, oldest first.
    pub async fn cycles(&self) -> Result<Vec<Cycle>> {
        let rows = sqlx::query(
            "SELECT id, name, start_date, end_date, state FROM cycles ORDER BY start_date, name, id",
        )
        .fetch_all(self.reader())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Cycle {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    start: parse_date(r.try_get("start_date")?)?,
                    end: parse_date(r.try_get("end_date")?)?,
                    state: r.try_get("state")?,
                })
            })
            .collect()
    }

    /// Active people whose name, email or title contains `text` (without
    /// case): names that start with it first, then by name.
    pub async fn search_people(&self, text: &str, limit: u32) -> Result<Vec<PersonHit>> {
        let rows = sqlx::query(
            "SELECT p.id, p.name, p.title, u.name AS unit FROM people p \
             LEFT JOIN org_units u ON u.id = p.org_unit_id \
             WHERE p.active = 1 AND (p.name LIKE ?1 ESCAPE '\\' OR p.email LIKE ?1 ESCAPE '\\' \
                                     OR p.title LIKE ?1 ESCAPE '\\') \
             ORDER BY p.name NOT LIKE ?2 ESCAPE '\\', p.name, p.id LIMIT ?3",
        )
        .bind(like_pattern(text))
        .bind(prefix_pattern(text))
        .bind(i64::from(limit))
        .fetch_all(self.reader())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(PersonHit {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    title: r.try_get("title")?,
                    unit: r.try_get("unit")?,
                })
            })
            .collect()
    }

    /// Org units whose name contains `text` (without case): names that
    /// start with it first, then by name.
    pub async fn search_units(&self, text: &str, limit: u32) -> Result<Vec<UnitHit>> {
        let rows = sqlx::query(
            "SELECT u.id, u.name, u.kind, p.name AS lead FROM org_units u \
             LEFT JOIN people p ON p.id = u.lead_id \
             WHERE u.name LIKE ?1 ESCAPE '\\' \
             ORDER BY u.name NOT LIKE ?2 ESCAPE '\\', u.name, u.id LIMIT ?3",
        )
        .bind(like_pattern(text))
        .bind(prefix_pattern(text))
        .bind(i64::from(limit))
        .fetch_all(self.reader())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(UnitHit {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    kind: r.try_get("kind")?,
                    lead: r.try_get("lead")?,
                })
            })
            .collect()
    }
}
