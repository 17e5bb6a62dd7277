-- Stride local store, migration 3: the inbox.
-- One alert per (cause, recipient): the scheduler may raise the same cause
-- many times (every tick, after a restart, after sleep); it lands once.

CREATE TABLE alerts (
    id            TEXT PRIMARY KEY NOT NULL,
    goal_id       TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    recipient_id  TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    cause         TEXT NOT NULL,
    reason        TEXT NOT NULL,
    raised_on     TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'seen', 'snoozed', 'dismissed')),
    snoozed_until TEXT,
    UNIQUE (cause, recipient_id)
) STRICT;
CREATE INDEX alerts_recipient_state ON alerts (recipient_id, state, raised_on);
