-- Creates the runs, events and checkpoints tables and the indexes claims, listings and the reaper use.
CREATE TABLE runs (
  id               TEXT    NOT NULL PRIMARY KEY,
  workflow         TEXT    NOT NULL,
  version          TEXT    NOT NULL,
  status           TEXT    NOT NULL
    CHECK (status IN ('queued', 'running', 'waiting', 'completed', 'failed', 'cancelled')),
  input            TEXT    NOT NULL,
  result           TEXT,
  error            TEXT,
  created_at       INTEGER NOT NULL,
  started_at       INTEGER,
  finished_at      INTEGER,
  last_seq         INTEGER NOT NULL,
  deployment       TEXT    NOT NULL,
  attempt          INTEGER NOT NULL DEFAULT 0,
  lease_owner      TEXT,
  lease_epoch      INTEGER NOT NULL DEFAULT 0,
  lease_expires_at INTEGER,
  lease_ttl        INTEGER,
  heartbeat_at     INTEGER,
  resume_at        INTEGER,
  idempotency_key  TEXT    UNIQUE
);

CREATE TABLE events (
  run_id  TEXT    NOT NULL,
  seq     INTEGER NOT NULL,
  ts      INTEGER NOT NULL,
  type    TEXT    NOT NULL,
  path    TEXT    NOT NULL,
  attempt INTEGER NOT NULL,
  data    TEXT    NOT NULL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

CREATE TABLE checkpoints (
  run_id  TEXT    NOT NULL,
  path    TEXT    NOT NULL,
  attempt INTEGER NOT NULL,
  kind    TEXT    NOT NULL,
  value   TEXT    NOT NULL,
  at      INTEGER NOT NULL,
  PRIMARY KEY (run_id, path, attempt)
) WITHOUT ROWID;

CREATE INDEX runs_claim ON runs (deployment, status, created_at, id);

CREATE INDEX runs_resume ON runs (deployment, resume_at) WHERE status = 'waiting';

CREATE INDEX runs_lease_expiry ON runs (lease_expires_at, id) WHERE status = 'running';

CREATE INDEX runs_created ON runs (created_at, id);

CREATE INDEX runs_status_created ON runs (status, created_at, id);

CREATE INDEX runs_workflow_created ON runs (workflow, created_at, id);
