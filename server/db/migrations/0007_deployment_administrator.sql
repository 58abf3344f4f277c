-- The deployment's administrator (issue 11): opens regions and their first coordinators in the app and the
-- API, and keeps the national holiday data; a flag on the account, not a scoped grant.
ALTER TABLE "users" ADD COLUMN "administrator" boolean DEFAULT false NOT NULL;