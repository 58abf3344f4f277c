import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import type { Scope } from '../db/access.js';
import { insertVenues } from '../db/queries/catalogue.js';
import { audit } from '../db/queries/notifications.js';
import * as t from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import type { Change } from './planning-facts.js';
import { coordinatorRegion } from './scope.js';
import { type VenueFileCheck, venueFileRows } from './venue-import.js';

type Row = { id: number } & Record<string, unknown>;
const tables = { centre: t.centres, venue: t.venues, exhibit_set: t.exhibitSets, vehicle: t.vehicles, driver: t.drivers, blackout: t.venueBlackouts } as const;
export type CatalogueEntity = keyof typeof tables;

/**
 * Runs a catalogue write in a transaction with its audit entry (who, when, the row before and
 * after). The row before is read only to be logged; the write itself is scoped and fails (and
 * rolls back) for a row the caller may not change.
 */
export async function audited<T>(
  db: Db,
  by: Change,
  entity: CatalogueEntity,
  action: 'create' | 'update' | 'delete',
  id: number | undefined,
  write: (tx: Tx) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const table = tables[entity];
    const before = id === undefined ? undefined : ((await tx.select().from(table).where(eq(table.id, id)))[0] as Row | undefined);
    const result = await write(tx);
    const after = action === 'delete' ? undefined : (result as Row);
    await audit(tx, { actorUserId: by.userId, action: `${entity}.${action}`, entity, entityId: id ?? after?.id ?? '', before, after, requestId: by.requestId });
    return result;
  });
}

/**
 * Imports a venue file (CSV or GeoJSON, all rows or none) into the coordinator's region: the one
 * asked for, or their only one. `format` defaults from the content type.
 */
export async function importVenues(
  db: Db,
  scope: Scope,
  by: Change,
  file: { text: string; contentType: string; format: 'csv' | 'geojson' | undefined; regionId: number | undefined },
  check: (task: { text: string; format: 'csv' | 'geojson' }) => Promise<VenueFileCheck>,
) {
  const regionId = coordinatorRegion(scope, file.regionId);
  if (regionId === undefined) {
    if (file.regionId !== undefined) throw new DomainError('RESOURCE_NOT_FOUND', { entity: 'region', id: file.regionId });
    throw new DomainError('REGION_REQUIRED');
  }
  const format = file.format ?? (file.contentType.includes('csv') ? 'csv' : 'geojson');
  // Read and checked in a thread (server/plugins/import-files.ts): a busy thread is 503 IMPORT_BUSY.
  const rows = venueFileRows(await check({ text: file.text, format }));
  const venueIds = await db.transaction(async (tx) => {
    const ids = await insertVenues(tx, scope, rows.map((r) => ({ ...r, regionId })));
    await audit(tx, { actorUserId: by.userId, action: 'venue.import', entity: 'region', entityId: regionId, after: { format, venueIds: ids }, requestId: by.requestId });
    return ids;
  });
  return { imported: venueIds.length, venueIds };
}
