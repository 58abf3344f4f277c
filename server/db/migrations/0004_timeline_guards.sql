-- One living timeline per region (DESIGN.md, "Plans are a timeline of promises and facts").
-- The region's published plan is its timeline: its stays keep their ids across every publish, and
-- a publish changes only the draft horizon's planned stays. Hand-written because drizzle-kit cannot
-- express deferrable exclusion constraints, data repair or triggers.

-- 1. Overlap constraints may be checked at commit: a publish moves several stays at once, and one
--    may take a day another is leaving within the same transaction.
ALTER TABLE "stops" DROP CONSTRAINT "stops_no_vehicle_overlap";
--> statement-breakpoint
ALTER TABLE "stops" ADD CONSTRAINT "stops_no_vehicle_overlap"
  EXCLUDE USING gist ("plan_id" WITH =, "vehicle_id" WITH =, daterange("starts_on", "ends_on", '[]') WITH &&)
  WHERE ("status" <> 'cancelled') DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "stops" DROP CONSTRAINT "stops_no_set_overlap";
--> statement-breakpoint
ALTER TABLE "stops" ADD CONSTRAINT "stops_no_set_overlap"
  EXCLUDE USING gist ("plan_id" WITH =, "exhibit_set_id" WITH =, daterange("starts_on", "ends_on", '[]') WITH &&)
  WHERE ("status" <> 'cancelled') DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "stops" DROP CONSTRAINT "stops_no_venue_overlap";
--> statement-breakpoint
ALTER TABLE "stops" ADD CONSTRAINT "stops_no_venue_overlap"
  EXCLUDE USING gist ("plan_id" WITH =, "venue_id" WITH =, daterange("starts_on", "ends_on", '[]') WITH &&)
  WHERE ("status" <> 'cancelled') DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint

-- 2. Repair what the old model lost. It published by replacing the whole plan, so facts (stays
--    under way or done, and stays with a visit report) could be left behind in superseded plans,
--    their reports with them. Each such fact comes back into its region's timeline: onto its copy
--    there if the timeline has one (same venue, vehicle, set and first day), else as itself (same
--    id, so its report stays attached). A planned stay of the timeline in its way is cancelled;
--    a confirmed or factual one in its way wins, and the fact stays in its archived plan.
DO $$
DECLARE
  f record;
  twin integer;
  tour integer;
BEGIN
  -- A region with superseded plans but no published one: its latest version is its timeline.
  UPDATE plans p SET status = 'published'
  WHERE p.id IN (
    SELECT DISTINCT ON (s.region_id) s.id FROM plans s
    WHERE s.status = 'superseded'
      AND NOT EXISTS (SELECT 1 FROM plans q WHERE q.region_id = s.region_id AND q.status = 'published')
    ORDER BY s.region_id, s.version DESC);

  FOR f IN
    SELECT s.*, live.id AS live_id
    FROM stops s
    JOIN plans old ON old.id = s.plan_id AND old.status = 'superseded'
    JOIN plans live ON live.region_id = old.region_id AND live.status = 'published'
    WHERE s.status <> 'cancelled'
      AND (s.status IN ('arrived', 'completed') OR EXISTS (SELECT 1 FROM visit_reports v WHERE v.stop_id = s.id))
    ORDER BY s.id
  LOOP
    SELECT t.id INTO twin FROM stops t
    WHERE t.plan_id = f.live_id AND t.status <> 'cancelled' AND t.venue_id = f.venue_id
      AND t.vehicle_id = f.vehicle_id AND t.exhibit_set_id = f.exhibit_set_id AND t.starts_on = f.starts_on
    ORDER BY t.id LIMIT 1;
    IF twin IS NOT NULL THEN
      UPDATE stops SET
        status = CASE WHEN f.status IN ('arrived', 'completed') AND stops.status NOT IN ('arrived', 'completed') THEN f.status ELSE stops.status END,
        arrived_at = coalesce(stops.arrived_at, f.arrived_at),
        completed_at = coalesce(stops.completed_at, f.completed_at)
      WHERE stops.id = twin;
      IF NOT EXISTS (SELECT 1 FROM visit_reports v WHERE v.stop_id = twin) THEN
        UPDATE visit_reports SET stop_id = twin WHERE stop_id = f.id;
      END IF;
      CONTINUE;
    END IF;
    IF EXISTS (
      SELECT 1 FROM stops t
      WHERE t.plan_id = f.live_id AND t.status NOT IN ('cancelled', 'planned')
        AND (t.vehicle_id = f.vehicle_id OR t.exhibit_set_id = f.exhibit_set_id OR t.venue_id = f.venue_id)
        AND daterange(t.starts_on, t.ends_on, '[]') && daterange(f.starts_on, f.ends_on, '[]')
    ) THEN
      CONTINUE;
    END IF;
    UPDATE stops t SET status = 'cancelled', cancel_reason = '{"code":"DISPLACED_BY_FACT"}'::jsonb
    WHERE t.plan_id = f.live_id AND t.status = 'planned'
      AND (t.vehicle_id = f.vehicle_id OR t.exhibit_set_id = f.exhibit_set_id OR t.venue_id = f.venue_id)
      AND daterange(t.starts_on, t.ends_on, '[]') && daterange(f.starts_on, f.ends_on, '[]');
    INSERT INTO tours (plan_id, vehicle_id) VALUES (f.live_id, f.vehicle_id) ON CONFLICT (plan_id, vehicle_id) DO NOTHING;
    SELECT id INTO tour FROM tours WHERE plan_id = f.live_id AND vehicle_id = f.vehicle_id;
    UPDATE stops SET plan_id = f.live_id, tour_id = tour,
      seq = (SELECT coalesce(max(seq), 0) + 1 FROM stops WHERE tour_id = tour)
    WHERE id = f.id;
  END LOOP;
END $$;
--> statement-breakpoint

-- 3. The database guards facts and promises, whatever code path writes. On the timeline (the
--    published plan) a stay under way or done cannot be deleted, cancelled, or moved to another
--    venue, vehicle, set or first day, and a done stay's days cannot change at all. A confirmed
--    stay moves, changes vehicle or set, or goes only inside a transaction that declares an
--    explicit, audited decision (`set_config('rove.decision', …, true)`, see
--    server/db/decisions.ts). Errors carry SQLSTATE RVF01 (fact) and RVP01 (promise).
CREATE OR REPLACE FUNCTION rove_stop_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  on_timeline boolean;
  decided boolean := coalesce(current_setting('rove.decision', true), '') <> '';
  placed_elsewhere boolean;
BEGIN
  SELECT p.status = 'published' INTO on_timeline FROM plans p WHERE p.id = OLD.plan_id;
  IF NOT coalesce(on_timeline, false) THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' THEN
    IF OLD.status IN ('arrived', 'completed') THEN
      RAISE EXCEPTION 'stay % is % and cannot be deleted', OLD.id, OLD.status USING ERRCODE = 'RVF01';
    END IF;
    IF OLD.status = 'confirmed' AND NOT decided THEN
      RAISE EXCEPTION 'stay % is confirmed: deleting it needs an explicit decision', OLD.id USING ERRCODE = 'RVP01';
    END IF;
    RETURN OLD;
  END IF;
  placed_elsewhere := NEW.plan_id <> OLD.plan_id OR NEW.venue_id <> OLD.venue_id OR NEW.vehicle_id <> OLD.vehicle_id
    OR NEW.exhibit_set_id <> OLD.exhibit_set_id OR NEW.starts_on <> OLD.starts_on;
  IF OLD.status = 'completed' AND (NEW.status <> 'completed' OR placed_elsewhere
      OR NEW.opens_on <> OLD.opens_on OR NEW.closes_on <> OLD.closes_on OR NEW.ends_on <> OLD.ends_on) THEN
    RAISE EXCEPTION 'stay % is completed: its days, venue, vehicle and set cannot change', OLD.id USING ERRCODE = 'RVF01';
  END IF;
  IF OLD.status = 'arrived' AND (NEW.status NOT IN ('arrived', 'completed') OR placed_elsewhere) THEN
    RAISE EXCEPTION 'stay % is under way: it cannot be cancelled or moved', OLD.id USING ERRCODE = 'RVF01';
  END IF;
  IF OLD.status = 'confirmed' AND NOT decided AND (NEW.status IN ('planned', 'cancelled') OR placed_elsewhere
      OR NEW.opens_on <> OLD.opens_on OR NEW.closes_on <> OLD.closes_on OR NEW.ends_on <> OLD.ends_on) THEN
    RAISE EXCEPTION 'stay % is confirmed: changing it needs an explicit decision', OLD.id USING ERRCODE = 'RVP01';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER stops_guard BEFORE UPDATE OR DELETE ON stops FOR EACH ROW EXECUTE FUNCTION rove_stop_guard();
--> statement-breakpoint

-- The timeline itself cannot be deleted or turned back into a draft.
CREATE OR REPLACE FUNCTION rove_plan_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' AND (TG_OP = 'DELETE' OR NEW.status <> 'published') THEN
    RAISE EXCEPTION 'plan % is its region''s timeline and stays published', OLD.id USING ERRCODE = 'RVF01';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER plans_guard BEFORE UPDATE OF status OR DELETE ON plans FOR EACH ROW EXECUTE FUNCTION rove_plan_guard();
--> statement-breakpoint

-- A visit report is never deleted nor moved to another stay (its figures may still be corrected).
CREATE OR REPLACE FUNCTION rove_visit_report_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.stop_id <> OLD.stop_id THEN
    RAISE EXCEPTION 'visit report % is a fact and cannot be deleted or moved', OLD.id USING ERRCODE = 'RVF01';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER visit_reports_guard BEFORE UPDATE OR DELETE ON visit_reports FOR EACH ROW EXECUTE FUNCTION rove_visit_report_guard();
