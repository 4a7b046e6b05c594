CREATE TABLE "complaint_number_counters" (
	"day" date PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "visit_caps" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "item_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "visit_caps_item_uq" ON "visit_caps" USING btree ("item_id") WHERE "visit_caps"."item_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "visit_caps_org_uq" ON "visit_caps" USING btree ("org_id") WHERE "visit_caps"."item_id" is null;