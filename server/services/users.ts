import { hash, verify } from '@node-rs/argon2';
import type { UserCreate } from '../contract/users.js';
import { requireAccess } from '../db/access.js';
import type { Db, DbOrTx } from '../db/client.js';
import { accountOf, deleteGrants, enableUser, insertUser, listUsersInRegions, passwordHashOf, resetPasswordInRegions, revokeFeedsOf, setPassword, shutOut } from '../db/queries/accounts.js';
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

/** Sets a new password for someone with a role in the coordinator's regions: their sessions end and their feeds stop. */
export async function resetPassword(db: Db, now: Date, actor: Actor, userId: number, password: string, requestId: string) {
  const passwordHash = await hash(password);
  await db.transaction(async (tx) => {
    if (!(await resetPasswordInRegions(tx, actor.coordinatorRegionIds, userId, passwordHash))) throw new NotFoundError('user', userId);
    await revokeFeedsOf(tx, userId, now);
    await audit(tx, { actorUserId: actor.userId, action: 'user.password_reset', entity: 'user', entityId: userId, requestId });
  });
}

/**
 * Changes the caller's own password, given the current one; their other sessions end and their
 * calendar feeds stop (a changed password often means someone else knew it).
 */
export async function changeOwnPassword(db: Db, now: Date, actor: Actor, currentPassword: string, newPassword: string, requestId: string) {
  const stored = await passwordHashOf(db, actor.userId);
  const ok = stored ? await verify(stored, currentPassword).catch(() => false) : false;
  if (!ok) throw new DomainError('INVALID_CREDENTIALS');
  const passwordHash = await hash(newPassword);
  await db.transaction(async (tx) => {
    await setPassword(tx, actor.userId, passwordHash, actor.sessionId);
    await revokeFeedsOf(tx, actor.userId, now);
    await audit(tx, { actorUserId: actor.userId, action: 'user.password_change', entity: 'user', entityId: actor.userId, requestId });
  });
}

/**
 * The account `userId` when the caller may take access away from it: a coordinator, from hosts and
 * drivers whose every grant lies in their regions (not from other coordinators, nor from someone who
 * also works elsewhere). RESOURCE_NOT_FOUND otherwise, with no hint that the account exists.
 */
async function manageable(db: DbOrTx, actor: Actor, userId: number) {
  const account = await accountOf(db, userId);
  const ok =
    account &&
    account.id !== actor.userId &&
    account.grants.length > 0 &&
    account.grants.every((g) => g.role !== 'coordinator' && actor.coordinatorRegionIds.includes(g.inRegionId));
  if (!ok) throw new NotFoundError('user', userId);
  return account;
}

/** Disables an account: sign-in refused, sessions ended, the feeds it made stop. */
export async function disableUser(db: Db, now: Date, actor: Actor, userId: number, requestId: string) {
  await db.transaction(async (tx) => {
    await manageable(tx, actor, userId);
    await shutOut(tx, userId, now, true);
    await audit(tx, { actorUserId: actor.userId, action: 'user.disable', entity: 'user', entityId: userId, requestId });
  });
}

/** Enables a disabled account again (its feeds stay revoked: new ones can be made). */
export async function enableAccount(db: Db, actor: Actor, userId: number, requestId: string) {
  await db.transaction(async (tx) => {
    await manageable(tx, actor, userId);
    await enableUser(tx, userId);
    await audit(tx, { actorUserId: actor.userId, action: 'user.enable', entity: 'user', entityId: userId, requestId });
  });
}

/**
 * Withdraws grants of a user (all of them in the caller's scope, or those named) and ends their
 * sessions and feeds; an account left with no grant is disabled too. One transaction, the caller's.
 */
export async function withdrawGrants(tx: DbOrTx, now: Date, actor: Actor, userId: number, grantIds: number[], requestId: string) {
  const account = await manageable(tx, actor, userId);
  const withdrawn = account.grants.filter((g) => grantIds.includes(g.id));
  if (withdrawn.length !== grantIds.length) throw new NotFoundError('role_grant', grantIds.find((id) => !withdrawn.some((g) => g.id === id))!);
  const left = await deleteGrants(tx, userId, grantIds);
  await shutOut(tx, userId, now, left === 0);
  await audit(tx, { actorUserId: actor.userId, action: 'user.role_withdraw', entity: 'user', entityId: userId, before: { grants: withdrawn }, after: { grantsLeft: left, disabled: left === 0 }, requestId, regionIds: [...new Set(withdrawn.map((g) => g.inRegionId))] });
}

/** Withdraws one grant (DELETE /users/:id/roles/:grantId). */
export async function withdrawRole(db: Db, now: Date, actor: Actor, userId: number, grantId: number, requestId: string) {
  await db.transaction((tx) => withdrawGrants(tx, now, actor, userId, [grantId], requestId));
}

/**
 * A driver removed from the catalogue (they left): their account, if they have one, loses its
 * driver grants in the driver's region, its sessions and feeds, and is disabled if nothing is left.
 */
export async function retireDriverAccount(tx: DbOrTx, now: Date, actor: Actor, driver: { userId: number | null; regionId: number }, requestId: string) {
  if (driver.userId === null) return;
  const account = await accountOf(tx, driver.userId);
  const grants = (account?.grants ?? []).filter((g) => g.role === 'driver' && g.inRegionId === driver.regionId).map((g) => g.id);
  if (grants.length) await withdrawGrants(tx, now, actor, driver.userId, grants, requestId);
  else await shutOut(tx, driver.userId, now, false);
}
