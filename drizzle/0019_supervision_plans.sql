CREATE TABLE "supervision_plan_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"target_org_ids" uuid[] NOT NULL,
	"due" date NOT NULL,
	"status" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"body_org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_progress" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"note" text NOT NULL,
	"by_user_id" uuid NOT NULL,
	"by_name" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "supervision_plan_items" ADD CONSTRAINT "supervision_plan_items_plan_id_supervision_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."supervision_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_plans" ADD CONSTRAINT "supervision_plans_body_org_id_orgs_id_fk" FOREIGN KEY ("body_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_progress" ADD CONSTRAINT "supervision_progress_item_id_supervision_plan_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."supervision_plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_plan_items_position_uq" ON "supervision_plan_items" USING btree ("plan_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_plans_body_year_uq" ON "supervision_plans" USING btree ("body_org_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_progress_item_seq_uq" ON "supervision_progress" USING btree ("item_id","seq");