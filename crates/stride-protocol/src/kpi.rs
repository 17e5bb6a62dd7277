//! KPI ingest: `POST /api/v1/kpis/{key}/points` with an integration API key.
//! Idempotent per (KPI, period): the point's id is [`crate::kpi_point_id`], a
//! repeat with the same value is `unchanged`, a new value replaces the old one.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use stride_domain::{DataPointId, KpiId};

/// The request body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KpiPointsRequest {
    /// One value per period.
    pub points: Vec<KpiPointIn>,
}

/// One value for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KpiPointIn {
    /// The first day of the period (on the KPI's period boundary).
    pub period_start: NaiveDate,
    /// The value (finite).
    pub value: f64,
}

/// What happened to one point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IngestOutcome {
    /// A new period.
    Created,
    /// The period had another value.
    Updated,
    /// The period already had this value.
    Unchanged,
}

/// The result for one point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KpiPointResult {
    /// The point's deterministic id.
    pub id: DataPointId,
    /// Its period.
    pub period_start: NaiveDate,
    /// What happened.
    pub outcome: IngestOutcome,
}

/// The response body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KpiPointsResponse {
    /// The KPI.
    pub kpi_id: KpiId,
    /// One result per point, in request order.
    pub results: Vec<KpiPointResult>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ingest_round_trips() {
        let req: KpiPointsRequest =
            serde_json::from_str(r#"{"points":[{"period_start":"2026-04-01","value":12.5}]}"#)
                .unwrap();
        assert_eq!(req.points[0].value, 12.5);
        assert!(serde_json::from_str::<KpiPointsRequest>(
            r#"{"points":[{"period_start":"April","value":1}]}"#
        )
        .is_err());
        let resp = KpiPointsResponse {
            kpi_id: KpiId::new(),
            results: vec![KpiPointResult {
                id: crate::kpi_point_id(KpiId::new(), req.points[0].period_start),
                period_start: req.points[0].period_start,
                outcome: IngestOutcome::Unchanged,
            }],
        };
        let v = serde_json::to_value(&resp).unwrap();
        assert_eq!(v["results"][0]["outcome"], "unchanged");
        assert_eq!(
            serde_json::from_value::<KpiPointsResponse>(v).unwrap(),
            resp
        );
    }
}
