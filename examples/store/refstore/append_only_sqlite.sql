-- SQLite: the seal tables refuse UPDATE and DELETE.
CREATE TRIGGER IF NOT EXISTS seal_heads_no_update BEFORE UPDATE ON seal_heads
BEGIN SELECT RAISE(ABORT, 'seal_heads is append-only'); END;
CREATE TRIGGER IF NOT EXISTS seal_heads_no_delete BEFORE DELETE ON seal_heads
BEGIN SELECT RAISE(ABORT, 'seal_heads is append-only'); END;
CREATE TRIGGER IF NOT EXISTS seal_signatures_no_update BEFORE UPDATE ON seal_signatures
BEGIN SELECT RAISE(ABORT, 'seal_signatures is append-only'); END;
CREATE TRIGGER IF NOT EXISTS seal_signatures_no_delete BEFORE DELETE ON seal_signatures
BEGIN SELECT RAISE(ABORT, 'seal_signatures is append-only'); END;
