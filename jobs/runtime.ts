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
    await Promise.race([
      redis.connect().then(() => redis.ping()),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs)),
    ]);
  } catch (err) {
    redis.disconnect();
    return { runtime: inProcessRuntime(), reason: `Redis at ${redisUrl} did not answer (${(err as Error).message})` };
  }
  return {
    runtime: {
      mode: 'bullmq',
      redis,
      healthy: async () => {
        try {
          return (await redis.ping()) === 'PONG';
        } catch {
          return false;
        }
      },
      close: async () => {
        await redis.quit().catch(() => redis.disconnect());
      },
    },
    reason: `Redis at ${redisUrl}`,
  };
}
