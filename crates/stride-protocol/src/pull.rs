//! Pull: pages of full rows the caller may see, after an opaque cursor.
//!
//! Apply each page in one local transaction, in ascending `seq` across
//! `changes`, `move_in` and `revoke`. A `revoke` of a goal removes the goal
//! and its check-ins, revisions, alignments and conflicts. Rebase pending
//! local ops only when `has_more` is false.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::entity::{Access, EntityKind};
use crate::hlc::Hlc;
use crate::ids::DeviceId;

/// An opaque position in the server's change stream. Send it back unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Cursor(pub String);

/// `POST /api/v1/sync/pull` body (or the query string of `GET`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PullRequest {
    /// Where the last page ended; none for a first download.
    #[serde(default)]
    pub cursor: Option<Cursor>,
    /// Page size (1 to [`crate::MAX_PULL_LIMIT`]; default [`crate::DEFAULT_PULL_LIMIT`]).
    #[serde(default)]
    pub limit: Option<u32>,
    /// The pulling device, if it has pushed before (for the server's bookkeeping).
    #[serde(default)]
    pub device_id: Option<DeviceId>,
}

/// A full row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Kind of row.
    pub entity: EntityKind,
    /// Its id.
    pub id: Uuid,
    /// Its position in the stream (apply in ascending order).
    pub seq: i64,
    /// What the caller may do with it.
    pub access: Access,
    /// Tombstone (the row stays, hidden).
    pub deleted: bool,
    /// Column name → value, as in the client's tables.
    pub row: serde_json::Map<String, serde_json::Value>,
    /// Field name → clock of its current value (for `base_hlc` and the receive step).
    pub clocks: BTreeMap<String, Hlc>,
}

/// A row that left the caller's scope: delete it locally.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revoke {
    /// Kind of row.
    pub entity: EntityKind,
    /// Its id.
    pub id: Uuid,
    /// Its position in the stream.
    pub seq: i64,
}

/// `/api/v1/sync/pull` response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullResponse {
    /// Rows changed since the cursor.
    pub changes: Vec<Change>,
    /// Rows that entered the caller's scope since the cursor (full rows).
    pub move_in: Vec<Change>,
    /// Rows that left it.
    pub revoke: Vec<Revoke>,
    /// The cursor for the next page.
    pub cursor: Cursor,
    /// More rows wait after this page.
    pub has_more: bool,
    /// The server's clock (run the HLC receive step on it).
    pub server_hlc: Hlc,
    /// The oldest schema version the server still accepts.
    pub min_schema: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pull_round_trips() {
        let mut row = serde_json::Map::new();
        row.insert("title".into(), json!("Ship it"));
        let mut clocks = BTreeMap::new();
        clocks.insert("title".into(), Hlc::new(10, 1));
        let resp = PullResponse {
            changes: vec![Change {
                entity: EntityKind::Goal,
                id: Uuid::now_v7(),
                seq: 4,
                access: Access::Write,
                deleted: false,
                row,
                clocks,
            }],
            move_in: vec![],
            revoke: vec![Revoke {
                entity: EntityKind::Goal,
                id: Uuid::now_v7(),
                seq: 5,
            }],
            cursor: Cursor("abc".into()),
            has_more: true,
            server_hlc: Hlc::new(11, 0),
            min_schema: 1,
        };
        let v = serde_json::to_value(&resp).unwrap();
        assert_eq!(v["cursor"], "abc");
        assert_eq!(v["changes"][0]["access"], "write");
        assert_eq!(serde_json::from_value::<PullResponse>(v).unwrap(), resp);
    }

    #[test]
    fn empty_pull_request_is_a_first_download() {
        let req: PullRequest = serde_json::from_str("{}").unwrap();
        assert_eq!(req, PullRequest::default());
        assert!(serde_json::from_str::<PullRequest>(r#"{"limit":"ten"}"#).is_err());
    }
}
