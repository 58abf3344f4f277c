// Opens an account from the command line: how a deployment gets its first coordinator (later ones,
// hosts and drivers are opened in the app by a coordinator).
//   npm run user:create -- --username alice --name "Alice" --role coordinator --region 52 [--password ...]
//   (a region that does not exist yet is created with --region-zh 贵州省 --region-en Guizhou)
// --region takes the region's code; --venue and --vehicle take row ids. Without --password a random
// one is made and printed once. Reads DATABASE_URL / ROVE_DATA_DIR like the server.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { hash } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { insertUser, type NewUser } from '../db/queries/accounts.js';
import { fromDatabaseError } from '../errors.js';
import * as t from '../db/schema/index.js';

async function main() {
  const { values: a } = parseArgs({
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      region: { type: 'string' },
      venue: { type: 'string' },
      vehicle: { type: 'string' },
      password: { type: 'string' },
      locale: { type: 'string' },
      'region-zh': { type: 'string' },
      'region-en': { type: 'string' },
    },
  });
  if (!a.username || !a.role || !['coordinator', 'host', 'driver'].includes(a.role)) {
    throw new Error('usage: --username NAME --role coordinator|host|driver (--region CODE | --venue ID | --vehicle ID) [--name "Display name"] [--password PW]');
  }
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await database.migrate();
    let grant: NewUser['grant'];
    if (a.role === 'coordinator') {
      let [region] = await database.db.select().from(t.regions).where(eq(t.regions.code, a.region ?? ''));
      // A fresh deployment has no region yet: create it when its names are given.
      if (!region && a.region && a['region-zh'] && a['region-en']) {
        [region] = await database.db.insert(t.regions).values({ code: a.region, nameZh: a['region-zh'], nameEn: a['region-en'] }).returning();
      }
      if (!region) throw new Error(`no region with code ${a.region} (give --region-zh and --region-en to create it)`);
      grant = { role: 'coordinator', regionId: region.id };
    } else if (a.role === 'host') {
      grant = { role: 'host', venueId: Number(a.venue) };
    } else {
      grant = { role: 'driver', vehicleId: Number(a.vehicle) };
    }
    const password = a.password ?? randomBytes(12).toString('base64url');
    if (password.length < 8) throw new Error('the password needs at least 8 characters');
    const passwordHash = await hash(password);
    const user = await database.db
      .transaction((tx) => insertUser(tx, { username: a.username!, displayName: a.name ?? a.username!, passwordHash, locale: a.locale, grant }))
      .catch((err: unknown) => {
        const e = fromDatabaseError(err);
        if (e?.code === 'DUPLICATE') throw new Error(`the username ${a.username} is taken`);
        if (e?.code === 'REFERENCE_NOT_FOUND') throw new Error(`no ${a.role === 'host' ? 'venue' : 'vehicle'} with that id`);
        throw err;
      });
    console.log(`created ${a.role} ${user.username} (id ${user.id})${a.password ? '' : `, password: ${password}`}`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : (err as Error).message);
  process.exit(1);
});
