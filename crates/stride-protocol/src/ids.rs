//! Device and op ids (UUIDv7), and the deterministic ids of natural keys
//! (UUIDv5), so two devices recording the same thing cannot duplicate it.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use stride_domain::{DataPointId, GoalId, KpiId};
use uuid::Uuid;

macro_rules! wire_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new time-ordered (UUIDv7) id.
            #[must_use]
            pub fn new() -> Self {
                Self(Uuid::now_v7())
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
            type Err = uuid::Error;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s.trim()).map(Self)
            }
        }
    };
}

wire_id!(
    /// One installation of the app (a local database). Bound to its user on
    /// first sight; a new local database means a new device id.
    DeviceId
);
wire_id!(
    /// One operation in a device's outbox; the idempotency key of a push.
    OpId
);

/// Namespace of Stride's deterministic ids (a fixed random UUID; never change it).
pub const STRIDE_NAMESPACE: Uuid = Uuid::from_u128(0x5d1c_0b3e_8f4a_4c6e_9a1b_7e2f_3c4d_5e6f);

/// The id of the data point of `kpi` for the period starting `period_start`:
/// UUIDv5 of `"kpi_point:{kpi}:{YYYY-MM-DD}"`.
#[must_use]
pub fn kpi_point_id(kpi: KpiId, period_start: NaiveDate) -> DataPointId {
    let name = format!("kpi_point:{kpi}:{}", period_start.format("%Y-%m-%d"));
    DataPointId::from_uuid(Uuid::new_v5(&STRIDE_NAMESPACE, name.as_bytes()))
}

/// The id of the alignment edge `child → parent`: UUIDv5 of `"alignment:{child}:{parent}"`.
#[must_use]
pub fn alignment_id(child: GoalId, parent: GoalId) -> Uuid {
    let name = format!("alignment:{child}:{parent}");
    Uuid::new_v5(&STRIDE_NAMESPACE, name.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kpi_point_ids_are_deterministic_per_kpi_and_period() {
        let kpi = KpiId::new();
        let d = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
        assert_eq!(kpi_point_id(kpi, d), kpi_point_id(kpi, d));
        assert_ne!(
            kpi_point_id(kpi, d),
            kpi_point_id(kpi, d.succ_opt().unwrap())
        );
        assert_ne!(kpi_point_id(kpi, d), kpi_point_id(KpiId::new(), d));
        assert_eq!(kpi_point_id(kpi, d).as_uuid().get_version_num(), 5);
    }

    #[test]
    fn alignment_ids_depend_on_direction() {
        let (a, b) = (GoalId::new(), GoalId::new());
        assert_eq!(alignment_id(a, b), alignment_id(a, b));
        assert_ne!(alignment_id(a, b), alignment_id(b, a));
    }

    #[test]
    fn wire_ids_are_v7_and_round_trip() {
        let id = OpId::new();
        assert_eq!(id.0.get_version_num(), 7);
        assert_eq!(id.to_string().parse::<OpId>().unwrap(), id);
        assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{id}\""));
    }
}
