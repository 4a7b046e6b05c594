CREATE TABLE "inspection_population_chunks" (
	"task_id" uuid NOT NULL,
	"chunk" integer NOT NULL,
	"entries" text NOT NULL,
	"entity_ids" uuid[] NOT NULL,
	CONSTRAINT "inspection_population_chunks_task_id_chunk_pk" PRIMARY KEY("task_id","chunk")
);
--> statement-breakpoint
ALTER TABLE "inspection_population_chunks" ADD CONSTRAINT "inspection_population_chunks_task_id_inspection_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."inspection_tasks"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
-- custom SQL (issue 13, bench:draw): the frozen populations written so far, one row per entity, become chunks of
-- 100,000 entities (USCC + class letter per entity, ids in the same order) before the old table goes
INSERT INTO "inspection_population_chunks" ("task_id", "chunk", "entries", "entity_ids")
SELECT "task_id", ("position" - 1) / 100000, string_agg("uscc" || "risk_class", '' ORDER BY "position"),
       array_agg("entity_id" ORDER BY "position")
FROM "inspection_population" GROUP BY "task_id", ("position" - 1) / 100000;--> statement-breakpoint
DROP TABLE "inspection_population" CASCADE;--> statement-breakpoint
ALTER TABLE "inspection_assignments" DROP CONSTRAINT "inspection_assignments_task_id_inspection_tasks_id_fk";
--> statement-breakpoint
ALTER TABLE "inspection_assignments" DROP CONSTRAINT "inspection_assignments_entity_id_entities_id_fk";
--> statement-breakpoint
ALTER TABLE "inspection_assignments" ADD CONSTRAINT "inspection_assignments_task_id_entity_id_inspection_targets_task_id_entity_id_fk" FOREIGN KEY ("task_id","entity_id") REFERENCES "public"."inspection_targets"("task_id","entity_id") ON DELETE no action ON UPDATE no action;
