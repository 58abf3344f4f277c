import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createScratchPostgres } from '../helpers/databases.js';
import { startRove } from '../helpers/process.js';
import { testNowEnv } from '../helpers/clock.js';

// `npm run user:create` beside a running server must never say "created" and lose the account
// (issue 11): on the embedded database it refuses while the server holds the folder; on Postgres
// it works, and the running server signs the new account in at once.

function cli(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/create-user.ts', ...args], {
    env: { ...process.env, ...testNowEnv(), LOG_LEVEL: 'silent', REDIS_URL: 'off', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

const signIn = (base: string, username: string, password: string) =>
  fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

/** The pid of a process that has exited (a lock file such a process left behind is stale). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('npm run user:create beside a running server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rove-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('on the embedded database: refuses while the server runs and writes nothing, then creates an administrator who signs in', async () => {
    const env = { ROVE_DATA_DIR: dataDir, DATABASE_URL: '', ROVE_SEED_DEMO: 'false' };
    const server = await startRove({ ...env, REDIS_URL: 'off' });
    try {
      const refused = cli(env, '--username', 'root', '--role', 'admin', '--password', 'root-password-1');
      expect(refused.status).toBe(3);
      expect(refused.out).not.toContain('created');
      expect(refused.err).toContain(`The embedded database in ${dataDir} is in use by another Rove process (pid ${server.child.pid})`);
      expect(refused.err).toContain('nothing was changed');
      expect((await signIn(server.url, 'root', 'root-password-1')).status).toBe(401);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    const created = cli(env, '--username', 'root', '--role', 'admin', '--password', 'root-password-1');
    expect(created.err).toBe('');
    expect(created.out).toMatch(/^created admin root \(id \d+\)\n$/);
    const again = await startRove({ ...env, REDIS_URL: 'off' });
    try {
      const res = await signIn(again.url, 'root', 'root-password-1');
      expect(res.status).toBe(200);
      expect((await res.json()).user).toMatchObject({ username: 'root', administrator: true, roles: [] });
    } finally {
      await again.stop();
    }
  }, 240_000);

  it('takes over the lock a dead process left behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rove-cli-stale-'));
    try {
      writeFileSync(join(dir, 'rove.lock'), String(await deadPid()));
      const r = cli({ ROVE_DATA_DIR: dir, DATABASE_URL: '' }, '--username', 'alice', '--role', 'coordinator', '--region', '45', '--region-zh', '广西壮族自治区', '--region-en', 'Guangxi');
      expect(r.err).toBe('');
      expect(r.out).toMatch(/^created coordinator alice \(id \d+\), password: \S{16}\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('on Postgres: creates the account while the server runs, and the server signs it in at once', async () => {
    const scratch = await createScratchPostgres();
    const server = await startRove({ DATABASE_URL: scratch.url, REDIS_URL: 'off', ROVE_SEED_DEMO: 'false' });
    try {
      const r = cli({ DATABASE_URL: scratch.url }, '--username', 'gx', '--role', 'coordinator', '--region', '45', '--region-zh', '广西壮族自治区', '--region-en', 'Guangxi', '--password', 'guangxi-2027');
      expect(r.err).toBe('');
      expect(r.out).toMatch(/^created coordinator gx \(id \d+\)\n$/);
      const res = await signIn(server.url, 'gx', 'guangxi-2027');
      expect(res.status).toBe(200);
      expect((await res.json()).user.roles).toMatchObject([{ role: 'coordinator' }]);
    } finally {
      await server.stop();
      await scratch.drop();
    }
  }, 180_000);
});
