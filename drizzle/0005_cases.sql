CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"role" text,
	"org_id" uuid,
	"payload" jsonb NOT NULL,
	"attachments" jsonb NOT NULL,
	"location" jsonb,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_officers" (
	"case_id" uuid NOT NULL,
	"officer_id" uuid NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_officers_case_id_officer_id_pk" PRIMARY KEY("case_id","officer_id")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"org_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"source" text NOT NULL,
	"party_kind" text NOT NULL,
	"party_name" text NOT NULL,
	"party_id_sealed" text,
	"party_id_hash" text,
	"party_id_masked" text,
	"party_uscc" text,
	"party_address_sealed" text,
	"party_phone_sealed" text,
	"facts" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"location" text,
	"state" text NOT NULL,
	"state_before_suspension" text,
	"filed_at" timestamp with time zone,
	"notified_at" timestamp with time zone,
	"intended" jsonb,
	"hearing_rights" boolean DEFAULT false NOT NULL,
	"hearing_requested_at" timestamp with time zone,
	"hearing_held" boolean DEFAULT false NOT NULL,
	"statement_recorded" boolean DEFAULT false NOT NULL,
	"statement_waived" boolean DEFAULT false NOT NULL,
	"hearing_waived" boolean DEFAULT false NOT NULL,
	"review_flags" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"legal_review_outcome" text,
	"decision" jsonb,
	"decided_at" timestamp with time zone,
	"deviation" boolean DEFAULT false NOT NULL,
	"delivered_at" timestamp with time zone,
	"delivery_late" boolean DEFAULT false NOT NULL,
	"paid_fen" integer DEFAULT 0 NOT NULL,
	"extension_days" integer[] DEFAULT '{}' NOT NULL,
	"suspensions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_blobs" (
	"sha256" text PRIMARY KEY NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_officers" ADD CONSTRAINT "case_officers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_officers" ADD CONSTRAINT "case_officers_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_events_case_seq_uq" ON "case_events" USING btree ("case_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_number_uq" ON "cases" USING btree ("number");--> statement-breakpoint
CREATE INDEX "cases_org_state_idx" ON "cases" USING btree ("org_id","state");--> statement-breakpoint
CREATE INDEX "cases_party_hash_idx" ON "cases" USING btree ("party_id_hash");