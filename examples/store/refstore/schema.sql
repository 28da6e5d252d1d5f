-- The reference store's schema, the same for SQLite and PostgreSQL.
-- Times are TEXT in one fixed-width UTC form (2026-03-02T09:00:00.000000000Z)
-- so that they compare as text in both.

-- audits holds each audit record as the library writes it (the JSON of
-- *audit.Audit) with its revision, the format version the document
-- carries (NULL when it carries none) and a few columns read from it.
CREATE TABLE IF NOT EXISTS audits (
    id             TEXT PRIMARY KEY,
    revision       BIGINT NOT NULL CHECK (revision > 0),
    format_version TEXT,
    kind           TEXT NOT NULL,
    auditee        TEXT NOT NULL,
    state          TEXT NOT NULL,
    plan_start     TEXT,
    plan_end       TEXT,
    document       TEXT NOT NULL
);

-- seal_heads keeps every seal head of every audit, once: append-only
-- (the store only inserts, and triggers refuse UPDATE and DELETE).
-- checkpoint is the head's checkpoint text, the signed note's body.
CREATE TABLE IF NOT EXISTS seal_heads (
    audit_id   TEXT NOT NULL REFERENCES audits (id),
    number     INTEGER NOT NULL CHECK (number > 0),
    head       TEXT NOT NULL,
    checkpoint TEXT NOT NULL,
    PRIMARY KEY (audit_id, number)
);

-- seal_signatures keeps every signature line of a head's signed note,
-- append-only too; position is the line's place in the note when first
-- stored.
CREATE TABLE IF NOT EXISTS seal_signatures (
    audit_id  TEXT NOT NULL,
    number    INTEGER NOT NULL,
    signature TEXT NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (audit_id, number, signature),
    FOREIGN KEY (audit_id, number) REFERENCES seal_heads (audit_id, number)
);

-- nonconformities and follow_ups are indexes rebuilt from the document
-- at every save, in the same transaction: the document stays the record.
CREATE TABLE IF NOT EXISTS nonconformities (
    audit_id  TEXT NOT NULL REFERENCES audits (id),
    finding   TEXT NOT NULL,
    criterion TEXT NOT NULL,
    grade     TEXT NOT NULL,
    open      INTEGER NOT NULL,
    PRIMARY KEY (audit_id, finding, criterion)
);
CREATE INDEX IF NOT EXISTS nonconformities_criterion ON nonconformities (criterion, open);

CREATE TABLE IF NOT EXISTS follow_ups (
    audit_id TEXT NOT NULL REFERENCES audits (id),
    finding  TEXT NOT NULL,
    state    TEXT NOT NULL,
    due_at   TEXT,
    PRIMARY KEY (audit_id, finding)
);
CREATE INDEX IF NOT EXISTS follow_ups_due ON follow_ups (due_at);
