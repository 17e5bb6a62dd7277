-- Stride local store, migration 4: OS notifications.
-- Each inbox item is announced by the operating system once: the scheduler
-- stamps `notified_at` when it shows (or tried to show) it. Items already in
-- the inbox before this migration count as announced, so an upgrade does
-- not replay old news.

ALTER TABLE alerts ADD COLUMN notified_at TEXT;
UPDATE alerts SET notified_at = raised_on;
CREATE INDEX alerts_to_notify ON alerts (recipient_id, notified_at) WHERE notified_at IS NULL;
