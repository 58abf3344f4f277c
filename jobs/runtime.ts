import { Redis } from 'ioredis';

export type JobsMode = 'bullmq' | 'in-process';

/** How planning jobs run in this process: through BullMQ on Redis, or in-process without Redis. */
export interface JobsRuntime {
  mode: JobsMode;
  /** Redis connection for BullMQ queues (bullmq mode only). */
  redis: Redis | undefined;
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

/** A runtime with no Redis: planning runs in this process. */
export function inProcessRuntime(): JobsRuntime {
  return { mode: 'in-process', redis: undefined, healthy: async () => true, close: async () => {} };
}

/** `p`, or a rejection once `ms` have passed. */
export function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * Connects to Redis when a URL is given and it answers within `timeoutMs`; otherwise falls back to
 * in-process jobs. `reason` says why, for the start-up log.
 */
export async function openJobsRuntime(
  redisUrl: string | undefined,
  timeoutMs = 1500,
): Promise<{ runtime: JobsRuntime; reason: string }> {
  if (!redisUrl) return { runtime: inProcessRuntime(), reason: 'REDIS_URL is off' };
  // BullMQ needs maxRetriesPerRequest: null on the connections its workers use.
  const redis = new Redis(redisUrl, {
    maxRetriesPerRequest: null,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  redis.on('error', () => {}); // reconnects on its own; health reports the state
  try {
    await within(
      redis.connect().then(() => redis.ping()),
      timeoutMs,
    );
  } catch (err) {
    redis.disconnect();
    return { runtime: inProcessRuntime(), reason: `Redis at ${redisUrl} did not answer (${(err as Error).message})` };
  }
  return {
    runtime: {
      mode: 'bullmq',
      redis,
      // With Redis gone, a command would wait in ioredis's offline queue until it returns: health
      // answers at once from the connection's state, and a ping gets half a second.
      healthy: async () => redis.status === 'ready' && (await within(redis.ping(), 500).catch(() => '')) === 'PONG',
      close: async () => {
        await redis.quit().catch(() => redis.disconnect());
      },
    },
    reason: `Redis at ${redisUrl}`,
  };
}
