CREATE TYPE "public"."centre_kind" AS ENUM('provincial', 'sub');--> statement-breakpoint
CREATE TYPE "public"."exhibit_set_kind" AS ENUM('roving_museum', 'caravan_kit');--> statement-breakpoint
CREATE TYPE "public"."plan_status" AS ENUM('draft', 'published', 'superseded', 'discarded');--> statement-breakpoint
CREATE TYPE "public"."priority_tier" AS ENUM('key', 'former_poverty', 'other');--> statement-breakpoint
CREATE TYPE "public"."request_status" AS ENUM('requested', 'approved', 'scheduled', 'confirmed', 'completed', 'declined', 'cancelled', 'unserved');--> statement-breakpoint
CREATE TYPE "public"."run_status" AS ENUM('queued', 'running', 'succeeded', 'failed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."stop_status" AS ENUM('planned', 'confirmed', 'arrived', 'completed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('coordinator', 'host', 'driver');--> statement-breakpoint
CREATE TYPE "public"."vehicle_type" AS ENUM('caravan_i', 'caravan_ii', 'caravan_iii', 'caravan_iv', 'set_truck');--> statement-breakpoint
CREATE TYPE "public"."venue_kind" AS ENUM('county_museum', 'school', 'cultural_centre', 'township_square', 'resettlement_community');--> statement-breakpoint
CREATE TYPE "public"."venue_level" AS ENUM('county', 'township', 'village');--> statement-breakpoint
CREATE TABLE "regions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "regions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"time_zone" text DEFAULT 'Asia/Shanghai' NOT NULL,
	"road_factor" real DEFAULT 1.4 NOT NULL,
	"average_speed_kmh" real DEFAULT 50 NOT NULL,
	"novelty_months" integer DEFAULT 36 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "regions_code_unique" UNIQUE("code"),
	CONSTRAINT "regions_road_factor_range" CHECK ("regions"."road_factor" >= 1 and "regions"."road_factor" <= 3),
	CONSTRAINT "regions_speed_positive" CHECK ("regions"."average_speed_kmh" > 0),
	CONSTRAINT "regions_novelty_nonnegative" CHECK ("regions"."novelty_months" >= 0)
);
--> statement-breakpoint
CREATE TABLE "counties" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"prefecture" text NOT NULL,
	"province" text NOT NULL,
	"lng" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"key_county" boolean DEFAULT false NOT NULL,
	CONSTRAINT "counties_lat_range" CHECK ("counties"."lat" between -90 and 90),
	CONSTRAINT "counties_lng_range" CHECK ("counties"."lng" between -180 and 180)
);
--> statement-breakpoint
CREATE TABLE "centres" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "centres_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_id" integer NOT NULL,
	"name" text NOT NULL,
	"kind" "centre_kind" NOT NULL,
	"county_code" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"lng" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "centres_lat_range" CHECK ("centres"."lat" between -90 and 90),
	CONSTRAINT "centres_lng_range" CHECK ("centres"."lng" between -180 and 180)
);
--> statement-breakpoint
CREATE TABLE "venues" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "venues_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_id" integer NOT NULL,
	"county_code" text NOT NULL,
	"county_name" text NOT NULL,
	"name" text NOT NULL,
	"kind" "venue_kind" NOT NULL,
	"level" "venue_level" DEFAULT 'county' NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"lng" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"floor_area_m_2" real NOT NULL,
	"power_kw" real NOT NULL,
	"priority_tier" "priority_tier" DEFAULT 'other' NOT NULL,
	"open_weekdays" integer[] DEFAULT '{1,2,3,4,5,6,7}'::integer[] NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"retired_on" date,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "venues_lat_range" CHECK ("venues"."lat" between -90 and 90),
	CONSTRAINT "venues_lng_range" CHECK ("venues"."lng" between -180 and 180),
	CONSTRAINT "venues_county_code_format" CHECK ("venues"."county_code" ~ '^[0-9]{6}$'),
	CONSTRAINT "venues_floor_area_positive" CHECK ("venues"."floor_area_m_2" > 0),
	CONSTRAINT "venues_power_positive" CHECK ("venues"."power_kw" > 0)
);
--> statement-breakpoint
CREATE TABLE "venue_blackouts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "venue_blackouts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"venue_id" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	CONSTRAINT "venue_blackouts_end_after_start" CHECK ("venue_blackouts"."ends_on" >= "venue_blackouts"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "region_closures" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "region_closures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_id" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"venue_kinds" "venue_kind"[],
	"reason" text DEFAULT '' NOT NULL,
	CONSTRAINT "region_closures_end_after_start" CHECK ("region_closures"."ends_on" >= "region_closures"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "exhibit_sets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exhibit_sets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_id" integer NOT NULL,
	"home_centre_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"theme" text NOT NULL,
	"kind" "exhibit_set_kind" NOT NULL,
	"footprint_m_2" real NOT NULL,
	"power_kw" real NOT NULL,
	"exhibit_count" integer NOT NULL,
	"setup_days" integer NOT NULL,
	"teardown_days" integer NOT NULL,
	"min_stay_days" integer NOT NULL,
	"max_stay_days" integer NOT NULL,
	"open_weekdays" integer[] DEFAULT '{1,2,3,4,5,6,7}'::integer[] NOT NULL,
	"condition" text DEFAULT 'good' NOT NULL,
	"retired_on" date,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "exhibit_sets_code_unique" UNIQUE("code"),
	CONSTRAINT "exhibit_sets_footprint_positive" CHECK ("exhibit_sets"."footprint_m_2" > 0),
	CONSTRAINT "exhibit_sets_power_nonnegative" CHECK ("exhibit_sets"."power_kw" >= 0),
	CONSTRAINT "exhibit_sets_exhibit_count_positive" CHECK ("exhibit_sets"."exhibit_count" > 0),
	CONSTRAINT "exhibit_sets_setup_nonnegative" CHECK ("exhibit_sets"."setup_days" >= 0 and "exhibit_sets"."teardown_days" >= 0),
	CONSTRAINT "exhibit_sets_stay_range" CHECK ("exhibit_sets"."min_stay_days" > 0 and "exhibit_sets"."max_stay_days" >= "exhibit_sets"."min_stay_days")
);
--> statement-breakpoint
CREATE TABLE "vehicles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "vehicles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_id" integer NOT NULL,
	"home_centre_id" integer NOT NULL,
	"name" text NOT NULL,
	"plate" text DEFAULT '' NOT NULL,
	"type" "vehicle_type" NOT NULL,
	"daily_drive_minutes" integer DEFAULT 480 NOT NULL,
	"max_trip_days" integer DEFAULT 30 NOT NULL,
	"available_from" date,
	"available_until" date,
	"retired_on" date,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "vehicles_daily_drive_positive" CHECK ("vehicles"."daily_drive_minutes" > 0),
	CONSTRAINT "vehicles_max_trip_positive" CHECK ("vehicles"."max_trip_days" > 0),
	CONSTRAINT "vehicles_availability_order" CHECK ("vehicles"."available_from" is null or "vehicles"."available_until" is null or "vehicles"."available_until" >= "vehicles"."available_from")
);
--> statement-breakpoint
CREATE TABLE "vehicle_sets" (
	"vehicle_id" integer NOT NULL,
	"exhibit_set_id" integer NOT NULL,
	CONSTRAINT "vehicle_sets_vehicle_id_exhibit_set_id_pk" PRIMARY KEY("vehicle_id","exhibit_set_id")
);
--> statement-breakpoint
CREATE TABLE "maintenance_windows" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "maintenance_windows_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"exhibit_set_id" integer,
	"vehicle_id" integer,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	CONSTRAINT "maintenance_windows_end_after_start" CHECK ("maintenance_windows"."ends_on" >= "maintenance_windows"."starts_on"),
	CONSTRAINT "maintenance_windows_one_subject" CHECK (("maintenance_windows"."exhibit_set_id" is null) <> ("maintenance_windows"."vehicle_id" is null))
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"disabled_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "user_roles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "user_roles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"role" "user_role" NOT NULL,
	"region_id" integer,
	"venue_id" integer,
	"vehicle_id" integer,
	CONSTRAINT "user_roles_scope_matches_role" CHECK (("user_roles"."role" = 'coordinator' and "user_roles"."region_id" is not null and "user_roles"."venue_id" is null and "user_roles"."vehicle_id" is null)
       or ("user_roles"."role" = 'host' and "user_roles"."venue_id" is not null and "user_roles"."region_id" is null and "user_roles"."vehicle_id" is null)
       or ("user_roles"."role" = 'driver' and "user_roles"."vehicle_id" is not null and "user_roles"."region_id" is null and "user_roles"."venue_id" is null))
);
--> statement-breakpoint
CREATE TABLE "drivers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "drivers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_id" integer NOT NULL,
	"name" text NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"vehicle_id" integer,
	"user_id" integer,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_id" integer NOT NULL,
	"venue_id" integer NOT NULL,
	"set_kind" "exhibit_set_kind" NOT NULL,
	"exhibit_set_id" integer,
	"theme" text,
	"window_start" date NOT NULL,
	"window_end" date NOT NULL,
	"open_days" integer NOT NULL,
	"expected_audience" integer DEFAULT 0 NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"status" "request_status" DEFAULT 'requested' NOT NULL,
	"reason" jsonb,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "requests_window_order" CHECK ("requests"."window_end" >= "requests"."window_start"),
	CONSTRAINT "requests_open_days_positive" CHECK ("requests"."open_days" > 0),
	CONSTRAINT "requests_audience_nonnegative" CHECK ("requests"."expected_audience" >= 0)
);
--> statement-breakpoint
CREATE TABLE "request_status_history" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "request_status_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"request_id" integer NOT NULL,
	"from_status" "request_status",
	"to_status" "request_status" NOT NULL,
	"reason" jsonb,
	"actor_user_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_id" integer NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"status" "plan_status" DEFAULT 'draft' NOT NULL,
	"version" integer,
	"revision" integer DEFAULT 1 NOT NULL,
	"horizon_start" date NOT NULL,
	"horizon_end" date NOT NULL,
	"based_on_plan_id" integer,
	"metrics" jsonb,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "plans_horizon_order" CHECK ("plans"."horizon_end" >= "plans"."horizon_start"),
	CONSTRAINT "plans_version_when_published" CHECK (("plans"."status" in ('published', 'superseded')) = ("plans"."version" is not null))
);
--> statement-breakpoint
CREATE TABLE "planning_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "planning_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_id" integer NOT NULL,
	"status" "run_status" DEFAULT 'queued' NOT NULL,
	"horizon_start" date NOT NULL,
	"horizon_end" date NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"progress" jsonb,
	"plan_id" integer,
	"error" jsonb,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "planning_runs_planId_unique" UNIQUE("plan_id"),
	CONSTRAINT "planning_runs_horizon_order" CHECK ("planning_runs"."horizon_end" >= "planning_runs"."horizon_start")
);
--> statement-breakpoint
CREATE TABLE "tours" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tours_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"plan_id" integer NOT NULL,
	"vehicle_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stops" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stops_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"plan_id" integer NOT NULL,
	"tour_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"vehicle_id" integer NOT NULL,
	"exhibit_set_id" integer NOT NULL,
	"venue_id" integer NOT NULL,
	"request_id" integer,
	"starts_on" date NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" "stop_status" DEFAULT 'planned' NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL,
	"arrived_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	CONSTRAINT "stops_end_after_start" CHECK ("stops"."ends_on" >= "stops"."starts_on"),
	CONSTRAINT "stops_phase_order" CHECK ("stops"."starts_on" <= "stops"."opens_on" and "stops"."opens_on" <= "stops"."closes_on" and "stops"."closes_on" <= "stops"."ends_on")
);
--> statement-breakpoint
CREATE TABLE "legs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "legs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"tour_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"from_stop_id" integer,
	"to_stop_id" integer,
	"distance_m" integer NOT NULL,
	"drive_minutes" integer NOT NULL,
	"rest_nights" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "legs_distance_nonnegative" CHECK ("legs"."distance_m" >= 0),
	CONSTRAINT "legs_drive_nonnegative" CHECK ("legs"."drive_minutes" >= 0 and "legs"."rest_nights" >= 0),
	CONSTRAINT "legs_has_an_end" CHECK ("legs"."from_stop_id" is not null or "legs"."to_stop_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "visit_reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "visit_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"stop_id" integer NOT NULL,
	"attendance" integer NOT NULL,
	"activities" integer DEFAULT 1 NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"reported_by" integer,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_reports_stopId_unique" UNIQUE("stop_id"),
	CONSTRAINT "visit_reports_counts_nonnegative" CHECK ("visit_reports"."attendance" >= 0 and "visit_reports"."activities" >= 0)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" integer,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"request_id" text
);
--> statement-breakpoint
ALTER TABLE "centres" ADD CONSTRAINT "centres_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venues" ADD CONSTRAINT "venues_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue_blackouts" ADD CONSTRAINT "venue_blackouts_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_closures" ADD CONSTRAINT "region_closures_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exhibit_sets" ADD CONSTRAINT "exhibit_sets_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exhibit_sets" ADD CONSTRAINT "exhibit_sets_home_centre_id_centres_id_fk" FOREIGN KEY ("home_centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_home_centre_id_centres_id_fk" FOREIGN KEY ("home_centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicle_sets" ADD CONSTRAINT "vehicle_sets_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicle_sets" ADD CONSTRAINT "vehicle_sets_exhibit_set_id_exhibit_sets_id_fk" FOREIGN KEY ("exhibit_set_id") REFERENCES "public"."exhibit_sets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_windows" ADD CONSTRAINT "maintenance_windows_exhibit_set_id_exhibit_sets_id_fk" FOREIGN KEY ("exhibit_set_id") REFERENCES "public"."exhibit_sets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_windows" ADD CONSTRAINT "maintenance_windows_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drivers" ADD CONSTRAINT "drivers_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drivers" ADD CONSTRAINT "drivers_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drivers" ADD CONSTRAINT "drivers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_exhibit_set_id_exhibit_sets_id_fk" FOREIGN KEY ("exhibit_set_id") REFERENCES "public"."exhibit_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_status_history" ADD CONSTRAINT "request_status_history_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_status_history" ADD CONSTRAINT "request_status_history_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning_runs" ADD CONSTRAINT "planning_runs_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning_runs" ADD CONSTRAINT "planning_runs_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning_runs" ADD CONSTRAINT "planning_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tours" ADD CONSTRAINT "tours_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tours" ADD CONSTRAINT "tours_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stops" ADD CONSTRAINT "stops_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stops" ADD CONSTRAINT "stops_tour_id_tours_id_fk" FOREIGN KEY ("tour_id") REFERENCES "public"."tours"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stops" ADD CONSTRAINT "stops_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stops" ADD CONSTRAINT "stops_exhibit_set_id_exhibit_sets_id_fk" FOREIGN KEY ("exhibit_set_id") REFERENCES "public"."exhibit_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stops" ADD CONSTRAINT "stops_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stops" ADD CONSTRAINT "stops_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legs" ADD CONSTRAINT "legs_tour_id_tours_id_fk" FOREIGN KEY ("tour_id") REFERENCES "public"."tours"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legs" ADD CONSTRAINT "legs_from_stop_id_stops_id_fk" FOREIGN KEY ("from_stop_id") REFERENCES "public"."stops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legs" ADD CONSTRAINT "legs_to_stop_id_stops_id_fk" FOREIGN KEY ("to_stop_id") REFERENCES "public"."stops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_reports" ADD CONSTRAINT "visit_reports_stop_id_stops_id_fk" FOREIGN KEY ("stop_id") REFERENCES "public"."stops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_reports" ADD CONSTRAINT "visit_reports_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "centres_region_idx" ON "centres" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "venues_region_idx" ON "venues" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "venues_county_idx" ON "venues" USING btree ("county_code");--> statement-breakpoint
CREATE INDEX "venue_blackouts_venue_idx" ON "venue_blackouts" USING btree ("venue_id");--> statement-breakpoint
CREATE INDEX "region_closures_region_idx" ON "region_closures" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "exhibit_sets_region_idx" ON "exhibit_sets" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "vehicles_region_idx" ON "vehicles" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "maintenance_windows_set_idx" ON "maintenance_windows" USING btree ("exhibit_set_id");--> statement-breakpoint
CREATE INDEX "maintenance_windows_vehicle_idx" ON "maintenance_windows" USING btree ("vehicle_id");--> statement-breakpoint
CREATE INDEX "user_roles_user_idx" ON "user_roles" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "drivers_region_idx" ON "drivers" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "drivers_vehicle_idx" ON "drivers" USING btree ("vehicle_id");--> statement-breakpoint
CREATE INDEX "requests_region_status_idx" ON "requests" USING btree ("region_id","status");--> statement-breakpoint
CREATE INDEX "requests_venue_idx" ON "requests" USING btree ("venue_id");--> statement-breakpoint
CREATE INDEX "request_status_history_request_idx" ON "request_status_history" USING btree ("request_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_one_published_per_region" ON "plans" USING btree ("region_id") WHERE "plans"."status" = 'published';--> statement-breakpoint
CREATE UNIQUE INDEX "plans_region_version" ON "plans" USING btree ("region_id","version");--> statement-breakpoint
CREATE INDEX "plans_region_idx" ON "plans" USING btree ("region_id","status");--> statement-breakpoint
CREATE INDEX "planning_runs_region_idx" ON "planning_runs" USING btree ("region_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tours_plan_vehicle" ON "tours" USING btree ("plan_id","vehicle_id");--> statement-breakpoint
CREATE INDEX "tours_plan_idx" ON "tours" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "stops_plan_idx" ON "stops" USING btree ("plan_id","vehicle_id","starts_on");--> statement-breakpoint
CREATE INDEX "stops_tour_idx" ON "stops" USING btree ("tour_id","seq");--> statement-breakpoint
CREATE INDEX "stops_venue_idx" ON "stops" USING btree ("venue_id");--> statement-breakpoint
CREATE INDEX "stops_request_idx" ON "stops" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "legs_tour_idx" ON "legs" USING btree ("tour_id","seq");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity","entity_id","at");