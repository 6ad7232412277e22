-- Version 3: verifications, Kargo's VerificationInfo joined with its AnalysisRun's results.
-- Same conventions as before: STRICT tables, UTC ISO-8601 times as text, JSON text checked by json_valid.

-- One run of a stage's verification over one Freight collection; the name is <stage>.<ULID>.<first 7 of the collection id>, so
-- within a stage name order is creation order. metrics holds every measurement taken; decided_* is the human
-- decision an approval metric waits for.
CREATE TABLE verification (
    project          TEXT NOT NULL,
    name             TEXT NOT NULL,
    stage            TEXT NOT NULL,
    collection       TEXT NOT NULL,
    freight          TEXT NOT NULL CHECK (json_valid(freight)),
    promotion        TEXT NOT NULL,
    actor            TEXT NOT NULL,
    phase            TEXT NOT NULL,
    message          TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    started_at       TEXT,
    finished_at      TEXT,
    attempts         INTEGER NOT NULL,
    abort_requested  TEXT,
    metrics          TEXT NOT NULL CHECK (json_valid(metrics)),
    decision         TEXT CHECK (decision IS NULL OR json_valid(decision)),
    PRIMARY KEY (project, name)
) STRICT;

CREATE INDEX verification_by_stage ON verification (project, stage, name);
