import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createScratchPostgres } from '../helpers/databases.js';
import { startRove } from '../helpers/process.js';

const json = async (url: string, cookie?: string) => (await fetch(url, cookie ? { headers: { cookie } } : {})).json();

/** Signs in as the demo coordinator over real HTTP; returns the session cookie. */
async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'coordinator', password: 'rove-coordinator' }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).not.toMatch(/Secure/); // plain http on loopback: a Secure cookie would never come back
  return cookie.split(';')[0]!;
}

// npm start is `vite build web` then this process; the browser tests build the page the same way (test/web/browser.ts).
describe('the server process npm start runs (server/main.ts under tsx)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rove-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves the demo on the embedded database with no services, keeps data across restarts, seeds once', async () => {
    const first = await startRove({ ROVE_DATA_DIR: dataDir, REDIS_URL: 'off', DATABASE_URL: '' });
    try {
      expect(await json(`${first.url}/healthz`)).toMatchObject({ status: 'ok', database: { kind: 'embedded' }, jobs: { mode: 'in-process' } });
      expect(((await fetch(`${first.url}/api/venues`)).status)).toBe(401);
      const venues = (await json(`${first.url}/api/venues`, await signIn(first.url))) as Array<{ countyCode: string }>;
      expect(venues).toHaveLength(88);
      expect(first.output()).toContain('demo data seeded');
      expect(first.output()).toContain('coordinator / rove-coordinator');
      expect(first.output()).toContain('jobs: in-process');
    } finally {
      expect(await first.stop()).toBe(0);
    }
    const second = await startRove({ ROVE_DATA_DIR: dataDir, REDIS_URL: 'off', DATABASE_URL: '' });
    try {
      expect((await json(`${second.url}/api/venues`, await signIn(second.url))) as unknown[]).toHaveLength(88);
      expect(second.output()).not.toContain('demo data seeded');
    } finally {
      await second.stop();
    }
    // Two cold starts on PGlite (create, migrate, seed): about 25 s alone, much more beside other test files.
  }, 150_000);

  it('runs the same way against Postgres when DATABASE_URL is set', async () => {
    const scratch = await createScratchPostgres();
    const rove = await startRove({ DATABASE_URL: scratch.url, REDIS_URL: 'off' });
    try {
      expect(await json(`${rove.url}/healthz`)).toMatchObject({ status: 'ok', database: { kind: 'postgres' } });
      expect((await json(`${rove.url}/api/venues`, await signIn(rove.url))) as unknown[]).toHaveLength(88);
    } finally {
      await rove.stop();
      await scratch.drop();
    }
  });

  it('refuses to start on a bad setting and names it', async () => {
    await expect(startRove({ PORT: 'eighty', REDIS_URL: 'off' }, 30_000)).rejects.toThrow(/PORT/);
  });
});
