ALTER TABLE "complaints" ADD COLUMN "media_url" text;--> statement-breakpoint
ALTER TABLE "hotline_clients" ADD COLUMN "secret_hash" text;--> statement-breakpoint
ALTER TABLE "hotline_clients" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "hotline_clients" ADD COLUMN "revoked_by" uuid;--> statement-breakpoint
CREATE INDEX "complaints_channel_received_idx" ON "complaints" USING btree ("channel","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "hotline_clients_secret_hash_uq" ON "hotline_clients" USING btree ("secret_hash");