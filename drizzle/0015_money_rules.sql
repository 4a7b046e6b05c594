CREATE TABLE "payment_references" (
	"org_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"case_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_references_org_id_reference_pk" PRIMARY KEY("org_id","reference")
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "payments" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_references" ADD CONSTRAINT "payment_references_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_references" ADD CONSTRAINT "payment_references_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_paid_within_owed" CHECK ("cases"."paid_fen" >= 0 and "cases"."paid_fen" <= 2 * coalesce(("cases"."decision"->>'amountFen')::bigint, 0));