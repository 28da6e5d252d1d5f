-- PostgreSQL: the seal tables refuse UPDATE, DELETE and TRUNCATE.
CREATE OR REPLACE FUNCTION ismsaudit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;
CREATE OR REPLACE TRIGGER seal_heads_append_only BEFORE UPDATE OR DELETE ON seal_heads
FOR EACH ROW EXECUTE FUNCTION ismsaudit_append_only();
CREATE OR REPLACE TRIGGER seal_heads_no_truncate BEFORE TRUNCATE ON seal_heads
FOR EACH STATEMENT EXECUTE FUNCTION ismsaudit_append_only();
CREATE OR REPLACE TRIGGER seal_signatures_append_only BEFORE UPDATE OR DELETE ON seal_signatures
FOR EACH ROW EXECUTE FUNCTION ismsaudit_append_only();
CREATE OR REPLACE TRIGGER seal_signatures_no_truncate BEFORE TRUNCATE ON seal_signatures
FOR EACH STATEMENT EXECUTE FUNCTION ismsaudit_append_only();
