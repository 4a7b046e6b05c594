CREATE TABLE "complaint_files" (
	"sha256" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tracking_number" text NOT NULL,
	"query_code_hash" text,
	"channel" text NOT NULL,
	"kind" text NOT NULL,
	"content" text NOT NULL,
	"item_id" uuid,
	"region_code" text NOT NULL,
	"address" text,
	"lat" double precision,
	"lng" double precision,
	"subject_name" text,
	"subject_uscc" text,
	"anonymous" boolean NOT NULL,
	"reporter_name_sealed" text,
	"reporter_phone_sealed" text,
	"reporter_name_masked" text,
	"reporter_phone_masked" text,
	"reporter_phone_hash" text,
	"handling_org_id" uuid NOT NULL,
	"pending_org_id" uuid,
	"resume_state" text,
	"state" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"due_date" date NOT NULL,
	"hotline_due_at" timestamp with time zone,
	"paused_working_days" integer DEFAULT 0 NOT NULL,
	"transferred_at" timestamp with time zone,
	"assignee_ids" uuid[] DEFAULT '{}' NOT NULL,
	"accepted_at" timestamp with time zone,
	"reject_reason" text,
	"reply_text" text,
	"replied_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"rating" text,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"reopened_at" timestamp with time zone,
	"merged_into_id" uuid,
	"case_id" uuid,
	"hotline_client_id" text,
	"external_ref" text,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hotline_clients" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"secret_sealed" text NOT NULL,
	"callback_url" text,
	"scopes" text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"rotated_at" timestamp with time zone NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_handling_org_id_orgs_id_fk" FOREIGN KEY ("handling_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_pending_org_id_orgs_id_fk" FOREIGN KEY ("pending_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_merged_into_id_complaints_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_tracking_uq" ON "complaints" USING btree ("tracking_number");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_external_uq" ON "complaints" USING btree ("hotline_client_id","external_ref");--> statement-breakpoint
CREATE INDEX "complaints_org_state_idx" ON "complaints" USING btree ("handling_org_id","state");--> statement-breakpoint
CREATE INDEX "complaints_region_idx" ON "complaints" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "complaints_due_idx" ON "complaints" USING btree ("due_date");