-- Stride local store, migration 5: sync with a Stride server (shared/design/sync.md).
-- Append-only: never edit a shipped migration; add a new one.
--
-- Sync is enabled for a database when sync_device holds its one row. From then on
-- every synced domain write (goal create/revise, check-in add/undo, alignment)
-- also writes an outbox row in the same transaction.
--
-- Tombstones: the server keeps goals, alignments and check-ins with an LWW
-- `deleted` field. Locally a tombstoned row is removed (so every read stays as it
-- is) and its clock stays in sync_field_clock; an undone check-in is pushed as
-- `deleted: true`. A pulled person with the server role `admin` is stored as
-- `hr_admin` (the local role with the same reach).

-- This installation as a sync client: device id, the account it syncs as, the
-- next outbox sequence number, the persisted hybrid logical clock, the pull cursor.
CREATE TABLE sync_device (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    device_id    TEXT NOT NULL,
    server_url   TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    email        TEXT NOT NULL,
    next_seq     INTEGER NOT NULL DEFAULT 1 CHECK (next_seq >= 1),
    hlc          INTEGER NOT NULL DEFAULT 0 CHECK (hlc >= 0),
    cursor       TEXT,
    last_sync_at TEXT,
    created_at   TEXT NOT NULL
) STRICT;

-- Pending local ops, in device order. `fields` is the JSON object
-- {field: {value, base_hlc}} sent as the op's fields.
CREATE TABLE sync_outbox (
    device_seq     INTEGER PRIMARY KEY CHECK (device_seq >= 1),
    op_id          TEXT NOT NULL UNIQUE,
    hlc            INTEGER NOT NULL CHECK (hlc >= 0),
    schema_version INTEGER NOT NULL,
    entity         TEXT NOT NULL CHECK (entity IN ('goal', 'alignment', 'check_in', 'revision')),
    entity_id      TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('create', 'update')),
    fields         TEXT NOT NULL CHECK (json_valid(fields)),
    created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX sync_outbox_entity ON sync_outbox (entity, entity_id);

-- The clock of each synced field's current local value (the base_hlc of the next edit).
CREATE TABLE sync_field_clock (
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    hlc       INTEGER NOT NULL CHECK (hlc >= 0),
    PRIMARY KEY (entity, entity_id, field)
) STRICT, WITHOUT ROWID;

-- What the caller may do with each pulled row ('read' or 'write').
CREATE TABLE sync_row_access (
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    access    TEXT NOT NULL CHECK (access IN ('read', 'write')),
    PRIMARY KEY (entity, entity_id)
) STRICT, WITHOUT ROWID;

-- Concurrent overwrites of one field (from the server, or from a push result).
CREATE TABLE conflicts (
    id            TEXT PRIMARY KEY NOT NULL,
    entity        TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    field         TEXT NOT NULL,
    goal_id       TEXT,
    winner_value  TEXT,
    winner_hlc    INTEGER NOT NULL,
    winner_op     TEXT NOT NULL,
    winner_person TEXT,
    loser_value   TEXT,
    loser_hlc     INTEGER NOT NULL,
    loser_op      TEXT NOT NULL,
    loser_person  TEXT,
    created_at    TEXT NOT NULL,
    dismissed_at  TEXT
) STRICT;
CREATE INDEX conflicts_goal ON conflicts (goal_id);

-- Ops the server rejected, kept with the reason until someone deals with them.
CREATE TABLE sync_attention (
    op_id        TEXT PRIMARY KEY NOT NULL,
    device_seq   INTEGER NOT NULL,
    hlc          INTEGER NOT NULL,
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('create', 'update')),
    fields       TEXT NOT NULL CHECK (json_valid(fields)),
    code         TEXT NOT NULL,
    reason       TEXT NOT NULL,
    rejected_at  TEXT NOT NULL,
    dismissed_at TEXT
) STRICT;
