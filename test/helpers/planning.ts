import type { buildApp } from '../../server/app.js';
import type { DbOrTx } from '../../server/db/client.js';
import type { SessionHeaders } from './accounts.js';
import { validateCrewRules } from './validator-crew.js';

type App = Awaited<ReturnType<typeof buildApp>>;

export interface SseEvent {
  event: string;
  data: unknown;
}

export function parseSse(body: string): SseEvent[] {
  return body
    .split('\n\n')
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      return event ? { event, data: data ? JSON.parse(data) : null } : undefined;
    })
    .filter((e): e is SseEvent => e !== undefined);
}

/** Starts a run through the API and returns its id. */
export async function startRun(app: App, headers: SessionHeaders, regionId: number, body: object): Promise<number> {
  const res = await app.inject({ method: 'POST', url: `/api/regions/${regionId}/planning-runs`, headers, payload: body });
  if (res.statusCode !== 202) throw new Error(`run not accepted: ${res.statusCode} ${res.body}`);
  return res.json().runId as number;
}

/**
 * Polls a run until it has finished (any final status) and returns it. A plan a run stores is read
 * back by the independent crew validator (test/helpers/validator-crew.ts, rules 1-4 and 7): a
 * problem fails the test that stored it.
 */
export async function waitForRun(app: App, db: DbOrTx, headers: SessionHeaders, runId: number, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const run = (await app.inject({ url: `/api/planning-runs/${runId}`, headers })).json();
    if (run.status === 'succeeded' && run.planId) {
      const problems = await validateCrewRules(db, run.planId);
      if (problems.length > 0) throw new Error(`run ${runId} stored plan ${run.planId} breaking the crew's rules: ${JSON.stringify(problems.slice(0, 5))}`);
    }
    if (['succeeded', 'failed', 'cancelled'].includes(run.status)) return run;
    if (Date.now() > until) throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
