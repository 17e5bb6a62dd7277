//! The synced entity kinds and access levels.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A kind of synced row. The stable snake_case name is used on the wire and
/// in the server's tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// An org unit (read-only for clients; managed by admins).
    OrgUnit,
    /// A person (read-only for clients; managed by admins).
    Person,
    /// A cycle (written by HR admins).
    Cycle,
    /// A goal, objective or key result (per-field LWW).
    Goal,
    /// An alignment edge child → parent; its id is [`crate::alignment_id`].
    Alignment,
    /// A check-in (append-only; only `deleted` changes).
    CheckIn,
    /// A revision of a goal field (append-only).
    Revision,
    /// A KPI (written by HR admins).
    Kpi,
    /// A KPI data point; its id is [`crate::kpi_point_id`] (value merges by LWW).
    KpiPoint,
    /// A recorded conflict between two writes of one field (server-generated).
    Conflict,
}

impl EntityKind {
    /// Every kind.
    pub const ALL: &'static [Self] = &[
        Self::OrgUnit,
        Self::Person,
        Self::Cycle,
        Self::Goal,
        Self::Alignment,
        Self::CheckIn,
        Self::Revision,
        Self::Kpi,
        Self::KpiPoint,
        Self::Conflict,
    ];

    /// The stable text form.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::OrgUnit => "org_unit",
            Self::Person => "person",
            Self::Cycle => "cycle",
            Self::Goal => "goal",
            Self::Alignment => "alignment",
            Self::CheckIn => "check_in",
            Self::Revision => "revision",
            Self::Kpi => "kpi",
            Self::KpiPoint => "kpi_point",
            Self::Conflict => "conflict",
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown entity kind name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownEntity(pub String);

impl fmt::Display for UnknownEntity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown entity kind `{}`", self.0)
    }
}

impl std::error::Error for UnknownEntity {}

impl FromStr for EntityKind {
    type Err = UnknownEntity;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownEntity(s.chars().take(64).collect()))
    }
}

/// What the caller may do with a pulled row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    /// Visible, not writable (aligned parents, unit goals, the directory).
    Read,
    /// Visible and writable.
    Write,
}

impl Access {
    /// The stable text form.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Write => "write",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_serde_and_from_str() {
        for k in EntityKind::ALL {
            let json = serde_json::to_string(k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.as_str()));
            assert_eq!(k.as_str().parse::<EntityKind>().unwrap(), *k);
        }
        assert!("goals".parse::<EntityKind>().is_err());
    }
}
