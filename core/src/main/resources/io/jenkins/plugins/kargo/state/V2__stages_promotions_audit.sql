-- Version 2: stage status, where each Freight has been, promotions and the audit trail.
-- Same conventions as version 1: STRICT tables, UTC ISO-8601 times as text, JSON text checked by json_valid.

-- Per stage: its Freight history (Kargo's freightHistory: FreightCollections, newest first, at most 10; the first
-- is the current Freight), its health (issue 4 fills it in) and its auto-promotion hold.
CREATE TABLE stage_status (
    project  TEXT NOT NULL,
    stage    TEXT NOT NULL,
    history  TEXT NOT NULL CHECK (json_valid(history)),
    health   TEXT NOT NULL,
    hold     TEXT CHECK (hold IS NULL OR json_valid(hold)),
    PRIMARY KEY (project, stage)
) STRICT;

-- Per Freight and stage: Kargo's Freight.status verifiedIn, approvedFor and currentlyIn.
CREATE TABLE freight_stage (
    project               TEXT NOT NULL,
    freight               TEXT NOT NULL,
    stage                 TEXT NOT NULL,
    verified_at           TEXT,
    longest_soak_seconds  INTEGER NOT NULL DEFAULT 0,
    approved_at           TEXT,
    approved_by           TEXT,
    in_since              TEXT,
    PRIMARY KEY (project, freight, stage)
) STRICT;

-- Promotions; the name is <stage>.<ULID>.<first 7 of freight>, so within a stage name order is creation order.
CREATE TABLE promotion (
    project          TEXT NOT NULL,
    name             TEXT NOT NULL,
    stage            TEXT NOT NULL,
    freight          TEXT NOT NULL,
    actor            TEXT NOT NULL,
    phase            TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    started_at       TEXT,
    finished_at      TEXT,
    message          TEXT NOT NULL,
    attempts         INTEGER NOT NULL,
    abort_requested  INTEGER NOT NULL,
    steps            TEXT NOT NULL CHECK (json_valid(steps)),
    PRIMARY KEY (project, name)
) STRICT;

CREATE INDEX promotion_by_stage ON promotion (project, stage, name);

-- Who did what when: apply, approve, promote, abort, rollback, hold.
CREATE TABLE audit_event (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    project  TEXT NOT NULL,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    target   TEXT NOT NULL,
    detail   TEXT NOT NULL
) STRICT;
