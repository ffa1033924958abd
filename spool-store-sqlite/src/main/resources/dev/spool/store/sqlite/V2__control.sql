-- Adds cancel requests, signal tracking and recovery counts to runs, the owner index the control poll uses, and API keys.
ALTER TABLE runs ADD COLUMN cancel_requested INTEGER NOT NULL DEFAULT 0;

ALTER TABLE runs ADD COLUMN recoveries INTEGER NOT NULL DEFAULT 0;

ALTER TABLE runs ADD COLUMN last_signal_seq INTEGER NOT NULL DEFAULT 0;

CREATE INDEX runs_owner ON runs (lease_owner) WHERE status = 'running';

CREATE TABLE api_keys (
  id         TEXT    NOT NULL PRIMARY KEY,
  name       TEXT    NOT NULL,
  hash       TEXT    NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
