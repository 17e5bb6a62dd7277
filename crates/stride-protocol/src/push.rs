//! Push: a device sends its outbox as a batch of ops; the server answers one
//! result per op, in order.
//!
//! An op is idempotent on `op_id` (a repeat gets the stored result with
//! `replayed: true`; the same id with another payload is a 409) and ordered
//! per device by `device_seq` (a hole gets [`OpOutcome::Gap`]). Fields merge
//! by last-writer-wins on `(hlc, op_id)`; when the writer had not seen the
//! current value (`base_hlc` ≠ the field's clock) and the values differ, the
//! server records a conflict and reports it, whichever side won.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::entity::EntityKind;
use crate::hlc::Hlc;
use crate::ids::{DeviceId, OpId};

/// `POST /api/v1/sync/push` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    /// The sending device (bound to the signed-in user on first sight).
    pub device_id: DeviceId,
    /// The client's synced schema version (below the server's minimum → 426).
    pub schema_version: u32,
    /// Ops in outbox order (ascending `device_seq`).
    pub ops: Vec<Op>,
}

/// Whether an op creates a row or changes fields of an existing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpKind {
    /// Insert the row with the given fields (an identical repeat is a `duplicate`).
    Create,
    /// Merge the given fields into the existing row. Deletion sets `deleted: true`.
    Update,
}

/// One outbox entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Op {
    /// UUIDv7, the idempotency key.
    pub op_id: OpId,
    /// 1, 2, 3 … per device, without holes.
    pub device_seq: u64,
    /// The client's HLC when the edit was made.
    pub hlc: Hlc,
    /// The schema version the payload was written in.
    pub schema_version: u32,
    /// Which kind of row.
    pub entity: EntityKind,
    /// The row's id.
    pub entity_id: Uuid,
    /// Create or update.
    pub kind: OpKind,
    /// Field name → new value and the clock of the value the user edited.
    pub fields: BTreeMap<String, FieldValue>,
}

/// A field's new value and the clock of the value it replaces on the client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldValue {
    /// The new value (JSON null clears an optional field).
    pub value: serde_json::Value,
    /// The clock of the value the user saw when editing; `None` for a field never synced.
    #[serde(default)]
    pub base_hlc: Option<Hlc>,
}

/// Why an op was not applied. The client keeps it as "needs attention".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectCode {
    /// No such row, or not visible to the pushing user.
    NotFound,
    /// Visible but not writable by the pushing user (now).
    Forbidden,
    /// This kind of row is managed on the server only (people, org units, conflicts).
    ReadOnly,
    /// The field cannot change through sync (e.g. a goal's owner).
    ImmutableField,
    /// The entity has no such field.
    UnknownField,
    /// A create lacks a required field.
    MissingField,
    /// A value of the wrong type or out of range.
    InvalidValue,
    /// A create for an existing row whose fixed fields differ.
    AlreadyExists,
    /// The device sequence number was already used by another op.
    SeqReused,
    /// The op's schema version is newer than this server understands.
    UnsupportedSchema,
}

/// Which write a field conflict kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Winner {
    /// The pushed value won (it ordered later).
    Mine,
    /// The value already on the server won.
    Theirs,
}

/// A concurrent overwrite of one field: both values are kept in history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldConflict {
    /// The conflict's id (also pulled as a `conflict` row).
    pub conflict_id: Uuid,
    /// The field.
    pub field: String,
    /// Which side won.
    pub winner: Winner,
    /// The value that was on the server.
    pub their_value: serde_json::Value,
    /// Its clock.
    pub their_hlc: Hlc,
}

/// The effect of one op.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum OpOutcome {
    /// Merged. `hlc` is the clock stored for the written fields (the op's own,
    /// or the server's when the op's clock ran more than 60 s ahead).
    Applied {
        /// The server change sequence of the row after the op.
        seq: i64,
        /// The effective clock.
        hlc: crate::hlc::Hlc,
    },
    /// The row already held exactly this content; nothing changed but, when
    /// this op orders later, the clocks of those fields (so it stays the last
    /// write of them).
    Duplicate {
        /// The row's current change sequence.
        seq: i64,
    },
    /// Merged, and at least one field was a concurrent overwrite.
    Conflict {
        /// The server change sequence of the row after the op.
        seq: i64,
        /// The effective clock.
        hlc: crate::hlc::Hlc,
        /// One entry per conflicting field.
        conflicts: Vec<FieldConflict>,
    },
    /// Not applied; kept by the client with the reason.
    Rejected {
        /// Stable reason code.
        code: RejectCode,
        /// The reason in words (names the field).
        reason: String,
    },
    /// An earlier op of this device is missing; resend from `expected_seq`.
    Gap {
        /// The device sequence number the server expects next.
        expected_seq: u64,
    },
}

/// The result of one op.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpResult {
    /// The op.
    pub op_id: OpId,
    /// True when the op id was seen before and this is the stored result.
    pub replayed: bool,
    /// What happened.
    #[serde(flatten)]
    pub outcome: OpOutcome,
}

/// `POST /api/v1/sync/push` response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushResponse {
    /// One result per op, in request order.
    pub results: Vec<OpResult>,
    /// The server's clock after the push (run the HLC receive step on it).
    pub server_hlc: Hlc,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample_op() -> Op {
        let mut fields = BTreeMap::new();
        fields.insert(
            "target".to_owned(),
            FieldValue {
                value: json!(80.0),
                base_hlc: Some(Hlc::new(1_000, 2)),
            },
        );
        fields.insert(
            "title".to_owned(),
            FieldValue {
                value: json!("Grow NPS"),
                base_hlc: None,
            },
        );
        Op {
            op_id: OpId::new(),
            device_seq: 3,
            hlc: Hlc::new(2_000, 0),
            schema_version: crate::SCHEMA_VERSION,
            entity: EntityKind::Goal,
            entity_id: Uuid::now_v7(),
            kind: OpKind::Update,
            fields,
        }
    }

    #[test]
    fn push_request_round_trips() {
        let req = PushRequest {
            device_id: DeviceId::new(),
            schema_version: 1,
            ops: vec![sample_op()],
        };
        let text = serde_json::to_string(&req).unwrap();
        assert_eq!(serde_json::from_str::<PushRequest>(&text).unwrap(), req);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["ops"][0]["entity"], "goal");
        assert_eq!(v["ops"][0]["kind"], "update");
        assert_eq!(v["ops"][0]["hlc"], json!(2_000_i64 << 16));
        assert_eq!(v["ops"][0]["fields"]["title"]["base_hlc"], json!(null));
    }

    #[test]
    fn missing_base_hlc_means_none_and_unknown_fields_are_refused() {
        let fv: FieldValue = serde_json::from_str(r#"{"value": 1}"#).unwrap();
        assert_eq!(fv.base_hlc, None);
        assert!(serde_json::from_str::<FieldValue>(r#"{"value":1,"x":2}"#).is_err());
        assert!(serde_json::from_str::<FieldValue>(r#"{"value":1,"base_hlc":-3}"#).is_err());
    }

    #[test]
    fn outcomes_are_tagged_by_status() {
        let results = vec![
            OpResult {
                op_id: OpId::new(),
                replayed: false,
                outcome: OpOutcome::Applied {
                    seq: 7,
                    hlc: Hlc::new(5, 0),
                },
            },
            OpResult {
                op_id: OpId::new(),
                replayed: true,
                outcome: OpOutcome::Rejected {
                    code: RejectCode::Forbidden,
                    reason: "goal: not yours".into(),
                },
            },
            OpResult {
                op_id: OpId::new(),
                replayed: false,
                outcome: OpOutcome::Gap { expected_seq: 4 },
            },
            OpResult {
                op_id: OpId::new(),
                replayed: false,
                outcome: OpOutcome::Conflict {
                    seq: 9,
                    hlc: Hlc::new(6, 1),
                    conflicts: vec![FieldConflict {
                        conflict_id: Uuid::now_v7(),
                        field: "target".into(),
                        winner: Winner::Theirs,
                        their_value: json!(70),
                        their_hlc: Hlc::new(7, 0),
                    }],
                },
            },
            OpResult {
                op_id: OpId::new(),
                replayed: false,
                outcome: OpOutcome::Duplicate { seq: 3 },
            },
        ];
        let resp = PushResponse {
            results,
            server_hlc: Hlc::new(9, 9),
        };
        let v = serde_json::to_value(&resp).unwrap();
        assert_eq!(v["results"][0]["status"], "applied");
        assert_eq!(v["results"][1]["status"], "rejected");
        assert_eq!(v["results"][1]["code"], "forbidden");
        assert_eq!(v["results"][2]["status"], "gap");
        assert_eq!(v["results"][3]["conflicts"][0]["winner"], "theirs");
        assert_eq!(v["results"][4]["status"], "duplicate");
        assert_eq!(serde_json::from_value::<PushResponse>(v).unwrap(), resp);
    }
}
