CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"officer_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"grade" text NOT NULL,
	"comments" text,
	"assessor_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificate_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"certificate_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text,
	"actor_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"officer_id" uuid NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"issuer_org_id" uuid NOT NULL,
	"sectors" text[] NOT NULL,
	"region_codes" text[] NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"status" text NOT NULL,
	"public_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exit_decisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"officer_id" uuid NOT NULL,
	"action" text NOT NULL,
	"reason" text NOT NULL,
	"basis" text NOT NULL,
	"certificate_ids" text[] NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "officers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"id_number_sealed" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"org_id" uuid NOT NULL,
	"position" text,
	"phone_sealed" text,
	"phone_masked" text,
	"legal_qualification" boolean DEFAULT false NOT NULL,
	"legal_reviewer" boolean DEFAULT false NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"officer_id" uuid NOT NULL,
	"course" text NOT NULL,
	"course_key" text NOT NULL,
	"category" text NOT NULL,
	"mode" text NOT NULL,
	"provider" text NOT NULL,
	"date" date NOT NULL,
	"minutes" integer,
	"credit_milli" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "detail" text;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_events" ADD CONSTRAINT "certificate_events_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_issuer_org_id_orgs_id_fk" FOREIGN KEY ("issuer_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exit_decisions" ADD CONSTRAINT "exit_decisions_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "officers" ADD CONSTRAINT "officers_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "officers" ADD CONSTRAINT "officers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_records" ADD CONSTRAINT "training_records_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assessments_officer_year_uq" ON "assessments" USING btree ("officer_id","year");--> statement-breakpoint
CREATE INDEX "certificate_events_cert_idx" ON "certificate_events" USING btree ("certificate_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_number_uq" ON "certificates" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_token_uq" ON "certificates" USING btree ("public_token");--> statement-breakpoint
CREATE INDEX "certificates_officer_idx" ON "certificates" USING btree ("officer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "officers_id_number_hash_uq" ON "officers" USING btree ("id_number_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "officers_user_uq" ON "officers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "officers_org_idx" ON "officers" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_records_dedupe_uq" ON "training_records" USING btree ("officer_id","course_key","date");--> statement-breakpoint
CREATE INDEX "training_records_date_idx" ON "training_records" USING btree ("date","officer_id");