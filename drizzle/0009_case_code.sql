ALTER TABLE "cases" ADD COLUMN "case_code" text;--> statement-breakpoint
CREATE UNIQUE INDEX "cases_case_code_uq" ON "cases" USING btree ("case_code");