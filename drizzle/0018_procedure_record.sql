CREATE TABLE "procedure_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text,
	"role" text,
	"org_id" text,
	"payload" jsonb NOT NULL,
	"attachments" jsonb NOT NULL,
	"location" jsonb,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procedure_heads" (
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"state" text,
	"last_event_seq" integer DEFAULT 0 NOT NULL,
	"last_event_hash" text DEFAULT '0000000000000000000000000000000000000000000000000000000000000000' NOT NULL,
	CONSTRAINT "procedure_heads_subject_type_subject_id_pk" PRIMARY KEY("subject_type","subject_id")
);
--> statement-breakpoint
ALTER TABLE "transparency_leaves" DROP CONSTRAINT "transparency_leaves_event_id_unique";--> statement-breakpoint
ALTER TABLE "transparency_leaves" ADD COLUMN "subject_type" text DEFAULT 'case' NOT NULL;--> statement-breakpoint
ALTER TABLE "transparency_leaves" ADD COLUMN "leaf_version" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_events_subject_seq_uq" ON "procedure_events" USING btree ("subject_type","subject_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "transparency_leaves_subject_event_uq" ON "transparency_leaves" USING btree ("subject_type","event_id");--> statement-breakpoint
-- Hand-written (issue 12): the generic procedure record is append-only like case_events (0006); its heads move with
-- every append and are never deleted (like audit_head, 0013).
CREATE TRIGGER procedure_events_append_only BEFORE UPDATE OR DELETE ON procedure_events
  FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER procedure_events_no_truncate BEFORE TRUNCATE ON procedure_events
  FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION zhifa_procedure_head_guard() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'procedure_heads hold the record chains'' heads: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER procedure_heads_no_delete BEFORE DELETE ON procedure_heads
  FOR EACH ROW EXECUTE FUNCTION zhifa_procedure_head_guard();
--> statement-breakpoint
CREATE TRIGGER procedure_heads_no_truncate BEFORE TRUNCATE ON procedure_heads
  FOR EACH STATEMENT EXECUTE FUNCTION zhifa_procedure_head_guard();
