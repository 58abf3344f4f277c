import { openJobsRuntime } from './runtime.js';
import { startPlanningWorker } from './queue.js';
import { loadJobsConfig } from './config.js';
import { openDatabase } from '../server/db/client.js';

// `npm run worker`: a planning worker process. Start as many as the machine and the region count
// warrant; each takes runs from the BullMQ queue on Redis and writes plans to Postgres.

const config = loadJobsConfig();
if (!config.databaseUrl) {
  console.error('npm run worker needs DATABASE_URL: workers share a Postgres database with the server (the embedded database is single-process).');
  process.exit(1);
}
const database = await openDatabase({ databaseUrl: config.databaseUrl });
await database.migrate();
const { runtime, reason } = await openJobsRuntime(config.redisUrl);
if (runtime.mode !== 'bullmq' || !runtime.redis) {
  console.error(`npm run worker needs Redis: ${reason}.`);
  process.exit(1);
}
const worker = startPlanningWorker({
  connection: runtime.redis,
  databaseUrl: config.databaseUrl,
  queueName: config.queueName,
  lockDurationMs: config.jobLockMs,
  stalledIntervalMs: config.jobLockMs,
});
worker.on('failed', (job, err) => console.error(`run ${job?.data.runId} failed: ${err.message}`));
worker.on('completed', (job) => console.log(`run ${job.data.runId} done`));
await worker.waitUntilReady();
console.log(`Rove planning worker ready (queue on ${reason})`);

let closing = false;
const shutdown = async (signal: string) => {
  if (closing) return;
  closing = true;
  console.log(`${signal}: finishing the current run and closing`);
  await worker.close();
  await runtime.close();
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
