-- Stride local store, migration 6: remembered goal evaluations.
-- Dashboards, lists and the alignment map need every goal's current value,
-- progress, expected progress and status on a day. Computing them takes a
-- few indexed lookups per goal, which adds up to seconds for a 10,000-person
-- organisation. `goal_eval` remembers the result per goal for one as-of day
-- and pair of thresholds; the triggers below forget a goal's row whenever
-- anything it is computed from changes (the goal, its check-ins, its
-- checkpoints, its KPI's data points), from any writer — the app, the CLI or
-- a sync pull. Queries read remembered rows and compute the rest live in the
-- same statement (see src/eval.rs), so a forgotten or missing row is never
-- wrong, only slower.

-- KPI data points forget the goals tracking the KPI.
CREATE INDEX goals_kpi ON goals (kpi_id);

CREATE TABLE goal_eval (
    goal_id       TEXT PRIMARY KEY NOT NULL,
    as_of         TEXT NOT NULL,
    at_risk_gap   REAL NOT NULL,
    off_track_gap REAL NOT NULL,
    current       REAL,
    last_check_in TEXT,
    progress      REAL NOT NULL,
    expected      REAL NOT NULL,
    status        TEXT
) WITHOUT ROWID;

CREATE TRIGGER goal_eval_goal_insert AFTER INSERT ON goals BEGIN
    DELETE FROM goal_eval WHERE goal_id = NEW.id;
END;
CREATE TRIGGER goal_eval_goal_update AFTER UPDATE ON goals BEGIN
    DELETE FROM goal_eval WHERE goal_id IN (OLD.id, NEW.id);
END;
CREATE TRIGGER goal_eval_goal_delete AFTER DELETE ON goals BEGIN
    DELETE FROM goal_eval WHERE goal_id = OLD.id;
END;

CREATE TRIGGER goal_eval_checkin_insert AFTER INSERT ON checkins BEGIN
    DELETE FROM goal_eval WHERE goal_id = NEW.goal_id;
END;
CREATE TRIGGER goal_eval_checkin_update AFTER UPDATE ON checkins BEGIN
    DELETE FROM goal_eval WHERE goal_id IN (OLD.goal_id, NEW.goal_id);
END;
CREATE TRIGGER goal_eval_checkin_delete AFTER DELETE ON checkins BEGIN
    DELETE FROM goal_eval WHERE goal_id = OLD.goal_id;
END;

CREATE TRIGGER goal_eval_checkpoint_insert AFTER INSERT ON goal_checkpoints BEGIN
    DELETE FROM goal_eval WHERE goal_id = NEW.goal_id;
END;
CREATE TRIGGER goal_eval_checkpoint_update AFTER UPDATE ON goal_checkpoints BEGIN
    DELETE FROM goal_eval WHERE goal_id IN (OLD.goal_id, NEW.goal_id);
END;
CREATE TRIGGER goal_eval_checkpoint_delete AFTER DELETE ON goal_checkpoints BEGIN
    DELETE FROM goal_eval WHERE goal_id = OLD.goal_id;
END;

CREATE TRIGGER goal_eval_kpi_point_insert AFTER INSERT ON kpi_points BEGIN
    DELETE FROM goal_eval WHERE goal_id IN (SELECT id FROM goals WHERE kpi_id = NEW.kpi_id);
END;
CREATE TRIGGER goal_eval_kpi_point_update AFTER UPDATE ON kpi_points BEGIN
    DELETE FROM goal_eval WHERE goal_id IN (SELECT id FROM goals WHERE kpi_id IN (OLD.kpi_id, NEW.kpi_id));
END;
CREATE TRIGGER goal_eval_kpi_point_delete AFTER DELETE ON kpi_points BEGIN
    DELETE FROM goal_eval WHERE goal_id IN (SELECT id FROM goals WHERE kpi_id = OLD.kpi_id);
END;
