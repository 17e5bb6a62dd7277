//! What each synced entity looks like on the server: its table, its fields
//! (with type, whether sync may change them, whether a create needs them) and
//! who may write it. Push validation, merge and pull all read these tables,
//! so adding a field is one line here plus an additive migration.

use chrono::{DateTime, NaiveDate};
use serde_json::Value;
use stride_domain::{Category, Direction, GoalKind, GoalState, OrgUnitKind, PeriodKind, UnitKind};
use stride_protocol::EntityKind;

/// A column's type and its validation.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Ty {
    /// Any string.
    Text,
    /// A string with non-whitespace content.
    NonEmpty,
    /// A string, or null.
    OptText,
    /// A finite number.
    Real,
    /// A finite number greater than zero.
    Positive,
    /// A finite number, or null.
    OptReal,
    /// `YYYY-MM-DD`.
    Date,
    /// RFC 3339 timestamp.
    Timestamp,
    /// A UUID.
    Id,
    /// A UUID, or null.
    OptId,
    /// `true`/`false` (stored 0/1).
    Bool,
    /// An integer 0..=10, or null.
    OptConfidence,
    /// Any JSON (stored as text).
    Json,
    /// A packed HLC or other integer.
    Int,
    /// One of a closed vocabulary.
    Enum(fn(&str) -> bool),
}

/// How a value is stored.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum SqlVal {
    Text(Option<String>),
    Real(Option<f64>),
    Int(Option<i64>),
}

impl Ty {
    /// The storage class (decides how nulls are bound and columns decoded).
    pub(crate) const fn class(self) -> Class {
        match self {
            Self::Real | Self::Positive | Self::OptReal => Class::Real,
            Self::Bool | Self::OptConfidence | Self::Int => Class::Int,
            _ => Class::Text,
        }
    }

    /// Validates a JSON value and converts it to its stored form.
    pub(crate) fn to_sql(self, v: &Value) -> Result<SqlVal, String> {
        let text = |v: &Value| v.as_str().map(str::to_owned).ok_or("expected a string");
        match self {
            Self::Text => Ok(SqlVal::Text(Some(text(v)?))),
            Self::NonEmpty => {
                let s = text(v)?;
                if s.trim().is_empty() {
                    Err("must not be empty".into())
                } else {
                    Ok(SqlVal::Text(Some(s)))
                }
            }
            Self::OptText => match v {
                Value::Null => Ok(SqlVal::Text(None)),
                _ => Ok(SqlVal::Text(Some(text(v)?))),
            },
            Self::Real | Self::Positive | Self::OptReal => {
                if v.is_null() && matches!(self, Self::OptReal) {
                    return Ok(SqlVal::Real(None));
                }
                let f = v
                    .as_f64()
                    .filter(|f| f.is_finite())
                    .ok_or("expected a finite number")?;
                if matches!(self, Self::Positive) && f <= 0.0 {
                    return Err("must be greater than 0".into());
                }
                Ok(SqlVal::Real(Some(f)))
            }
            Self::Date => {
                let s = text(v)?;
                NaiveDate::parse_from_str(&s, "%Y-%m-%d")
                    .map_err(|_| "expected a date YYYY-MM-DD")?;
                Ok(SqlVal::Text(Some(s)))
            }
            Self::Timestamp => {
                let s = text(v)?;
                DateTime::parse_from_rfc3339(&s).map_err(|_| "expected an RFC 3339 timestamp")?;
                Ok(SqlVal::Text(Some(s)))
            }
            Self::Id | Self::OptId => {
                if v.is_null() && matches!(self, Self::OptId) {
                    return Ok(SqlVal::Text(None));
                }
                let s = text(v)?;
                let id = uuid::Uuid::parse_str(&s).map_err(|_| "expected a UUID")?;
                Ok(SqlVal::Text(Some(id.hyphenated().to_string())))
            }
            Self::Bool => v
                .as_bool()
                .map(|b| SqlVal::Int(Some(i64::from(b))))
                .ok_or_else(|| "expected true or false".into()),
            Self::OptConfidence => match v {
                Value::Null => Ok(SqlVal::Int(None)),
                _ => v
                    .as_i64()
                    .filter(|c| (0..=10).contains(c))
                    .map(|c| SqlVal::Int(Some(c)))
                    .ok_or_else(|| "expected an integer 0 to 10".into()),
            },
            Self::Int => v
                .as_i64()
                .map(|c| SqlVal::Int(Some(c)))
                .ok_or_else(|| "expected an integer".into()),
            Self::Json => serde_json::to_string(v)
                .map(|s| SqlVal::Text(Some(s)))
                .map_err(|e| e.to_string()),
            Self::Enum(ok) => {
                let s = text(v)?;
                if ok(&s) {
                    Ok(SqlVal::Text(Some(s)))
                } else {
                    Err(format!(
                        "`{}` is not an accepted value",
                        s.chars().take(40).collect::<String>()
                    ))
                }
            }
        }
    }

    /// The wire form of a stored value.
    pub(crate) fn to_json(self, v: &SqlVal) -> Value {
        match (self, v) {
            (Self::Bool, SqlVal::Int(Some(i))) => Value::Bool(*i != 0),
            (Self::Json, SqlVal::Text(Some(s))) => serde_json::from_str(s).unwrap_or(Value::Null),
            (_, SqlVal::Text(Some(s))) => Value::String(s.clone()),
            (_, SqlVal::Real(Some(f))) => {
                serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number)
            }
            (_, SqlVal::Int(Some(i))) => Value::from(*i),
            _ => Value::Null,
        }
    }
}

/// Storage class of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    Text,
    Real,
    Int,
}

impl Class {
    pub(crate) const fn null(self) -> SqlVal {
        match self {
            Self::Text => SqlVal::Text(None),
            Self::Real => SqlVal::Real(None),
            Self::Int => SqlVal::Int(None),
        }
    }
}

/// One column of a synced table.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field {
    pub name: &'static str,
    pub ty: Ty,
    /// Sync may change it after creation (merged by LWW).
    pub mutable: bool,
    /// A create must give it (unless the server sets it).
    pub required: bool,
    /// The server sets it from the signed-in user; the payload's value is ignored.
    pub server_set: bool,
}

const fn f(name: &'static str, ty: Ty, mutable: bool, required: bool) -> Field {
    Field {
        name,
        ty,
        mutable,
        required,
        server_set: false,
    }
}

const fn by_server(name: &'static str) -> Field {
    Field {
        name,
        ty: Ty::OptId,
        mutable: false,
        required: false,
        server_set: true,
    }
}

/// Who may write an entity through push.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Writers {
    /// Nobody (admin commands and the server only).
    Server,
    /// HR admins and admins.
    Admins,
    /// Whoever may write the goal that scopes the row.
    GoalScoped,
}

/// Which goal scopes a row's visibility.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScopedBy {
    /// Visible to every signed-in user.
    Everyone,
    /// The row's own id (goals).
    OwnId,
    /// A column holding the goal id.
    Column(&'static str),
}

/// One synced entity.
#[derive(Debug)]
pub(crate) struct Spec {
    pub kind: EntityKind,
    pub table: &'static str,
    pub fields: &'static [Field],
    pub writers: Writers,
    pub scoped_by: ScopedBy,
}

impl Spec {
    pub(crate) fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// `col1, col2, …` of every field.
    pub(crate) fn column_list(&self) -> String {
        self.fields
            .iter()
            .map(|f| f.name)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Whether the row has a `deleted` tombstone field.
    pub(crate) fn has_deleted(&self) -> bool {
        self.field("deleted").is_some()
    }
}

fn is<T: std::str::FromStr>(s: &str) -> bool {
    s.parse::<T>().is_ok()
}

static ORG_UNIT: Spec = Spec {
    kind: EntityKind::OrgUnit,
    table: "org_units",
    fields: &[
        f("name", Ty::NonEmpty, true, true),
        f("kind", Ty::Enum(is::<OrgUnitKind>), true, true),
        f("parent_id", Ty::OptId, true, false),
        f("lead_id", Ty::OptId, true, false),
    ],
    writers: Writers::Server,
    scoped_by: ScopedBy::Everyone,
};

fn is_role(s: &str) -> bool {
    is::<stride_protocol::Role>(s)
}

static PERSON: Spec = Spec {
    kind: EntityKind::Person,
    table: "people",
    fields: &[
        f("name", Ty::NonEmpty, true, true),
        f("email", Ty::NonEmpty, true, true),
        f("title", Ty::Text, true, false),
        f("org_unit_id", Ty::OptId, true, false),
        f("manager_id", Ty::OptId, true, false),
        f("hire_date", Ty::OptText, true, false),
        f("active", Ty::Bool, true, false),
        f("role", Ty::Enum(is_role), true, true),
    ],
    writers: Writers::Server,
    scoped_by: ScopedBy::Everyone,
};

static CYCLE: Spec = Spec {
    kind: EntityKind::Cycle,
    table: "cycles",
    fields: &[
        f("name", Ty::NonEmpty, true, true),
        f("start_date", Ty::Date, true, true),
        f("end_date", Ty::Date, true, true),
        f(
            "state",
            Ty::Enum(is::<stride_domain::CycleState>),
            true,
            true,
        ),
    ],
    writers: Writers::Admins,
    scoped_by: ScopedBy::Everyone,
};

static KPI: Spec = Spec {
    kind: EntityKind::Kpi,
    table: "kpis",
    fields: &[
        f("key", Ty::NonEmpty, false, true),
        f("name", Ty::NonEmpty, true, true),
        f("unit_kind", Ty::Enum(is::<UnitKind>), true, true),
        f("unit_label", Ty::Text, true, false),
        f("direction", Ty::Enum(is::<Direction>), true, true),
        f("period_kind", Ty::Enum(is::<PeriodKind>), false, true),
        f("org_unit_id", Ty::OptId, true, false),
    ],
    writers: Writers::Admins,
    scoped_by: ScopedBy::Everyone,
};

static KPI_POINT: Spec = Spec {
    kind: EntityKind::KpiPoint,
    table: "kpi_points",
    fields: &[
        f("kpi_id", Ty::Id, false, true),
        f("period_start", Ty::Date, false, true),
        f("value", Ty::Real, true, true),
        f("recorded_at", Ty::Timestamp, true, true),
    ],
    writers: Writers::Admins,
    scoped_by: ScopedBy::Everyone,
};

static GOAL: Spec = Spec {
    kind: EntityKind::Goal,
    table: "goals",
    fields: &[
        f("kind", Ty::Enum(is::<GoalKind>), false, true),
        f("owner_person_id", Ty::OptId, false, false),
        f("owner_unit_id", Ty::OptId, false, false),
        f("statement", Ty::Text, true, false),
        f("title", Ty::NonEmpty, true, true),
        f("method", Ty::Text, true, false),
        f("category", Ty::Enum(is::<Category>), true, true),
        f("metric_name", Ty::Text, true, false),
        f("unit_kind", Ty::Enum(is::<UnitKind>), true, true),
        f("unit_label", Ty::Text, true, false),
        f("direction", Ty::Enum(is::<Direction>), true, true),
        f("baseline", Ty::OptReal, true, false),
        f("target", Ty::OptReal, true, false),
        f("band_low", Ty::OptReal, true, false),
        f("band_high", Ty::OptReal, true, false),
        f("start_date", Ty::Date, true, true),
        f("due_date", Ty::Date, true, true),
        f("cycle_id", Ty::OptId, true, false),
        f("weight", Ty::Positive, true, false),
        f("cadence", Ty::NonEmpty, true, true),
        f("state", Ty::Enum(is::<GoalState>), true, true),
        f("kpi_id", Ty::OptId, true, false),
        f("checkpoints", Ty::Json, true, false),
        by_server("created_by"),
        f("created_at", Ty::Timestamp, false, true),
        f("updated_at", Ty::Timestamp, true, true),
        f("deleted", Ty::Bool, true, false),
    ],
    writers: Writers::GoalScoped,
    scoped_by: ScopedBy::OwnId,
};

static ALIGNMENT: Spec = Spec {
    kind: EntityKind::Alignment,
    table: "alignments",
    fields: &[
        f("child_id", Ty::Id, false, true),
        f("parent_id", Ty::Id, false, true),
        f("weight", Ty::Positive, true, false),
        f("deleted", Ty::Bool, true, false),
    ],
    writers: Writers::GoalScoped,
    scoped_by: ScopedBy::Column("child_id"),
};

static CHECK_IN: Spec = Spec {
    kind: EntityKind::CheckIn,
    table: "checkins",
    fields: &[
        f("goal_id", Ty::Id, false, true),
        f("value", Ty::OptReal, false, false),
        f("done", Ty::Bool, false, false),
        f("confidence", Ty::OptConfidence, false, false),
        f("note", Ty::Text, false, false),
        f("blockers", Ty::Text, false, false),
        f("effective_date", Ty::Date, false, true),
        by_server("author_id"),
        f("created_at", Ty::Timestamp, false, true),
        f("deleted", Ty::Bool, true, false),
    ],
    writers: Writers::GoalScoped,
    scoped_by: ScopedBy::Column("goal_id"),
};

static REVISION: Spec = Spec {
    kind: EntityKind::Revision,
    table: "revisions",
    fields: &[
        f("goal_id", Ty::Id, false, true),
        f("field", Ty::NonEmpty, false, true),
        f("old_value", Ty::OptText, false, false),
        f("new_value", Ty::OptText, false, false),
        by_server("author_id"),
        f("at", Ty::Timestamp, false, true),
        f("reason", Ty::Text, false, false),
    ],
    writers: Writers::GoalScoped,
    scoped_by: ScopedBy::Column("goal_id"),
};

static CONFLICT: Spec = Spec {
    kind: EntityKind::Conflict,
    table: "conflicts",
    fields: &[
        f("entity", Ty::Text, false, true),
        f("entity_id", Ty::Id, false, true),
        f("field", Ty::Text, false, true),
        f("goal_id", Ty::OptId, false, false),
        f("winner_value", Ty::Json, false, false),
        f("winner_hlc", Ty::Int, false, true),
        f("winner_op", Ty::Text, false, true),
        f("winner_person", Ty::OptId, false, false),
        f("loser_value", Ty::Json, false, false),
        f("loser_hlc", Ty::Int, false, true),
        f("loser_op", Ty::Text, false, true),
        f("loser_person", Ty::OptId, false, false),
        f("created_at", Ty::Timestamp, false, true),
    ],
    writers: Writers::Server,
    scoped_by: ScopedBy::Column("goal_id"),
};

/// The spec of an entity kind.
pub(crate) fn spec(kind: EntityKind) -> &'static Spec {
    match kind {
        EntityKind::OrgUnit => &ORG_UNIT,
        EntityKind::Person => &PERSON,
        EntityKind::Cycle => &CYCLE,
        EntityKind::Goal => &GOAL,
        EntityKind::Alignment => &ALIGNMENT,
        EntityKind::CheckIn => &CHECK_IN,
        EntityKind::Revision => &REVISION,
        EntityKind::Kpi => &KPI,
        EntityKind::KpiPoint => &KPI_POINT,
        EntityKind::Conflict => &CONFLICT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_entity_has_a_spec_with_unique_fields() {
        for kind in EntityKind::ALL {
            let s = spec(*kind);
            assert_eq!(s.kind, *kind);
            let mut names: Vec<_> = s.fields.iter().map(|f| f.name).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), s.fields.len(), "{kind}");
            assert!(!names.contains(&"id"), "id is the row key, not a field");
        }
    }

    #[test]
    fn validation_accepts_good_values_and_names_the_problem() {
        assert_eq!(Ty::Real.to_sql(&json!(3)), Ok(SqlVal::Real(Some(3.0))));
        assert!(Ty::Real.to_sql(&json!("3")).is_err());
        assert!(Ty::Positive.to_sql(&json!(0)).is_err());
        assert_eq!(Ty::OptReal.to_sql(&json!(null)), Ok(SqlVal::Real(None)));
        assert!(Ty::Date.to_sql(&json!("2026-02-30")).is_err());
        assert!(Ty::NonEmpty.to_sql(&json!("  ")).is_err());
        assert!(Ty::Enum(is::<Direction>).to_sql(&json!("increase")).is_ok());
        assert!(Ty::Enum(is::<Direction>)
            .to_sql(&json!("sideways"))
            .is_err());
        assert!(Ty::OptConfidence.to_sql(&json!(11)).is_err());
        assert_eq!(Ty::Bool.to_sql(&json!(true)), Ok(SqlVal::Int(Some(1))));
        let id = uuid::Uuid::now_v7();
        assert_eq!(
            Ty::Id.to_sql(&json!(id.simple().to_string())),
            Ok(SqlVal::Text(Some(id.hyphenated().to_string())))
        );
    }

    #[test]
    fn json_round_trip_of_stored_values() {
        for (ty, v) in [
            (Ty::Bool, json!(false)),
            (Ty::Real, json!(2.5)),
            (
                Ty::Json,
                json!([{"date": "2026-01-01", "expected_value": 3.0}]),
            ),
            (Ty::OptText, json!(null)),
            (Ty::Text, json!("x")),
        ] {
            let stored = ty.to_sql(&v).unwrap();
            assert_eq!(ty.to_json(&stored), v);
        }
    }
}
