CREATE TABLE "visit_photos" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "visit_photos_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"stop_id" integer NOT NULL,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"byte_size" integer NOT NULL,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_photos_size" CHECK ("visit_photos"."byte_size" between 1 and 1048576)
);
--> statement-breakpoint
CREATE TABLE "client_actions" (
	"client_id" uuid PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"action" text NOT NULL,
	"stop_id" integer NOT NULL,
	"result" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "visit_reports" ADD COLUMN "locked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "visit_reports" ADD COLUMN "locked_by" integer;--> statement-breakpoint
ALTER TABLE "visit_photos" ADD CONSTRAINT "visit_photos_stop_id_stops_id_fk" FOREIGN KEY ("stop_id") REFERENCES "public"."stops"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_photos" ADD CONSTRAINT "visit_photos_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_actions" ADD CONSTRAINT "client_actions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_actions" ADD CONSTRAINT "client_actions_stop_id_stops_id_fk" FOREIGN KEY ("stop_id") REFERENCES "public"."stops"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visit_photos_stop_idx" ON "visit_photos" USING btree ("stop_id");--> statement-breakpoint
CREATE INDEX "client_actions_stop_idx" ON "client_actions" USING btree ("stop_id");--> statement-breakpoint
ALTER TABLE "visit_reports" ADD CONSTRAINT "visit_reports_locked_by_users_id_fk" FOREIGN KEY ("locked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint

-- Hand-written: proof of a visit is a fact, like its report (0004). A photo is never changed or
-- deleted; once the coordinator has locked a report (locked_at), its figures, note and lock stay as
-- they are and its visit takes no more photos, whatever code path writes. SQLSTATE RVF01, as 0004.
CREATE OR REPLACE FUNCTION rove_visit_photo_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF EXISTS (SELECT 1 FROM visit_reports v WHERE v.stop_id = NEW.stop_id AND v.locked_at IS NOT NULL) THEN
      RAISE EXCEPTION 'the report of stay % is locked: it takes no more photos', NEW.stop_id USING ERRCODE = 'RVF01';
    END IF;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'visit photo % is a fact and cannot be changed or deleted', OLD.id USING ERRCODE = 'RVF01';
END $$;
--> statement-breakpoint
CREATE TRIGGER visit_photos_guard BEFORE INSERT OR UPDATE OR DELETE ON visit_photos FOR EACH ROW EXECUTE FUNCTION rove_visit_photo_guard();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rove_visit_report_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.stop_id <> OLD.stop_id THEN
    RAISE EXCEPTION 'visit report % is a fact and cannot be deleted or moved', OLD.id USING ERRCODE = 'RVF01';
  END IF;
  IF OLD.locked_at IS NOT NULL AND (NEW.attendance <> OLD.attendance OR NEW.activities <> OLD.activities
      OR NEW.notes <> OLD.notes OR NEW.locked_at IS DISTINCT FROM OLD.locked_at) THEN
    RAISE EXCEPTION 'visit report % is locked by the coordinator and cannot change', OLD.id USING ERRCODE = 'RVF01';
  END IF;
  RETURN NEW;
END $$;
