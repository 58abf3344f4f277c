import { inProcessRuntime, openJobsRuntime } from '../jobs/runtime.js';
import { buildApp } from './app.js';
import { fixedClock, systemClock } from './clock.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { DEMO_PASSWORDS, seedDemoIfEmpty } from './demo/seed.js';

/** Starts Rove: migrate, seed the demo into an empty database, serve the API and the web build. */
async function main() {
  const config = loadConfig();
  const clock = config.now ? fixedClock(config.now) : systemClock;
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await database.migrate();
  // The demo is laid out around today by the app's clock (ROVE_NOW fixes it), in the region's zone.
  const seed = config.seedDemo ? await seedDemoIfEmpty(database.db, { today: clock.today('Asia/Shanghai') }) : { seeded: false };
  // Workers are separate processes sharing the database, which the embedded one cannot be.
  const { runtime: jobs, reason } =
    database.kind === 'embedded'
      ? { runtime: inProcessRuntime(), reason: 'the embedded database serves one process only (set DATABASE_URL for BullMQ workers)' }
      : await openJobsRuntime(config.redisUrl);

  const app = await buildApp(
    {
      config,
      database,
      jobs,
      clock,
      planning: {
        databaseUrl: config.databaseUrl,
        embeddedWorker: config.embeddedWorker,
        jobLockMs: config.jobLockMs,
        planSeconds: config.planSeconds,
        queueName: config.queueName,
      },
    },
    // X-Forwarded-For and -Proto only from the configured proxies: anyone else could forge them.
    { logger: { level: config.logLevel }, trustProxy: config.trustedProxies.length ? config.trustedProxies : false },
  );
  app.log.info(
    { database: database.kind, dataDir: database.kind === 'embedded' ? config.dataDir : undefined },
    database.kind === 'embedded' ? `database: embedded PGlite in ${config.dataDir}` : 'database: Postgres (DATABASE_URL)',
  );
  if (seed.seeded) {
    app.log.info('demo data seeded: Guizhou region (演示数据)');
    app.log.info(
      `demo accounts: coordinator / ${DEMO_PASSWORDS.coordinator}; host-<county code> (e.g. host-520527) / ${DEMO_PASSWORDS.host}; ` +
        `driver-<vehicle code> (e.g. driver-kp-01, driver-rm-01) / ${DEMO_PASSWORDS.driver}`,
    );
  }
  if (jobs.mode === 'bullmq') app.log.info(`jobs: BullMQ on ${reason}`);
  else app.log.warn(`jobs: in-process, because ${reason}`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: shutting down`);
    await app.close();
    await jobs.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  const address = await app.listen({ host: config.host, port: config.port });
  console.log(`Rove is running at ${address}  (API docs: ${address}/docs)`);
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
