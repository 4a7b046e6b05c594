CREATE TABLE "entity_codes" (
	"entity_id" uuid PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_caps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid,
	"item_id" uuid,
	"per_level" integer NOT NULL,
	"across_levels" integer NOT NULL,
	"basis" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_ratings" (
	"visit_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"score" smallint NOT NULL,
	"comment" text,
	"rated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"public_token" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_level" text NOT NULL,
	"org_sector" text NOT NULL,
	"officer_ids" uuid[] NOT NULL,
	"officer_names" text[] NOT NULL,
	"purpose" text NOT NULL,
	"task_id" uuid,
	"case_id" uuid,
	"complaint_id" uuid,
	"lat" double precision,
	"lng" double precision,
	"started_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_by_name" text NOT NULL,
	"captured_offline" boolean NOT NULL,
	"offline_reason" text,
	"cap_counted" boolean NOT NULL,
	"cap_exemption" text,
	"flags" text[] NOT NULL,
	"flag_notes" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "entity_codes" ADD CONSTRAINT "entity_codes_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_caps" ADD CONSTRAINT "visit_caps_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_ratings" ADD CONSTRAINT "visit_ratings_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_ratings" ADD CONSTRAINT "visit_ratings_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "entity_codes_token_uq" ON "entity_codes" USING btree ("token");--> statement-breakpoint
CREATE INDEX "visit_caps_org_idx" ON "visit_caps" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "visit_caps_item_idx" ON "visit_caps" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "visit_ratings_org_idx" ON "visit_ratings" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "visits_public_token_uq" ON "visits" USING btree ("public_token");--> statement-breakpoint
CREATE INDEX "visits_entity_idx" ON "visits" USING btree ("entity_id","started_at");--> statement-breakpoint
CREATE INDEX "visits_org_idx" ON "visits" USING btree ("org_id","started_at");--> statement-breakpoint
CREATE INDEX "visits_task_idx" ON "visits" USING btree ("task_id","entity_id");--> statement-breakpoint
CREATE INDEX "visits_flags_idx" ON "visits" USING gin ("flags");--> statement-breakpoint
-- Hand-written (issue 13): visits and their ratings are append-only (like case_events, 0006).
CREATE TRIGGER visits_append_only BEFORE UPDATE OR DELETE ON visits
  FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER visits_no_truncate BEFORE TRUNCATE ON visits
  FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER visit_ratings_append_only BEFORE UPDATE OR DELETE ON visit_ratings
  FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER visit_ratings_no_truncate BEFORE TRUNCATE ON visit_ratings
  FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
