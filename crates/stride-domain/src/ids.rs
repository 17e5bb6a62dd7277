//! UUIDv7 newtype ids. One macro gives every id the same serde form (a
//! transparent string), `Display`/`FromStr`, and — behind the `sqlx` feature —
//! one SQLite representation (the hyphenated text form).

use std::fmt;
use std::str::FromStr;

use uuid::Uuid;

/// An id string that is not a UUID.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a valid {kind} id (expected a UUID such as 0190f5e2-7c1a-7b3e-9c2d-1a2b3c4d5e6f)")]
pub struct IdParseError {
    /// Which id type was being parsed.
    pub kind: &'static str,
    /// The rejected input, truncated to 64 characters.
    pub input: String,
}

macro_rules! define_id {
    ($(#[$meta:meta])* $name:ident, $kind:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        pub struct $name(Uuid);

        impl $name {
            /// A new time-ordered (UUIDv7) id.
            #[must_use]
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }

            /// Wraps an existing UUID (for ids read from storage or the wire).
            #[must_use]
            pub const fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            /// The UUID inside.
            #[must_use]
            pub const fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0.hyphenated(), f)
            }
        }

        impl FromStr for $name {
            type Err = IdParseError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s.trim()).map(Self).map_err(|_| IdParseError {
                    kind: $kind,
                    input: s.chars().take(64).collect(),
                })
            }
        }

        #[cfg(feature = "sqlx")]
        impl sqlx::Type<sqlx::Sqlite> for $name {
            fn type_info() -> sqlx::sqlite::SqliteTypeInfo {
                <String as sqlx::Type<sqlx::Sqlite>>::type_info()
            }

            fn compatible(ty: &sqlx::sqlite::SqliteTypeInfo) -> bool {
                <String as sqlx::Type<sqlx::Sqlite>>::compatible(ty)
            }
        }

        #[cfg(feature = "sqlx")]
        impl<'q> sqlx::Encode<'q, sqlx::Sqlite> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut <sqlx::Sqlite as sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <String as sqlx::Encode<'q, sqlx::Sqlite>>::encode(self.to_string(), buf)
            }
        }

        #[cfg(feature = "sqlx")]
        impl<'r> sqlx::Decode<'r, sqlx::Sqlite> for $name {
            fn decode(
                value: <sqlx::Sqlite as sqlx::Database>::ValueRef<'r>,
            ) -> Result<Self, sqlx::error::BoxDynError> {
                let text = <&str as sqlx::Decode<'r, sqlx::Sqlite>>::decode(value)?;
                Ok(text.parse::<Self>()?)
            }
        }
    };
}

define_id!(
    /// A person in the organisation.
    PersonId, "person"
);
define_id!(
    /// An org unit: company, division, department or team.
    OrgUnitId, "org unit"
);
define_id!(
    /// A cycle (e.g. Q3 2026).
    CycleId, "cycle"
);
define_id!(
    /// A SMART goal, objective or key result.
    GoalId, "goal"
);
define_id!(
    /// A check-in on a goal.
    CheckInId, "check-in"
);
define_id!(
    /// One entry of a goal's revision history.
    RevisionId, "revision"
);
define_id!(
    /// A KPI (an organisational metric).
    KpiId, "KPI"
);
define_id!(
    /// One data point of a KPI (one per KPI and period).
    DataPointId, "data point"
);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn new_ids_are_time_ordered_v7() {
        let a = GoalId::new();
        let b = GoalId::new();
        assert_eq!(a.as_uuid().get_version_num(), 7);
        assert!(a <= b, "UUIDv7 ids sort by creation time");
    }

    #[test]
    fn rejects_garbage_with_the_kind_named() {
        let err = "not-an-id".parse::<GoalId>().unwrap_err();
        assert_eq!(err.kind, "goal");
        assert!(err.to_string().contains("not a valid goal id"));
    }

    proptest! {
        #[test]
        fn display_parse_round_trip(bytes in any::<[u8; 16]>()) {
            let id = PersonId::from_uuid(Uuid::from_bytes(bytes));
            prop_assert_eq!(id.to_string().parse::<PersonId>().unwrap(), id);
            let json = serde_json::to_string(&id).unwrap();
            prop_assert_eq!(json, format!("\"{id}\""));
        }
    }
}
