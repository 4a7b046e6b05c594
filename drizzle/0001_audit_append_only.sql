-- Audit events are append-only. UPDATE and TRUNCATE are always refused; DELETE only by the purge command
-- (session setting zhifa.audit_purge = 'on') and only for events older than 184 days.
CREATE OR REPLACE FUNCTION zhifa_audit_events_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE'
     AND current_setting('zhifa.audit_purge', true) = 'on'
     AND OLD.at < now() - interval '184 days' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION zhifa_audit_events_guard();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION zhifa_audit_events_guard();
