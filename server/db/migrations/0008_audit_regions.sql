ALTER TABLE "audit_log" ADD COLUMN "region_ids" integer[] DEFAULT '{}'::integer[] NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_log_regions_idx" ON "audit_log" USING gin ("region_ids");