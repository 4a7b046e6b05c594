CREATE TABLE "case_number_seq" (
	"prefix" text PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
