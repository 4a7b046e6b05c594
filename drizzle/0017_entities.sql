CREATE TABLE "entities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"uscc" text NOT NULL,
	"uscc_check_valid" boolean NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"region_code" text NOT NULL,
	"sectors" text[] NOT NULL,
	"address" text NOT NULL,
	"legal_rep_sealed" text NOT NULL,
	"legal_rep_hash" text NOT NULL,
	"legal_rep_masked" text NOT NULL,
	"risk_class" text NOT NULL,
	"credit_class" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "entities" ADD CONSTRAINT "entities_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "entities_uscc_uq" ON "entities" USING btree ("uscc");--> statement-breakpoint
CREATE INDEX "entities_uscc_prefix_idx" ON "entities" USING btree ("uscc" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "entities_region_idx" ON "entities" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "entities_name_idx" ON "entities" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "entities_name_trgm_idx" ON "entities" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "cases_party_uscc_idx" ON "cases" USING btree ("party_uscc");