CREATE TABLE "loans" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "loans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"exhibit_set_id" integer,
	"vehicle_id" integer,
	"lender_region_id" integer NOT NULL,
	"borrower_region_id" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_by" integer,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "loans_one_asset" CHECK (("loans"."exhibit_set_id" is null) <> ("loans"."vehicle_id" is null)),
	CONSTRAINT "loans_end_after_start" CHECK ("loans"."ends_on" >= "loans"."starts_on"),
	CONSTRAINT "loans_to_another_region" CHECK ("loans"."borrower_region_id" <> "loans"."lender_region_id")
);
--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_exhibit_set_id_exhibit_sets_id_fk" FOREIGN KEY ("exhibit_set_id") REFERENCES "public"."exhibit_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_lender_region_id_regions_id_fk" FOREIGN KEY ("lender_region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_borrower_region_id_regions_id_fk" FOREIGN KEY ("borrower_region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "loans_lender_idx" ON "loans" USING btree ("lender_region_id","starts_on");--> statement-breakpoint
CREATE INDEX "loans_borrower_idx" ON "loans" USING btree ("borrower_region_id","starts_on");--> statement-breakpoint

-- Lending between regions (issue 15, point 3). Hand-written: drizzle-kit cannot express exclusion
-- constraints or triggers. A region holds an asset (exhibit set or vehicle) on a day when it owns it
-- and has not lent it out that day, or when a live loan lends it to the region that day. Every stay
-- a draft or the timeline books must be held by its plan's region on all its days, so one asset is
-- never booked in two regions at once, whatever code path writes.

-- 1. One asset has no two live loans on the same day (23P01, mapped to LOAN_OVERLAP).
ALTER TABLE "loans" ADD CONSTRAINT "loans_no_set_overlap"
  EXCLUDE USING gist ("exhibit_set_id" WITH =, daterange("starts_on", "ends_on", '[]') WITH &&)
  WHERE ("withdrawn_at" IS NULL AND "exhibit_set_id" IS NOT NULL);
--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_no_vehicle_overlap"
  EXCLUDE USING gist ("vehicle_id" WITH =, daterange("starts_on", "ends_on", '[]') WITH &&)
  WHERE ("withdrawn_at" IS NULL AND "vehicle_id" IS NOT NULL);
--> statement-breakpoint

-- 2. Whether a region holds an asset on every day of `days`. The caller has locked the asset's row.
CREATE OR REPLACE FUNCTION rove_region_holds(p_region integer, p_owner integer, p_set integer, p_vehicle integer, p_days daterange)
RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  lent datemultirange;
BEGIN
  SELECT coalesce(range_agg(daterange(l.starts_on, l.ends_on, '[]')), '{}'::datemultirange) INTO lent
  FROM loans l
  WHERE l.withdrawn_at IS NULL
    AND (l.exhibit_set_id = p_set OR l.vehicle_id = p_vehicle)
    AND daterange(l.starts_on, l.ends_on, '[]') && p_days
    AND (p_region = p_owner OR l.borrower_region_id = p_region);
  IF p_region = p_owner THEN
    RETURN isempty(lent);
  END IF;
  RETURN lent @> p_days;
END $$;
--> statement-breakpoint

-- 3. A stay in a draft or on the timeline must be held by its plan's region on all its days
--    (SQLSTATE RVL01: its vehicle is not, RVL02: its set is not). Superseded and discarded plans are
--    archives and cancelled stays book nothing. The asset rows are locked FOR SHARE: stays of many
--    plans may be written at once, while a loan being lent or withdrawn (FOR NO KEY UPDATE, below,
--    which leaves foreign-key checks free) waits for them and they for it, so each sees what the other committed (READ COMMITTED: every statement
--    of the function reads with a fresh snapshot, taken after the lock was granted).
CREATE OR REPLACE FUNCTION rove_stop_holding_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  region integer;
  plan_state plan_status;
  owner integer;
  days daterange;
BEGIN
  -- Reversed days are the check constraint's to refuse (stops_end_after_start), with its own name.
  IF NEW.status = 'cancelled' OR NEW.ends_on < NEW.starts_on THEN RETURN NEW; END IF;
  IF TG_OP = 'UPDATE' AND OLD.status <> 'cancelled' AND NEW.plan_id = OLD.plan_id AND NEW.vehicle_id = OLD.vehicle_id
      AND NEW.exhibit_set_id = OLD.exhibit_set_id AND NEW.starts_on = OLD.starts_on AND NEW.ends_on = OLD.ends_on THEN
    RETURN NEW;
  END IF;
  SELECT p.region_id, p.status INTO region, plan_state FROM plans p WHERE p.id = NEW.plan_id;
  IF plan_state IS NULL OR plan_state NOT IN ('draft', 'published') THEN RETURN NEW; END IF;
  days := daterange(NEW.starts_on, NEW.ends_on, '[]');
  SELECT v.region_id INTO owner FROM vehicles v WHERE v.id = NEW.vehicle_id FOR SHARE;
  IF owner IS NOT NULL AND NOT rove_region_holds(region, owner, NULL, NEW.vehicle_id, days) THEN
    RAISE EXCEPTION 'region % does not hold vehicle % on all of %', region, NEW.vehicle_id, days USING ERRCODE = 'RVL01';
  END IF;
  SELECT s.region_id INTO owner FROM exhibit_sets s WHERE s.id = NEW.exhibit_set_id FOR SHARE;
  IF owner IS NOT NULL AND NOT rove_region_holds(region, owner, NEW.exhibit_set_id, NULL, days) THEN
    RAISE EXCEPTION 'region % does not hold exhibit set % on all of %', region, NEW.exhibit_set_id, days USING ERRCODE = 'RVL02';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER stops_holding_guard BEFORE INSERT OR UPDATE ON stops FOR EACH ROW EXECUTE FUNCTION rove_stop_holding_guard();
--> statement-breakpoint

-- 4. A loan is lent only by the asset's own region (RVL05) and only for days its timeline has not
--    booked the asset; it is withdrawn only while the borrower's timeline books none of its days
--    (RVL03). Apart from being withdrawn a loan never changes, and it is never deleted (RVL04): the
--    rows are the record of who lent what to whom. The asset row is locked FOR NO KEY UPDATE first (see 3).
CREATE OR REPLACE FUNCTION rove_loan_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  owner integer;
  booker integer;
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'loan % is withdrawn, never deleted', OLD.id USING ERRCODE = 'RVL04';
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF NEW.exhibit_set_id IS DISTINCT FROM OLD.exhibit_set_id OR NEW.vehicle_id IS DISTINCT FROM OLD.vehicle_id
        OR NEW.lender_region_id <> OLD.lender_region_id OR NEW.borrower_region_id <> OLD.borrower_region_id
        OR NEW.starts_on <> OLD.starts_on OR NEW.ends_on <> OLD.ends_on
        OR (OLD.withdrawn_at IS NOT NULL AND NEW.withdrawn_at IS DISTINCT FROM OLD.withdrawn_at) THEN
      RAISE EXCEPTION 'loan % cannot change: withdraw it and lend again', OLD.id USING ERRCODE = 'RVL04';
    END IF;
    IF NEW.withdrawn_at IS NULL OR OLD.withdrawn_at IS NOT NULL THEN RETURN NEW; END IF;
    booker := NEW.borrower_region_id;
  ELSE
    -- Reversed days are the check constraint's to refuse (loans_end_after_start).
    IF NEW.withdrawn_at IS NOT NULL OR NEW.ends_on < NEW.starts_on THEN RETURN NEW; END IF;
    booker := NEW.lender_region_id;
  END IF;
  IF NEW.vehicle_id IS NOT NULL THEN
    SELECT v.region_id INTO owner FROM vehicles v WHERE v.id = NEW.vehicle_id FOR NO KEY UPDATE;
  ELSE
    SELECT s.region_id INTO owner FROM exhibit_sets s WHERE s.id = NEW.exhibit_set_id FOR NO KEY UPDATE;
  END IF;
  IF owner IS DISTINCT FROM NEW.lender_region_id THEN
    RAISE EXCEPTION 'region % does not own the asset it lends', NEW.lender_region_id USING ERRCODE = 'RVL05';
  END IF;
  IF EXISTS (
    SELECT 1 FROM stops s JOIN plans p ON p.id = s.plan_id
    WHERE p.region_id = booker AND p.status = 'published' AND s.status <> 'cancelled'
      AND (s.vehicle_id = NEW.vehicle_id OR s.exhibit_set_id = NEW.exhibit_set_id)
      AND daterange(s.starts_on, s.ends_on, '[]') && daterange(NEW.starts_on, NEW.ends_on, '[]')
  ) THEN
    RAISE EXCEPTION 'region %''s timeline books the asset during loan %', booker, NEW.id USING ERRCODE = 'RVL03';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER loans_guard BEFORE INSERT OR UPDATE OR DELETE ON loans FOR EACH ROW EXECUTE FUNCTION rove_loan_guard();
