-- Stride local store, migration 2: the goal model.
-- People and org units, cycles, goals (SMART goals, objectives, key results),
-- weighted multi-parent alignment, append-only check-ins and revisions, KPIs.
-- Enumerations are stored as their stable snake_case names (stride-domain as_str()).

CREATE TABLE org_units (
    id        TEXT PRIMARY KEY NOT NULL,
    name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind      TEXT NOT NULL CHECK (kind IN ('company', 'division', 'department', 'team')),
    parent_id TEXT REFERENCES org_units (id) ON DELETE RESTRICT,
    lead_id   TEXT REFERENCES people (id) ON DELETE SET NULL
) STRICT;
CREATE INDEX org_units_parent ON org_units (parent_id);

CREATE TABLE people (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    email       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    title       TEXT NOT NULL DEFAULT '',
    org_unit_id TEXT REFERENCES org_units (id) ON DELETE SET NULL,
    manager_id  TEXT REFERENCES people (id) ON DELETE SET NULL,
    hire_date   TEXT,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    role        TEXT NOT NULL CHECK (role IN ('employee', 'manager', 'hr_admin'))
) STRICT;
CREATE INDEX people_manager ON people (manager_id);
CREATE INDEX people_unit ON people (org_unit_id);

CREATE TABLE cycles (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL UNIQUE,
    start_date TEXT NOT NULL,
    end_date   TEXT NOT NULL,
    state      TEXT NOT NULL CHECK (state IN ('planning', 'active', 'closed')),
    CHECK (end_date >= start_date)
) STRICT;

CREATE TABLE kpis (
    id          TEXT PRIMARY KEY NOT NULL,
    key         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    unit_kind   TEXT NOT NULL,
    unit_label  TEXT NOT NULL DEFAULT '',
    direction   TEXT NOT NULL,
    period_kind TEXT NOT NULL,
    org_unit_id TEXT REFERENCES org_units (id) ON DELETE SET NULL
) STRICT;

CREATE TABLE kpi_points (
    id           TEXT NOT NULL UNIQUE,
    kpi_id       TEXT NOT NULL REFERENCES kpis (id) ON DELETE CASCADE,
    period_start TEXT NOT NULL,
    value        REAL NOT NULL,
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (kpi_id, period_start)
) STRICT, WITHOUT ROWID;

CREATE TABLE goals (
    id              TEXT PRIMARY KEY NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('smart_goal', 'objective', 'key_result')),
    owner_person_id TEXT REFERENCES people (id) ON DELETE RESTRICT,
    owner_unit_id   TEXT REFERENCES org_units (id) ON DELETE RESTRICT,
    statement       TEXT NOT NULL DEFAULT '',
    title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
    method          TEXT NOT NULL DEFAULT '',
    category        TEXT NOT NULL,
    metric_name     TEXT NOT NULL DEFAULT '',
    unit_kind       TEXT NOT NULL,
    unit_label      TEXT NOT NULL DEFAULT '',
    direction       TEXT NOT NULL,
    baseline        REAL,
    target          REAL,
    band_low        REAL,
    band_high       REAL,
    start_date      TEXT NOT NULL,
    due_date        TEXT NOT NULL,
    cycle_id        TEXT REFERENCES cycles (id) ON DELETE SET NULL,
    weight          REAL NOT NULL DEFAULT 1 CHECK (weight > 0),
    cadence         TEXT NOT NULL,
    state           TEXT NOT NULL,
    kpi_id          TEXT REFERENCES kpis (id) ON DELETE SET NULL,
    created_by      TEXT REFERENCES people (id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK ((owner_person_id IS NULL) <> (owner_unit_id IS NULL)),
    CHECK (due_date >= start_date)
) STRICT;
CREATE INDEX goals_owner_person ON goals (owner_person_id);
CREATE INDEX goals_owner_unit ON goals (owner_unit_id);
CREATE INDEX goals_cycle_state ON goals (cycle_id, state);

CREATE TABLE goal_checkpoints (
    goal_id        TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    date           TEXT NOT NULL,
    expected_value REAL NOT NULL,
    label          TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (goal_id, date)
) STRICT, WITHOUT ROWID;

CREATE TABLE alignments (
    child_id  TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    parent_id TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    weight    REAL NOT NULL DEFAULT 1 CHECK (weight > 0),
    PRIMARY KEY (child_id, parent_id),
    CHECK (child_id <> parent_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX alignments_parent ON alignments (parent_id);

-- Append-only: a correction is a new check-in.
CREATE TABLE checkins (
    id             TEXT PRIMARY KEY NOT NULL,
    goal_id        TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    value          REAL,
    done           INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    confidence     INTEGER CHECK (confidence BETWEEN 0 AND 10),
    note           TEXT NOT NULL DEFAULT '',
    blockers       TEXT NOT NULL DEFAULT '',
    effective_date TEXT NOT NULL,
    author_id      TEXT REFERENCES people (id) ON DELETE SET NULL,
    created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX checkins_goal_date ON checkins (goal_id, effective_date, created_at);

CREATE TRIGGER checkins_append_only_update BEFORE UPDATE ON checkins
BEGIN SELECT RAISE(ABORT, 'check-ins are append-only; add a correcting check-in instead'); END;

-- Append-only history of every goal field change.
CREATE TABLE revisions (
    id        TEXT PRIMARY KEY NOT NULL,
    goal_id   TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    field     TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    author_id TEXT REFERENCES people (id) ON DELETE SET NULL,
    at        TEXT NOT NULL,
    reason    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX revisions_goal_at ON revisions (goal_id, at);

CREATE TRIGGER revisions_append_only_update BEFORE UPDATE ON revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
