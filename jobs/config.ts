import { z } from 'zod';

/**
 * The settings a planning worker reads from the environment (README, "Configuration"). They are
 * defined here, with the jobs, so that `npm run worker` needs nothing of server/ but its database;
 * server/config.ts extends this object with the server's own settings, so each is parsed one way.
 */
export const JobsEnv = z.object({
  // An empty DATABASE_URL counts as unset: the embedded database.
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined),
  REDIS_URL: z.string().trim().default('redis://127.0.0.1:6379'),
  ROVE_JOB_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  ROVE_QUEUE_NAME: z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/).default('rove-planning'),
});

export interface JobsConfig {
  /** Postgres connection string; absent means the embedded PGlite database. */
  databaseUrl: string | undefined;
  /** Redis for BullMQ; empty or "off" means planning runs in-process. */
  redisUrl: string | undefined;
  /** BullMQ job lock: a killed worker's run is picked up again after about this long. */
  jobLockMs: number;
  /** BullMQ queue of planning runs (servers and workers of one deployment share it). */
  queueName: string;
}

/** A bad environment, with one line per bad variable. */
export class ConfigError extends Error {}

/** Parses `env` with `schema`, or throws a ConfigError naming every bad variable. */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

/** The jobs' settings from parsed variables (server/config.ts uses it for the same four). */
export function jobsSettings(e: z.infer<typeof JobsEnv>): JobsConfig {
  const redis = e.REDIS_URL === '' || e.REDIS_URL.toLowerCase() === 'off' ? undefined : e.REDIS_URL;
  return { databaseUrl: e.DATABASE_URL, redisUrl: redis, jobLockMs: e.ROVE_JOB_LOCK_MS, queueName: e.ROVE_QUEUE_NAME };
}

/** The worker's settings, or a ConfigError naming every bad variable. */
export function loadJobsConfig(env: NodeJS.ProcessEnv = process.env): JobsConfig {
  return jobsSettings(parseEnv(JobsEnv, env));
}
