import { hash } from '@node-rs/argon2';
import { asc, count, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { insertUser } from '../db/queries/accounts.js';
import { audit } from '../db/queries/notifications.js';
import { WHOLE, limitOf, type Window } from '../db/queries/paging.js';
import * as t from '../db/schema/index.js';
import { NotFoundError } from '../errors.js';

export interface NewAccount {
  username: string;
  displayName: string;
  password: string;
  locale?: 'zh-CN' | 'en' | undefined;
}

export interface NewRegion {
  code: string;
  nameZh: string;
  nameEn: string;
  timeZone?: string | undefined;
}

/** Every region of the deployment with how many coordinators it has (what an administrator oversees). */
export async function listAllRegions(db: DbOrTx, page: Window = WHOLE) {
  const regions = await db.select().from(t.regions).orderBy(asc(t.regions.id)).limit(limitOf(page)).offset(page.offset);
  const counts = await db.select({ regionId: t.userRoles.regionId, n: count() }).from(t.userRoles).where(eq(t.userRoles.role, 'coordinator')).groupBy(t.userRoles.regionId);
  return regions.map((r) => ({ id: r.id, code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, timeZone: r.timeZone, coordinators: counts.find((c) => c.regionId === r.id)?.n ?? 0 }));
}

/** Opens an account coordinating a region (one transaction, the caller's); audited as the actor's. */
async function addCoordinator(tx: DbOrTx, actorUserId: number | null, regionId: number, a: NewAccount, requestId: string) {
  const passwordHash = await hash(a.password);
  const user = await insertUser(tx, { username: a.username, displayName: a.displayName, passwordHash, locale: a.locale, grant: { role: 'coordinator', regionId } });
  await audit(tx, { actorUserId, action: 'user.create', entity: 'user', entityId: user.id, after: { username: user.username, grant: { role: 'coordinator', regionId } }, requestId });
  return { id: user.id, username: user.username };
}

/** Opens a region with its first coordinator, both or neither. */
export async function openRegion(db: Db, actorUserId: number | null, region: NewRegion, coordinator: NewAccount, requestId: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(t.regions).values({ code: region.code, nameZh: region.nameZh, nameEn: region.nameEn, ...(region.timeZone ? { timeZone: region.timeZone } : {}) }).returning();
    await audit(tx, { actorUserId, action: 'region.create', entity: 'region', entityId: row!.id, after: region, requestId });
    const account = await addCoordinator(tx, actorUserId, row!.id, coordinator, requestId);
    return { region: { id: row!.id, code: row!.code, nameZh: row!.nameZh, nameEn: row!.nameEn, timeZone: row!.timeZone }, coordinator: account };
  });
}

/** Another coordinator for an existing region. */
export async function openCoordinator(db: Db, actorUserId: number, regionId: number, a: NewAccount, requestId: string) {
  return db.transaction(async (tx) => {
    const [region] = await tx.select({ id: t.regions.id }).from(t.regions).where(eq(t.regions.id, regionId));
    if (!region) throw new NotFoundError('region', regionId);
    return addCoordinator(tx, actorUserId, regionId, a, requestId);
  });
}

/** An administrator account (no scoped grant): how the CLI opens the deployment's first one. */
export async function createAdministrator(db: Db, a: NewAccount) {
  const passwordHash = await hash(a.password);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(t.users)
      .values({ username: a.username, displayName: a.displayName, passwordHash, administrator: true, ...(a.locale ? { locale: a.locale } : {}) })
      .returning();
    await audit(tx, { actorUserId: null, action: 'user.create', entity: 'user', entityId: user!.id, after: { username: user!.username, administrator: true }, requestId: 'cli' });
    return { id: user!.id, username: user!.username };
  });
}
