import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError, JobsEnv, jobsSettings, parseEnv, type JobsConfig } from '../jobs/config.js';
import { parseInstant } from './clock.js';

export { ConfigError };

/**
 * Every setting Rove reads from the environment, parsed once at boot (README, "Configuration"): the
 * jobs' own (jobs/config.ts: database, Redis, queue, job lock) and the server's.
 */
const Env = JobsEnv.extend({
  ROVE_DATA_DIR: z.string().trim().min(1).default('./data'),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ROVE_SEED_DEMO: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  ROVE_WEB_DIR: z.string().trim().min(1).default('./web/dist'),
  ROVE_EMBEDDED_WORKER: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  ROVE_PLAN_SECONDS: z.coerce.number().min(0.1).max(3600).default(20),
  ROVE_ADVICE_THREADS: z.coerce.number().int().min(1).max(64).default(1),
  ROVE_ADVICE_SECONDS: z.coerce.number().min(0.5).max(120).default(10),
  ROVE_IMPORT_SECONDS: z.coerce.number().min(1).max(3600).default(120),
  ROVE_SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 14),
  ROVE_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  ROVE_LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  ROVE_LOGIN_PAUSE_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
  // Proxies whose X-Forwarded-For / -Proto are believed: addresses or CIDRs, comma-separated, or
  // loopback / linklocal / uniquelocal. Empty (the default): none, the peer's address counts.
  ROVE_TRUSTED_PROXIES: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || v.split(',').every((p) => /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/.test(p.trim())), 'addresses or CIDRs separated by commas, or loopback, linklocal, uniquelocal')
    .transform((v) => (v === '' ? [] : v.split(',').map((p) => p.trim()))),
  // An ISO date-time (or date) the server's clock stands still at; unset or empty: the real clock.
  ROVE_NOW: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || isInstant(v), 'an ISO date-time such as 2028-02-29T10:00:00+08:00, or a date'),
});

function isInstant(v: string): boolean {
  try {
    parseInstant(v);
    return true;
  } catch {
    return false;
  }
}

export interface Config extends JobsConfig {
  /** Folder of the embedded database (ignored with a databaseUrl). */
  dataDir: string;
  host: string;
  port: number;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  seedDemo: boolean;
  webDir: string;
  /** With BullMQ, also run a planning worker inside the server process (a lone server still plans). */
  embeddedWorker: boolean;
  /** Default solver time budget of a planning run, in seconds. */
  planSeconds: number;
  /** Threads that compute booking advice off the event loop. */
  adviceThreads: number;
  /** Time limit of one advice, seconds; past it the host is told to try a shorter window. */
  adviceSeconds: number;
  /** Time limit of reading one imported file (venues, a region's workbook), seconds; past it nothing is imported. */
  importSeconds: number;
  /** How long a sign-in lasts, in hours. */
  sessionHours: number;
  /** Secure flag of the session cookie: 'auto' sets it when the request came over https. */
  cookieSecure: 'auto' | boolean;
  /** The sign-in throttle's one knob (README, "Configuration"; server/routes/auth.ts). */
  loginAttemptsPerMinute: number;
  /** The longest pause between two sign-in attempts on a username guessed from many addresses, ms. */
  loginPauseMs: number;
  /** Proxies trusted for X-Forwarded-* (Fastify's trustProxy); empty trusts none. */
  trustedProxies: string[];
  /** ROVE_NOW: the fixed "now" of a demo or test server (ISO); undefined runs on the real clock. */
  now: string | undefined;
}

/** Parses the environment into a Config, or throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = parseEnv(Env, env);
  return {
    ...jobsSettings(e),
    dataDir: resolve(e.ROVE_DATA_DIR),
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.ROVE_SEED_DEMO,
    webDir: resolve(e.ROVE_WEB_DIR),
    embeddedWorker: e.ROVE_EMBEDDED_WORKER,
    planSeconds: e.ROVE_PLAN_SECONDS,
    adviceThreads: e.ROVE_ADVICE_THREADS,
    adviceSeconds: e.ROVE_ADVICE_SECONDS,
    importSeconds: e.ROVE_IMPORT_SECONDS,
    sessionHours: e.ROVE_SESSION_HOURS,
    cookieSecure: e.ROVE_COOKIE_SECURE === 'auto' ? 'auto' : e.ROVE_COOKIE_SECURE === 'true',
    loginAttemptsPerMinute: e.ROVE_LOGIN_ATTEMPTS_PER_MINUTE,
    loginPauseMs: e.ROVE_LOGIN_PAUSE_MS,
    trustedProxies: e.ROVE_TRUSTED_PROXIES,
    now: e.ROVE_NOW,
  };
}
