-- Version 1: applied configuration, Freight, discovery results and warehouse status.
-- STRICT tables: SQLite checks every value against its column's type. Times are UTC ISO-8601 text with nine
-- fraction digits (they sort as text); JSON columns hold JSON text, checked by json_valid.

CREATE TABLE project (
    name        TEXT PRIMARY KEY,
    applied_at  TEXT NOT NULL
) STRICT;

CREATE TABLE config_document (
    project      TEXT NOT NULL REFERENCES project (name) ON DELETE CASCADE,
    doc_index    INTEGER NOT NULL,
    source_file  TEXT NOT NULL,
    content      TEXT NOT NULL,
    PRIMARY KEY (project, doc_index)
) STRICT;

CREATE TABLE freight (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    project     TEXT NOT NULL,
    name        TEXT NOT NULL,
    alias       TEXT NOT NULL,
    warehouse   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    content     TEXT NOT NULL CHECK (json_valid(content)),
    CONSTRAINT freight_name_unique UNIQUE (project, name),
    CONSTRAINT freight_alias_unique UNIQUE (project, alias)
) STRICT;

CREATE INDEX freight_by_warehouse ON freight (project, warehouse, seq);

CREATE TABLE warehouse_status (
    project             TEXT NOT NULL,
    warehouse           TEXT NOT NULL,
    last_discovered_at  TEXT,
    last_error          TEXT NOT NULL,
    last_freight        TEXT NOT NULL,
    newest_versions     TEXT NOT NULL CHECK (json_valid(newest_versions)),
    PRIMARY KEY (project, warehouse)
) STRICT;

CREATE TABLE discovery (
    project        TEXT NOT NULL,
    warehouse      TEXT NOT NULL,
    discovered_at  TEXT NOT NULL,
    content        TEXT NOT NULL CHECK (json_valid(content)),
    PRIMARY KEY (project, warehouse)
) STRICT;
