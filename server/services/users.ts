import { hash, verify } from '@node-rs/argon2';
import type { UserCreate } from '../contract/users.js';
import { requireAccess } from '../db/access.js';
import type { Db } from '../db/client.js';
import { insertUser, listUsersInRegions, passwordHashOf, resetPasswordInRegions, setPassword } from '../db/queries/accounts.js';
import { audit } from '../db/queries/notifications.js';
import { DomainError, NotFoundError } from '../errors.js';
import type { Actor } from '../plugins/auth.js';

/** The grant a new account gets, once its subject is known to lie in the coordinator's regions. */
async function grantInScope(db: Db, actor: Actor, b: UserCreate) {
  if (b.role === 'coordinator') {
    if (!actor.coordinatorRegionIds.includes(b.regionId)) throw new NotFoundError('region', b.regionId);
    return { role: b.role, regionId: b.regionId };
  }
  if (b.role === 'host') {
    await requireAccess(db, actor, 'venue.manage', [b.venueId]);
    return { role: b.role, venueId: b.venueId };
  }
  await requireAccess(db, actor, 'vehicle.manage', [b.vehicleId]);
  return { role: b.role, vehicleId: b.vehicleId };
}

/** Opens an account with one role in the coordinator's region; returns it as the coordinator lists it. */
export async function createUser(db: Db, actor: Actor, b: UserCreate, requestId: string) {
  const grant = await grantInScope(db, actor, b);
  const passwordHash = await hash(b.password);
  const user = await db.transaction(async (tx) => {
    const u = await insertUser(tx, { username: b.username, displayName: b.displayName, passwordHash, locale: b.locale, grant });
    await audit(tx, { actorUserId: actor.userId, action: 'user.create', entity: 'user', entityId: u.id, after: { username: u.username, grant }, requestId });
    return u;
  });
  const [view] = (await listUsersInRegions(db, actor.coordinatorRegionIds)).filter((u) => u.id === user.id);
  return view!;
}

/** Sets a new password for someone with a role in the coordinator's regions (their sessions end). */
export async function resetPassword(db: Db, actor: Actor, userId: number, password: string, requestId: string) {
  const passwordHash = await hash(password);
  await db.transaction(async (tx) => {
    if (!(await resetPasswordInRegions(tx, actor.coordinatorRegionIds, userId, passwordHash))) throw new NotFoundError('user', userId);
    await audit(tx, { actorUserId: actor.userId, action: 'user.password_reset', entity: 'user', entityId: userId, requestId });
  });
}

/** Changes the caller's own password, given the current one; their other sessions end. */
export async function changeOwnPassword(db: Db, actor: Actor, currentPassword: string, newPassword: string) {
  const stored = await passwordHashOf(db, actor.userId);
  const ok = stored ? await verify(stored, currentPassword).catch(() => false) : false;
  if (!ok) throw new DomainError('INVALID_CREDENTIALS');
  await setPassword(db, actor.userId, await hash(newPassword), actor.sessionId);
}
