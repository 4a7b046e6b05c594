CREATE TABLE "audit_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_head_single_row" CHECK ("audit_head"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "last_event_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "last_event_hash" text DEFAULT '0000000000000000000000000000000000000000000000000000000000000000' NOT NULL;--> statement-breakpoint
-- Backfill: the audit chain's head is its last event; each case's record head is its last event.
INSERT INTO "audit_head" ("id", "prev_hash", "hash")
SELECT 1,
  coalesce((SELECT "prev_hash" FROM "audit_events" ORDER BY "seq" DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000'),
  coalesce((SELECT "hash" FROM "audit_events" ORDER BY "seq" DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000');
--> statement-breakpoint
UPDATE "cases" SET "last_event_seq" = e."seq", "last_event_hash" = e."hash"
FROM (SELECT DISTINCT ON ("case_id") "case_id", "seq", "hash" FROM "case_events" ORDER BY "case_id", "seq" DESC) e
WHERE e."case_id" = "cases"."id";
--> statement-breakpoint
-- The head row is updated by every append, never deleted.
CREATE OR REPLACE FUNCTION zhifa_audit_head_guard() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_head is the audit chain''s head: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
  FOR EACH ROW EXECUTE FUNCTION zhifa_audit_head_guard();
--> statement-breakpoint
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
  FOR EACH STATEMENT EXECUTE FUNCTION zhifa_audit_head_guard();
