ALTER TABLE "cases" ADD COLUMN "procedure" text DEFAULT 'general' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "recusals" jsonb DEFAULT '[]'::jsonb NOT NULL;