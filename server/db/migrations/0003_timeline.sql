CREATE TABLE "plan_publications" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plan_publications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"plan_id" integer NOT NULL,
	"draft_plan_id" integer NOT NULL,
	"version" integer NOT NULL,
	"horizon_start" date NOT NULL,
	"horizon_end" date NOT NULL,
	"changes" jsonb NOT NULL,
	"published_by" integer,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "visit_reports" DROP CONSTRAINT "visit_reports_stop_id_stops_id_fk";
--> statement-breakpoint
DROP INDEX "plans_region_version";--> statement-breakpoint
ALTER TABLE "stops" ADD COLUMN "source_stop_id" integer;--> statement-breakpoint
ALTER TABLE "stops" ADD COLUMN "cancel_reason" jsonb;--> statement-breakpoint
ALTER TABLE "plan_publications" ADD CONSTRAINT "plan_publications_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_publications" ADD CONSTRAINT "plan_publications_draft_plan_id_plans_id_fk" FOREIGN KEY ("draft_plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_publications" ADD CONSTRAINT "plan_publications_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "plan_publications_plan_version" ON "plan_publications" USING btree ("plan_id","version");--> statement-breakpoint
CREATE INDEX "plan_publications_draft_idx" ON "plan_publications" USING btree ("draft_plan_id");--> statement-breakpoint
ALTER TABLE "stops" ADD CONSTRAINT "stops_source_stop_id_stops_id_fk" FOREIGN KEY ("source_stop_id") REFERENCES "public"."stops"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_reports" ADD CONSTRAINT "visit_reports_stop_id_stops_id_fk" FOREIGN KEY ("stop_id") REFERENCES "public"."stops"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stops_source_idx" ON "stops" USING btree ("source_stop_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_region_version" ON "plans" USING btree ("region_id","version") WHERE "plans"."status" = 'superseded';