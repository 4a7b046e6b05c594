-- Name search on the item catalogue (pg_trgm works for Chinese substrings).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS items_name_trgm_idx ON items USING gin (name gin_trgm_ops);
--> statement-breakpoint
-- Histories that must never be rewritten: certificate changes and delegation steps.
CREATE OR REPLACE FUNCTION zhifa_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER certificate_events_append_only BEFORE UPDATE OR DELETE ON certificate_events
  FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER delegation_steps_append_only BEFORE UPDATE OR DELETE ON delegation_steps
  FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
