-- Adds shared rate limits (token buckets, holds, concurrency slots), the worker registry and deployments.
CREATE TABLE buckets (
  key    TEXT    NOT NULL PRIMARY KEY,
  tokens REAL    NOT NULL,
  at     INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE holds (
  key   TEXT    NOT NULL PRIMARY KEY,
  until INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE slots (
  key        TEXT    NOT NULL,
  holder     TEXT    NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (key, holder)
) WITHOUT ROWID;

CREATE TABLE workers (
  id          TEXT    NOT NULL PRIMARY KEY,
  deployment  TEXT    NOT NULL,
  started_at  INTEGER NOT NULL,
  at          INTEGER NOT NULL,
  active_runs INTEGER NOT NULL,
  draining    INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE deployments (
  id          TEXT    NOT NULL PRIMARY KEY,
  state       TEXT    NOT NULL CHECK (state IN ('active', 'retired')),
  promoted_at INTEGER NOT NULL
) WITHOUT ROWID;
