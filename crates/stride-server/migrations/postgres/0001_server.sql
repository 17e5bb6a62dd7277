-- Stride server (PostgreSQL), migration 1. Append-only: add a new file, never edit a shipped one.
-- The domain tables mirror the client's (crates/stride-store/migrations) plus sync columns;
-- booleans are 0/1 integers, timestamps RFC 3339 UTC text, ids hyphenated UUID text.

CREATE TABLE server_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);

-- The change sequence: every write transaction bumps this one row, so sequence
-- numbers commit in order (the design's "counter row").
CREATE TABLE seq_counter (id BIGINT PRIMARY KEY CHECK (id = 1), seq BIGINT NOT NULL);
INSERT INTO seq_counter (id, seq) VALUES (1, 0);

CREATE TABLE org_units (
    id        TEXT PRIMARY KEY NOT NULL,
    name      TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('company', 'division', 'department', 'team')),
    parent_id TEXT,
    lead_id   TEXT
);

CREATE TABLE people (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL DEFAULT '',
    org_unit_id TEXT,
    manager_id  TEXT,
    hire_date   TEXT,
    active      BIGINT NOT NULL DEFAULT 1,
    role        TEXT NOT NULL CHECK (role IN ('employee', 'manager', 'hr_admin', 'admin'))
);
CREATE INDEX people_manager ON people (manager_id);
CREATE INDEX people_unit ON people (org_unit_id);

CREATE TABLE accounts (
    person_id     TEXT PRIMARY KEY NOT NULL,
    password_hash TEXT NOT NULL,
    scope_version BIGINT NOT NULL DEFAULT 1,
    updated_at    TEXT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    person_id  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX sessions_person ON sessions (person_id);

CREATE TABLE api_keys (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL UNIQUE,
    key_hash   TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

CREATE TABLE cycles (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date   TEXT NOT NULL,
    state      TEXT NOT NULL
);

CREATE TABLE kpis (
    id          TEXT PRIMARY KEY NOT NULL,
    key         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    unit_kind   TEXT NOT NULL,
    unit_label  TEXT NOT NULL DEFAULT '',
    direction   TEXT NOT NULL,
    period_kind TEXT NOT NULL,
    org_unit_id TEXT
);

CREATE TABLE kpi_points (
    id           TEXT PRIMARY KEY NOT NULL,
    kpi_id       TEXT NOT NULL,
    period_start TEXT NOT NULL,
    value        DOUBLE PRECISION NOT NULL,
    recorded_at  TEXT NOT NULL,
    UNIQUE (kpi_id, period_start)
);

CREATE TABLE goals (
    id              TEXT PRIMARY KEY NOT NULL,
    kind            TEXT NOT NULL,
    owner_person_id TEXT,
    owner_unit_id   TEXT,
    statement       TEXT NOT NULL DEFAULT '',
    title           TEXT NOT NULL,
    method          TEXT NOT NULL DEFAULT '',
    category        TEXT NOT NULL,
    metric_name     TEXT NOT NULL DEFAULT '',
    unit_kind       TEXT NOT NULL,
    unit_label      TEXT NOT NULL DEFAULT '',
    direction       TEXT NOT NULL,
    baseline        DOUBLE PRECISION,
    target          DOUBLE PRECISION,
    band_low        DOUBLE PRECISION,
    band_high       DOUBLE PRECISION,
    start_date      TEXT NOT NULL,
    due_date        TEXT NOT NULL,
    cycle_id        TEXT,
    weight          DOUBLE PRECISION NOT NULL DEFAULT 1,
    cadence         TEXT NOT NULL,
    state           TEXT NOT NULL,
    kpi_id          TEXT,
    checkpoints     TEXT NOT NULL DEFAULT '[]',
    created_by      TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted         BIGINT NOT NULL DEFAULT 0,
    CHECK ((owner_person_id IS NULL) <> (owner_unit_id IS NULL))
);
CREATE INDEX goals_owner_person ON goals (owner_person_id);
CREATE INDEX goals_owner_unit ON goals (owner_unit_id);

CREATE TABLE alignments (
    id        TEXT PRIMARY KEY NOT NULL,
    child_id  TEXT NOT NULL,
    parent_id TEXT NOT NULL,
    weight    DOUBLE PRECISION NOT NULL DEFAULT 1,
    deleted   BIGINT NOT NULL DEFAULT 0,
    UNIQUE (child_id, parent_id),
    CHECK (child_id <> parent_id)
);
CREATE INDEX alignments_parent ON alignments (parent_id);

CREATE TABLE checkins (
    id             TEXT PRIMARY KEY NOT NULL,
    goal_id        TEXT NOT NULL,
    value          DOUBLE PRECISION,
    done           BIGINT NOT NULL DEFAULT 0,
    confidence     BIGINT,
    note           TEXT NOT NULL DEFAULT '',
    blockers       TEXT NOT NULL DEFAULT '',
    effective_date TEXT NOT NULL,
    author_id      TEXT,
    created_at     TEXT NOT NULL,
    deleted        BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX checkins_goal ON checkins (goal_id);

CREATE TABLE revisions (
    id        TEXT PRIMARY KEY NOT NULL,
    goal_id   TEXT NOT NULL,
    field     TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    author_id TEXT,
    at        TEXT NOT NULL,
    reason    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX revisions_goal ON revisions (goal_id);

-- A concurrent overwrite of one field; both values are also in field_history.
CREATE TABLE conflicts (
    id            TEXT PRIMARY KEY NOT NULL,
    entity        TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    field         TEXT NOT NULL,
    goal_id       TEXT,
    winner_value  TEXT,
    winner_hlc    BIGINT NOT NULL,
    winner_op     TEXT NOT NULL,
    winner_person TEXT,
    loser_value   TEXT,
    loser_hlc     BIGINT NOT NULL,
    loser_op      TEXT NOT NULL,
    loser_person  TEXT,
    created_at    TEXT NOT NULL
);

-- The clock of each field's current value.
CREATE TABLE field_clock (
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    hlc       BIGINT NOT NULL,
    op_id     TEXT NOT NULL,
    person_id TEXT,
    PRIMARY KEY (entity, entity_id, field)
);

-- Append-only audit trail of every written value (both sides of a conflict).
CREATE TABLE field_history (
    id          TEXT PRIMARY KEY NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    field       TEXT NOT NULL,
    value       TEXT,
    hlc         BIGINT NOT NULL,
    op_id       TEXT NOT NULL,
    person_id   TEXT,
    won         BIGINT NOT NULL,
    server_time TEXT NOT NULL
);
CREATE INDEX field_history_entity ON field_history (entity, entity_id, field);

-- One entry per row: its latest change sequence and the goal that scopes it
-- (NULL = visible to every signed-in user).
CREATE TABLE change_log (
    entity        TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    row_seq       BIGINT NOT NULL UNIQUE,
    scope_goal_id TEXT,
    PRIMARY KEY (entity, entity_id)
);
CREATE INDEX change_log_scope ON change_log (scope_goal_id);

-- Materialised read scope of users who do not see everything.
CREATE TABLE sync_scope (
    user_id   TEXT NOT NULL,
    goal_id   TEXT NOT NULL,
    access    TEXT NOT NULL CHECK (access IN ('read', 'write')),
    since_seq BIGINT NOT NULL,
    PRIMARY KEY (user_id, goal_id)
);
CREATE INDEX sync_scope_goal ON sync_scope (goal_id);

CREATE TABLE sync_revoke (
    user_id TEXT NOT NULL,
    goal_id TEXT NOT NULL,
    seq     BIGINT NOT NULL,
    PRIMARY KEY (user_id, seq)
);

CREATE TABLE sync_device (
    device_id     TEXT PRIMARY KEY NOT NULL,
    person_id     TEXT NOT NULL,
    last_seq      BIGINT NOT NULL DEFAULT 0,
    last_pull_seq BIGINT NOT NULL DEFAULT 0,
    first_seen    TEXT NOT NULL,
    last_seen     TEXT NOT NULL
);

-- The idempotency record: one row per op id with the payload hash and result.
CREATE TABLE sync_applied_op (
    op_id        TEXT PRIMARY KEY NOT NULL,
    device_id    TEXT NOT NULL,
    person_id    TEXT NOT NULL,
    payload_hash TEXT NOT NULL,
    result       TEXT NOT NULL,
    applied_at   TEXT NOT NULL
);
