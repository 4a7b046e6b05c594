CREATE TABLE "inspection_assignments" (
	"task_id" uuid NOT NULL,
	"entity_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"officer_id" uuid NOT NULL,
	"certificate_number" text NOT NULL,
	"org_id" uuid NOT NULL,
	"pick" integer NOT NULL,
	CONSTRAINT "inspection_assignments_task_id_entity_id_position_pk" PRIMARY KEY("task_id","entity_id","position")
);
--> statement-breakpoint
CREATE TABLE "inspection_follow_ups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"entity_id" uuid NOT NULL,
	"result_id" uuid NOT NULL,
	"due_from" date NOT NULL,
	"status" text NOT NULL,
	"follow_up_result_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_pairs" (
	"task_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"certificate_number" text NOT NULL,
	"uscc" text NOT NULL,
	CONSTRAINT "inspection_pairs_task_id_kind_certificate_number_uscc_pk" PRIMARY KEY("task_id","kind","certificate_number","uscc")
);
--> statement-breakpoint
CREATE TABLE "inspection_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"org_ids" uuid[] NOT NULL,
	"item_ids" uuid[] NOT NULL,
	"target_filter" jsonb NOT NULL,
	"ratios" jsonb NOT NULL,
	"inspectors_per_target" integer NOT NULL,
	"from" date NOT NULL,
	"to" date NOT NULL,
	"status" text NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL,
	"created_by_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_pool" (
	"task_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"officer_id" uuid NOT NULL,
	"certificate_number" text NOT NULL,
	"org_id" uuid NOT NULL,
	CONSTRAINT "inspection_pool_task_id_position_pk" PRIMARY KEY("task_id","position")
);
--> statement-breakpoint
CREATE TABLE "inspection_population" (
	"task_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"entity_id" uuid NOT NULL,
	"uscc" text NOT NULL,
	"risk_class" text NOT NULL,
	CONSTRAINT "inspection_population_task_id_position_pk" PRIMARY KEY("task_id","position")
);
--> statement-breakpoint
CREATE TABLE "inspection_results" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"entity_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"inspected_at" timestamp with time zone NOT NULL,
	"mode" text NOT NULL,
	"outcome" text NOT NULL,
	"findings" text NOT NULL,
	"rectify_by" date,
	"inspector_ids" uuid[] NOT NULL,
	"substituted" boolean NOT NULL,
	"substitution_reason" text,
	"case_id" uuid,
	"publish_by" date NOT NULL,
	"published_at" timestamp with time zone,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_by_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_targets" (
	"task_id" uuid NOT NULL,
	"entity_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"uscc" text NOT NULL,
	"risk_class" text NOT NULL,
	"pick" integer NOT NULL,
	"unfilled" jsonb,
	CONSTRAINT "inspection_targets_task_id_entity_id_pk" PRIMARY KEY("task_id","entity_id")
);
--> statement-breakpoint
CREATE TABLE "inspection_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"name" text NOT NULL,
	"deadline" date NOT NULL,
	"org_ids" uuid[] NOT NULL,
	"state" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"server_seed_sealed" text,
	"draw_date" date,
	"seed_commitment" text,
	"population_hash" text,
	"pool_hash" text,
	"population_size" integer,
	"pool_size" integer,
	"committed_at" timestamp with time zone,
	"server_seed" text,
	"public_seed" text,
	"seed" text,
	"classes" jsonb,
	"drawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "officer_conflicts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"officer_id" uuid NOT NULL,
	"entity_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"declared_at" timestamp with time zone NOT NULL,
	"declared_by" uuid NOT NULL,
	"declared_by_name" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inspection_assignments" ADD CONSTRAINT "inspection_assignments_task_id_inspection_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."inspection_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_assignments" ADD CONSTRAINT "inspection_assignments_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_assignments" ADD CONSTRAINT "inspection_assignments_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_follow_ups" ADD CONSTRAINT "inspection_follow_ups_task_id_inspection_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."inspection_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_follow_ups" ADD CONSTRAINT "inspection_follow_ups_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_follow_ups" ADD CONSTRAINT "inspection_follow_ups_result_id_inspection_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."inspection_results"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_pairs" ADD CONSTRAINT "inspection_pairs_task_id_inspection_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."inspection_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_pool" ADD CONSTRAINT "inspection_pool_task_id_inspection_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."inspection_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_pool" ADD CONSTRAINT "inspection_pool_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_population" ADD CONSTRAINT "inspection_population_task_id_inspection_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."inspection_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_population" ADD CONSTRAINT "inspection_population_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_results" ADD CONSTRAINT "inspection_results_task_id_inspection_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."inspection_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_results" ADD CONSTRAINT "inspection_results_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_targets" ADD CONSTRAINT "inspection_targets_task_id_inspection_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."inspection_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_targets" ADD CONSTRAINT "inspection_targets_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD CONSTRAINT "inspection_tasks_plan_id_inspection_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."inspection_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "officer_conflicts" ADD CONSTRAINT "officer_conflicts_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "officer_conflicts" ADD CONSTRAINT "officer_conflicts_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_follow_ups_target_uq" ON "inspection_follow_ups" USING btree ("task_id","entity_id");--> statement-breakpoint
CREATE INDEX "inspection_plans_year_idx" ON "inspection_plans" USING btree ("year");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_results_target_kind_uq" ON "inspection_results" USING btree ("task_id","entity_id","kind");--> statement-breakpoint
CREATE INDEX "inspection_results_late_idx" ON "inspection_results" USING btree ("publish_by");--> statement-breakpoint
CREATE INDEX "inspection_results_case_idx" ON "inspection_results" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_targets_position_uq" ON "inspection_targets" USING btree ("task_id","position");--> statement-breakpoint
CREATE INDEX "inspection_targets_entity_idx" ON "inspection_targets" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "inspection_tasks_plan_idx" ON "inspection_tasks" USING btree ("plan_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "officer_conflicts_pair_uq" ON "officer_conflicts" USING btree ("officer_id","entity_id");