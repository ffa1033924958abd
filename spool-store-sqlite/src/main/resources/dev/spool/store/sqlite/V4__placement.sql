-- Adds what places a run on a worker: the workflow versions each worker runs, and claim indexes by deployment and workflow version.
ALTER TABLE workers ADD COLUMN workflows TEXT NOT NULL DEFAULT '';

CREATE INDEX runs_place ON runs (deployment, workflow, version, status, created_at, id);

CREATE INDEX runs_place_resume ON runs (deployment, workflow, version, resume_at) WHERE status = 'waiting';

DROP INDEX runs_claim;

DROP INDEX runs_resume;
