-- Within one plan a vehicle, an exhibit set or a venue can never have two stays that overlap in
-- time, whatever code path writes them (drizzle-kit cannot express EXCLUDE constraints, hence this
-- hand-written migration). A stay occupies the whole days from starts_on to ends_on inclusive.
-- Cancelled stops no longer occupy anything. Overlaps are rejected with SQLSTATE 23P01 and the
-- constraint name, which the API maps to STOP_OVERLAP_VEHICLE / _SET / _VENUE.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "stops" ADD CONSTRAINT "stops_no_vehicle_overlap"
  EXCLUDE USING gist ("plan_id" WITH =, "vehicle_id" WITH =, daterange("starts_on", "ends_on", '[]') WITH &&)
  WHERE ("status" <> 'cancelled');
--> statement-breakpoint
ALTER TABLE "stops" ADD CONSTRAINT "stops_no_set_overlap"
  EXCLUDE USING gist ("plan_id" WITH =, "exhibit_set_id" WITH =, daterange("starts_on", "ends_on", '[]') WITH &&)
  WHERE ("status" <> 'cancelled');
--> statement-breakpoint
ALTER TABLE "stops" ADD CONSTRAINT "stops_no_venue_overlap"
  EXCLUDE USING gist ("plan_id" WITH =, "venue_id" WITH =, daterange("starts_on", "ends_on", '[]') WITH &&)
  WHERE ("status" <> 'cancelled');
