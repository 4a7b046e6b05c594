CREATE TABLE "item_claims" (
	"item_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"claimed_by" uuid,
	"claimed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "item_claims_item_id_org_id_pk" PRIMARY KEY("item_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "item_versions" (
	"item_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "item_versions_item_id_version_pk" PRIMARY KEY("item_id","version")
);
--> statement-breakpoint
CREATE TABLE "items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"base_code" text NOT NULL,
	"name" text NOT NULL,
	"legal_basis" jsonb NOT NULL,
	"type" text NOT NULL,
	"sector" text NOT NULL,
	"levels" text[] NOT NULL,
	"basis_level" text NOT NULL,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"township_guiding" boolean DEFAULT false NOT NULL,
	"major" boolean DEFAULT false NOT NULL,
	"parent_item_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "benchmark_versions" (
	"benchmark_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"effective_from" date NOT NULL,
	"tiers" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	CONSTRAINT "benchmark_versions_benchmark_id_version_pk" PRIMARY KEY("benchmark_id","version")
);
--> statement-breakpoint
CREATE TABLE "benchmarks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"owner_org_id" uuid NOT NULL,
	"parent_id" uuid,
	"current_version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "delegation_steps" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"delegation_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"payload" jsonb NOT NULL,
	"actor_id" uuid,
	"org_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delegations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_ids" uuid[] NOT NULL,
	"township_org_ids" uuid[] NOT NULL,
	"county_region_code" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"effective_date" date,
	"proposer_org_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "item_claims" ADD CONSTRAINT "item_claims_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_claims" ADD CONSTRAINT "item_claims_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_versions" ADD CONSTRAINT "item_versions_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_parent_item_id_items_id_fk" FOREIGN KEY ("parent_item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benchmark_versions" ADD CONSTRAINT "benchmark_versions_benchmark_id_benchmarks_id_fk" FOREIGN KEY ("benchmark_id") REFERENCES "public"."benchmarks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benchmarks" ADD CONSTRAINT "benchmarks_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benchmarks" ADD CONSTRAINT "benchmarks_owner_org_id_orgs_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benchmarks" ADD CONSTRAINT "benchmarks_parent_id_benchmarks_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."benchmarks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegation_steps" ADD CONSTRAINT "delegation_steps_delegation_id_delegations_id_fk" FOREIGN KEY ("delegation_id") REFERENCES "public"."delegations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_proposer_org_id_orgs_id_fk" FOREIGN KEY ("proposer_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "item_claims_org_idx" ON "item_claims" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "items_base_code_uq" ON "items" USING btree ("base_code");--> statement-breakpoint
CREATE INDEX "items_sector_type_idx" ON "items" USING btree ("sector","type");--> statement-breakpoint
CREATE INDEX "items_parent_idx" ON "items" USING btree ("parent_item_id");--> statement-breakpoint
CREATE INDEX "benchmarks_item_idx" ON "benchmarks" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "benchmarks_parent_idx" ON "benchmarks" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "delegation_steps_delegation_idx" ON "delegation_steps" USING btree ("delegation_id");--> statement-breakpoint
CREATE INDEX "delegations_county_idx" ON "delegations" USING btree ("county_region_code");