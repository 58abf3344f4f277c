-- Region planning settings for the crew's working day (evening leg, daily driving, consecutive working days),
-- the caravan kit novelty period and average speed by month (issue 16).
ALTER TABLE "regions" ADD COLUMN "kit_novelty_months" integer DEFAULT 12 NOT NULL;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "evening_leg_max_minutes" integer DEFAULT 120 NOT NULL;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "daily_drive_minutes" integer DEFAULT 480 NOT NULL;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "max_consecutive_work_days" integer DEFAULT 6 NOT NULL;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "monthly_speed_kmh" real[];--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "regions_kit_novelty_nonnegative" CHECK ("regions"."kit_novelty_months" >= 0);--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "regions_evening_leg_range" CHECK ("regions"."evening_leg_max_minutes" >= 0 and "regions"."evening_leg_max_minutes" <= 300);--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "regions_daily_drive_range" CHECK ("regions"."daily_drive_minutes" > 0 and "regions"."daily_drive_minutes" <= 960);--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "regions_work_days_positive" CHECK ("regions"."max_consecutive_work_days" >= 1);--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "regions_monthly_speed_shape" CHECK ("regions"."monthly_speed_kmh" is null or (array_length("regions"."monthly_speed_kmh", 1) = 12 and 0 < all("regions"."monthly_speed_kmh")));