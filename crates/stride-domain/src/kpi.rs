//! KPIs (organisational metrics) and their data points, one per (KPI, period).

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc, Weekday};
use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Result};
use crate::goal::{Direction, UnitKind};
use crate::ids::{DataPointId, KpiId};
use crate::text_enum::text_enum;

text_enum!(
    /// The length of a KPI's reporting period.
    PeriodKind, "period kind" {
        /// A calendar day.
        Day => "day",
        /// An ISO week, Monday to Sunday.
        Week => "week",
        /// A calendar month.
        Month => "month",
        /// A calendar quarter.
        Quarter => "quarter",
    }
);

/// A reporting period: its kind and first day. Construct with
/// [`Period::new`] (checks the start is on the kind's boundary) or
/// [`Period::containing`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "PeriodParts")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Period {
    kind: PeriodKind,
    start: NaiveDate,
}

#[derive(Deserialize)]
struct PeriodParts {
    kind: PeriodKind,
    start: NaiveDate,
}

impl TryFrom<PeriodParts> for Period {
    type Error = DomainError;

    fn try_from(p: PeriodParts) -> Result<Self> {
        Self::new(p.kind, p.start)
    }
}

impl Period {
    /// A period starting on `start`, which must be a boundary: any day, a
    /// Monday, the 1st of a month, or the 1st of January/April/July/October.
    ///
    /// # Errors
    /// [`DomainError::InvalidPeriodStart`].
    pub fn new(kind: PeriodKind, start: NaiveDate) -> Result<Self> {
        let reason = match kind {
            PeriodKind::Day => None,
            PeriodKind::Week => {
                (start.weekday() != Weekday::Mon).then_some("weeks start on a Monday")
            }
            PeriodKind::Month => (start.day() != 1).then_some("months start on the 1st"),
            PeriodKind::Quarter => (start.day() != 1 || start.month0() % 3 != 0)
                .then_some("quarters start on 1 January, April, July or October"),
        };
        match reason {
            Some(reason) => Err(DomainError::InvalidPeriodStart {
                kind,
                start,
                reason,
            }),
            None => Ok(Self { kind, start }),
        }
    }

    /// The period of kind `kind` that contains `date`.
    #[must_use]
    pub fn containing(kind: PeriodKind, date: NaiveDate) -> Self {
        let start = match kind {
            PeriodKind::Day => date,
            PeriodKind::Week => date
                .checked_sub_days(Days::new(u64::from(date.weekday().num_days_from_monday())))
                .unwrap_or(date),
            PeriodKind::Month => date.with_day(1).unwrap_or(date),
            PeriodKind::Quarter => {
                NaiveDate::from_ymd_opt(date.year(), date.month0() / 3 * 3 + 1, 1).unwrap_or(date)
            }
        };
        Self { kind, start }
    }

    /// The kind.
    #[must_use]
    pub const fn kind(&self) -> PeriodKind {
        self.kind
    }

    /// The first day.
    #[must_use]
    pub const fn start(&self) -> NaiveDate {
        self.start
    }

    /// The last day (inclusive); `start` if it would leave chrono's range.
    #[must_use]
    pub fn end(&self) -> NaiveDate {
        self.next_start()
            .and_then(|d| d.pred_opt())
            .unwrap_or(self.start)
    }

    /// The following period, if representable.
    #[must_use]
    pub fn next(&self) -> Option<Self> {
        self.next_start().map(|start| Self {
            kind: self.kind,
            start,
        })
    }

    /// Whether `date` falls in the period.
    #[must_use]
    pub fn contains(&self, date: NaiveDate) -> bool {
        date >= self.start && date <= self.end()
    }

    fn next_start(&self) -> Option<NaiveDate> {
        match self.kind {
            PeriodKind::Day => self.start.succ_opt(),
            PeriodKind::Week => self.start.checked_add_days(Days::new(7)),
            PeriodKind::Month => self.start.checked_add_months(Months::new(1)),
            PeriodKind::Quarter => self.start.checked_add_months(Months::new(3)),
        }
    }
}

/// An organisational metric (revenue, engagement %, order processing hours).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Kpi {
    /// Id.
    pub id: KpiId,
    /// Stable key for integrations, e.g. `sales.qualified_pipeline`
    /// (lowercase letters, digits, `.`, `_`, `-`; 1–64 characters).
    pub key: String,
    /// Display name.
    pub name: String,
    /// Unit kind.
    pub unit: UnitKind,
    /// Unit label, e.g. "USD".
    pub unit_label: String,
    /// Which way is better.
    pub direction: Direction,
    /// Reporting period length; one data point per period.
    pub period: PeriodKind,
}

impl Kpi {
    /// A KPI with a new id.
    ///
    /// # Errors
    /// As [`Self::validate`].
    pub fn new(
        key: impl Into<String>,
        name: impl Into<String>,
        unit: UnitKind,
        unit_label: impl Into<String>,
        direction: Direction,
        period: PeriodKind,
    ) -> Result<Self> {
        let kpi = Self {
            id: KpiId::new(),
            key: key.into(),
            name: name.into(),
            unit,
            unit_label: unit_label.into(),
            direction,
            period,
        };
        kpi.validate()?;
        Ok(kpi)
    }

    /// Checks the key's syntax and that the name is present.
    ///
    /// # Errors
    /// [`DomainError::Empty`] or [`DomainError::Invalid`] on `key`/`name`.
    pub fn validate(&self) -> Result<()> {
        validate_kpi_key(&self.key)?;
        if self.name.trim().is_empty() {
            return Err(DomainError::Empty { field: "name" });
        }
        Ok(())
    }
}

/// Checks a KPI key: 1–64 characters from `a-z 0-9 . _ -`, starting with a
/// letter.
///
/// # Errors
/// [`DomainError::Empty`] or [`DomainError::Invalid`] on `key`.
pub fn validate_kpi_key(key: &str) -> Result<()> {
    if key.is_empty() {
        return Err(DomainError::Empty { field: "key" });
    }
    if key.len() > 64 {
        return Err(DomainError::invalid("key", "at most 64 characters"));
    }
    let ok_char =
        |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-');
    if !key.starts_with(|c: char| c.is_ascii_lowercase()) || !key.chars().all(ok_char) {
        return Err(DomainError::invalid(
            "key",
            "use lowercase letters, digits, '.', '_' and '-', starting with a letter",
        ));
    }
    Ok(())
}

/// One value of a KPI for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DataPoint {
    /// Id.
    pub id: DataPointId,
    /// The KPI.
    pub kpi: KpiId,
    /// The period the value is for.
    pub period: Period,
    /// The value (finite).
    pub value: f64,
    /// When it was recorded (a later import of the same period replaces it in the store).
    pub recorded_at: DateTime<Utc>,
}

impl DataPoint {
    /// A data point for `kpi` in the period starting `period_start`.
    ///
    /// # Errors
    /// A start off the KPI's period boundary or a non-finite value.
    pub fn new(
        kpi: &Kpi,
        period_start: NaiveDate,
        value: f64,
        recorded_at: DateTime<Utc>,
    ) -> Result<Self> {
        if !value.is_finite() {
            return Err(DomainError::NotFinite {
                field: "value".to_owned(),
                value,
            });
        }
        Ok(Self {
            id: DataPointId::new(),
            kpi: kpi.id,
            period: Period::new(kpi.period, period_start)?,
            value,
            recorded_at,
        })
    }
}

/// Checks a KPI's series: every point belongs to `kpi`, has its period kind,
/// a finite value, and no two share a period.
///
/// # Errors
/// [`DomainError::PeriodKindMismatch`], [`DomainError::DuplicateDataPoint`],
/// [`DomainError::NotFinite`] or [`DomainError::Invalid`] (wrong KPI).
pub fn validate_series(kpi: &Kpi, points: &[DataPoint]) -> Result<()> {
    let mut seen = BTreeSet::new();
    for p in points {
        if p.kpi != kpi.id {
            return Err(DomainError::invalid(
                "kpi",
                format!(
                    "data point {} belongs to KPI {}, not {}",
                    p.id, p.kpi, kpi.id
                ),
            ));
        }
        if p.period.kind() != kpi.period {
            return Err(DomainError::PeriodKindMismatch {
                kpi: kpi.id,
                expected: kpi.period,
                found: p.period.kind(),
            });
        }
        if !p.value.is_finite() {
            return Err(DomainError::NotFinite {
                field: "value".to_owned(),
                value: p.value,
            });
        }
        if !seen.insert(p.period.start()) {
            return Err(DomainError::DuplicateDataPoint {
                kpi: kpi.id,
                start: p.period.start(),
            });
        }
    }
    Ok(())
}
