CREATE TABLE "review_campaigns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"body_org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"org_ids" uuid[] NOT NULL,
	"sample" jsonb NOT NULL,
	"case_filter" jsonb NOT NULL,
	"rubric_id" uuid NOT NULL,
	"reviewer_ids" uuid[] NOT NULL,
	"state" text NOT NULL,
	"server_seed_sealed" text,
	"server_seed" text,
	"public_seed" text,
	"seed" text,
	"seed_commitment" text,
	"population_hash" text,
	"population_size" integer,
	"committed_at" timestamp with time zone,
	"drawn_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL,
	"created_by_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"case_number" text NOT NULL,
	"org_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"pick" integer NOT NULL,
	"prefills" jsonb NOT NULL,
	"flagged" boolean DEFAULT false NOT NULL,
	"final_score" double precision,
	"final_grade" text,
	"final_veto" boolean
);
--> statement-breakpoint
CREATE TABLE "review_population" (
	"campaign_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"case_number" text NOT NULL,
	"org_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "review_population_campaign_id_position_pk" PRIMARY KEY("campaign_id","position")
);
--> statement-breakpoint
CREATE TABLE "review_rubrics" (
	"id" uuid PRIMARY KEY NOT NULL,
	"family_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"body_org_id" uuid NOT NULL,
	"veto_items" jsonb NOT NULL,
	"criteria" jsonb NOT NULL,
	"grades" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_sheets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"file_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"answer" jsonb,
	"vetoes" text[],
	"criterion_scores" jsonb,
	"total" double precision,
	"grade" text,
	"veto" boolean,
	"submitted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "review_campaigns" ADD CONSTRAINT "review_campaigns_body_org_id_orgs_id_fk" FOREIGN KEY ("body_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_campaigns" ADD CONSTRAINT "review_campaigns_rubric_id_review_rubrics_id_fk" FOREIGN KEY ("rubric_id") REFERENCES "public"."review_rubrics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_files" ADD CONSTRAINT "review_files_campaign_id_review_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."review_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_files" ADD CONSTRAINT "review_files_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_population" ADD CONSTRAINT "review_population_campaign_id_review_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."review_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_population" ADD CONSTRAINT "review_population_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_rubrics" ADD CONSTRAINT "review_rubrics_body_org_id_orgs_id_fk" FOREIGN KEY ("body_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_sheets" ADD CONSTRAINT "review_sheets_file_id_review_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."review_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_sheets" ADD CONSTRAINT "review_sheets_campaign_id_review_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."review_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_sheets" ADD CONSTRAINT "review_sheets_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_campaigns_body_idx" ON "review_campaigns" USING btree ("body_org_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "review_files_case_uq" ON "review_files" USING btree ("campaign_id","case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_rubrics_family_version_uq" ON "review_rubrics" USING btree ("family_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "review_sheets_file_round_uq" ON "review_sheets" USING btree ("file_id","round");--> statement-breakpoint
CREATE UNIQUE INDEX "review_sheets_file_reviewer_uq" ON "review_sheets" USING btree ("file_id","reviewer_id");--> statement-breakpoint
CREATE INDEX "review_sheets_reviewer_idx" ON "review_sheets" USING btree ("reviewer_id");