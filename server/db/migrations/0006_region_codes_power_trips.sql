-- Onboarding a region (issue 11): codes unique per region, not per deployment (a second region may
-- reuse every code of the first), with a centre's own code on centres, venues, vehicles, drivers and
-- requests for a workbook import to update by; a venue may have no power (0 kW); a vehicle's trip
-- limit may be left to the region's default for its type (regions.default_trip_days; a set truck
-- with none gets its longest set's stay and the drive, server/db/trip-days.ts). Existing rows keep
-- their trip limit.
ALTER TABLE "exhibit_sets" DROP CONSTRAINT "exhibit_sets_code_unique";--> statement-breakpoint
ALTER TABLE "venues" DROP CONSTRAINT "venues_power_positive";--> statement-breakpoint
DROP INDEX "exhibit_sets_region_idx";--> statement-breakpoint
ALTER TABLE "vehicles" ALTER COLUMN "max_trip_days" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "vehicles" ALTER COLUMN "max_trip_days" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "default_trip_days" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "centres" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "venues" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "drivers" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "code" text;--> statement-breakpoint
CREATE UNIQUE INDEX "centres_region_code_key" ON "centres" USING btree ("region_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "venues_region_code_key" ON "venues" USING btree ("region_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "exhibit_sets_region_code_key" ON "exhibit_sets" USING btree ("region_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "vehicles_region_code_key" ON "vehicles" USING btree ("region_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "drivers_region_code_key" ON "drivers" USING btree ("region_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "requests_region_code_key" ON "requests" USING btree ("region_id","code");--> statement-breakpoint
ALTER TABLE "venues" ADD CONSTRAINT "venues_power_nonnegative" CHECK ("venues"."power_kw" >= 0);