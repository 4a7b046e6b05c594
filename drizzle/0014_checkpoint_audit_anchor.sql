-- Checkpoints v2 also commit to the audit chain's head, so several may share a tree size: they are keyed by signing
-- order. Existing rows (append-only, never updated) get ids in the order they were written.
ALTER TABLE "transparency_checkpoints" DROP CONSTRAINT "transparency_checkpoints_pkey";--> statement-breakpoint
ALTER TABLE "transparency_checkpoints" ADD COLUMN "id" bigserial PRIMARY KEY NOT NULL;--> statement-breakpoint
ALTER TABLE "transparency_checkpoints" ADD COLUMN "audit_seq" bigint;--> statement-breakpoint
ALTER TABLE "transparency_checkpoints" ADD COLUMN "audit_hash" text;--> statement-breakpoint
CREATE INDEX "transparency_checkpoints_tree_size_idx" ON "transparency_checkpoints" USING btree ("tree_size");--> statement-breakpoint
CREATE INDEX "transparency_nodes_leaf_hash_idx" ON "transparency_nodes" USING btree ("hash") WHERE "transparency_nodes"."level" = 0;
