// Opens an account from the command line: how a deployment gets its first administrator (or first
// coordinator); later regions, coordinators, hosts and drivers are opened in the app.
//   npm run user:create -- --username root --role admin [--password ...]
//   npm run user:create -- --username alice --name "Alice" --role coordinator --region 52 [--password ...]
//   (a region that does not exist yet is created with --region-zh 贵州省 --region-en Guizhou)
// --region takes the region's code; --venue and --vehicle take row ids. Without --password a random
// one is made and printed once. Reads DATABASE_URL / ROVE_DATA_DIR like the server. On the embedded
// database the folder serves one process: while a server runs on it this refuses and changes nothing
// (server/db/embedded-lock.ts); success is printed only once the write is on disk.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { hash } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase, type Db } from '../db/client.js';
import { DatabaseInUseError } from '../db/embedded-lock.js';
import { insertUser, type NewUser } from '../db/queries/accounts.js';
import * as t from '../db/schema/index.js';
import { fromDatabaseError } from '../errors.js';
import { createAdministrator, openRegion } from '../services/onboarding-admin.js';

const ROLES = ['admin', 'coordinator', 'host', 'driver'];
const USAGE =
  'usage: --username NAME --role admin|coordinator|host|driver (--region CODE [--region-zh 名称 --region-en Name] | --venue ID | --vehicle ID) [--name "Display name"] [--password PW] [--locale zh-CN|en]';

type Args = Record<string, string | undefined>;

/** Writes the account; returns the line to print once the database is closed. */
async function create(db: Db, a: Args, password: string): Promise<{ id: number; username: string }> {
  const account = { username: a.username!, displayName: a.name ?? a.username!, password, locale: a.locale === 'en' ? ('en' as const) : undefined };
  if (a.role === 'admin') return createAdministrator(db, account);
  let grant: NewUser['grant'];
  if (a.role === 'coordinator') {
    const [region] = await db.select().from(t.regions).where(eq(t.regions.code, a.region ?? ''));
    // A fresh deployment has no region yet: create it with its first coordinator when its names are given.
    if (!region && a.region && a['region-zh'] && a['region-en']) {
      return (await openRegion(db, null, { code: a.region, nameZh: a['region-zh'], nameEn: a['region-en'] }, account, 'cli')).coordinator;
    }
    if (!region) throw new Error(`no region with code ${a.region} (give --region-zh and --region-en to create it)`);
    grant = { role: 'coordinator', regionId: region.id };
  } else if (a.role === 'host') {
    grant = { role: 'host', venueId: Number(a.venue) };
  } else {
    grant = { role: 'driver', vehicleId: Number(a.vehicle) };
  }
  const passwordHash = await hash(password);
  return db.transaction((tx) => insertUser(tx, { username: account.username, displayName: account.displayName, passwordHash, locale: account.locale, grant }));
}

async function main() {
  const { values: a } = parseArgs({
    options: Object.fromEntries(['username', 'name', 'role', 'region', 'venue', 'vehicle', 'password', 'locale', 'region-zh', 'region-en'].map((k) => [k, { type: 'string' as const }])),
  });
  if (!a.username || !a.role || !ROLES.includes(a.role)) throw new Error(USAGE);
  const password = a.password ?? randomBytes(12).toString('base64url');
  if (password.length < 8) throw new Error('the password needs at least 8 characters');
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let user: { id: number; username: string };
  try {
    await database.migrate();
    user = await create(database.db, a, password).catch((err: unknown) => {
      const e = fromDatabaseError(err);
      if (e?.code === 'DUPLICATE') throw new Error(`the username ${a.username} is taken`);
      if (e?.code === 'REFERENCE_NOT_FOUND') throw new Error(`no ${a.role === 'host' ? 'venue' : 'vehicle'} with that id`);
      throw err;
    });
  } finally {
    await database.close();
  }
  console.log(`created ${a.role} ${user.username} (id ${user.id})${a.password ? '' : `, password: ${password}`}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof DatabaseInUseError ? err.message : (err as Error).message);
  process.exit(err instanceof DatabaseInUseError ? 3 : 1);
});
