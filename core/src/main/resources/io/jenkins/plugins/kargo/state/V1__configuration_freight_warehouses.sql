-- Version 1: applied configuration, Freight, discovery results and warehouse status.
-- Names follow Kubernetes' limits (253 characters), as Kargo's resources are Kubernetes objects.

CREATE TABLE project (
    name        VARCHAR(253) PRIMARY KEY,
    applied_at  TIMESTAMP(9) WITH TIME ZONE NOT NULL
);

CREATE TABLE config_document (
    project      VARCHAR(253) NOT NULL REFERENCES project (name) ON DELETE CASCADE,
    doc_index    INT NOT NULL,
    source_file  VARCHAR(4096) NOT NULL,
    content      CHARACTER LARGE OBJECT NOT NULL,
    PRIMARY KEY (project, doc_index)
);

CREATE TABLE freight (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project     VARCHAR(253) NOT NULL,
    name        VARCHAR(253) NOT NULL,
    alias       VARCHAR(253) NOT NULL,
    warehouse   VARCHAR(253) NOT NULL,
    created_at  TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    content     JSON NOT NULL,
    CONSTRAINT freight_name_unique UNIQUE (project, name),
    CONSTRAINT freight_alias_unique UNIQUE (project, alias)
);

CREATE INDEX freight_by_warehouse ON freight (project, warehouse, seq);

CREATE TABLE warehouse_status (
    project             VARCHAR(253) NOT NULL,
    warehouse           VARCHAR(253) NOT NULL,
    last_discovered_at  TIMESTAMP(9) WITH TIME ZONE,
    last_error          CHARACTER LARGE OBJECT NOT NULL,
    last_freight        VARCHAR(253) NOT NULL,
    newest_versions     JSON NOT NULL,
    PRIMARY KEY (project, warehouse)
);

CREATE TABLE discovery (
    project        VARCHAR(253) NOT NULL,
    warehouse      VARCHAR(253) NOT NULL,
    discovered_at  TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    content        JSON NOT NULL,
    PRIMARY KEY (project, warehouse)
);
