CREATE TABLE "publications" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"publish_by" date NOT NULL,
	"publish_by_provisional" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"published_late" boolean DEFAULT false NOT NULL,
	"ends_on" date,
	"withdraw_reason" text,
	"revoked_at" timestamp with time zone,
	"withdraw_by" date,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_late" boolean DEFAULT false NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "publications_publish_by_idx" ON "publications" USING btree ("publish_by");--> statement-breakpoint
CREATE INDEX "publications_published_idx" ON "publications" USING btree ("published_at");