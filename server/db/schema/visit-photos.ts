import { sql } from 'drizzle-orm';
import { check, customType, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { stops } from './stops.js';
import { users } from './users.js';

/** Raw bytes (Postgres bytea); postgres.js gives a Buffer, PGlite a Uint8Array: both come back as a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

/** The largest photo the server keeps (bytes): the phone resizes to a few hundred kB first. */
export const PHOTO_MAX_BYTES = 1024 * 1024;

/**
 * A photo of a visit, proof that it happened, kept in the database beside its visit report so one
 * backup holds everything (README, "Photos of visits", on moving them to object storage). Never
 * changed or deleted (migration 0008).
 */
export const visitPhotos = pgTable(
  'visit_photos',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    stopId: integer()
      .notNull()
      .references(() => stops.id, { onDelete: 'restrict' }),
    /** image/jpeg, image/png or image/webp, as the bytes themselves say. */
    contentType: text().notNull(),
    bytes: bytea().notNull(),
    byteSize: integer().notNull(),
    uploadedBy: integer().references(() => users.id),
    uploadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Serves the photos of a visit (GET /api/stops/:id/visit) and the report's count.
    index('visit_photos_stop_idx').on(t.stopId),
    check('visit_photos_size', sql`${t.byteSize} between 1 and ${sql.raw(String(PHOTO_MAX_BYTES))}`),
  ],
);
