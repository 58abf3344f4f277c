// A draft of next year for the board's browser tests, planned through the API with the page's own
// session (cookie and CSRF token), as the coordinator's run form would.
import type { Page } from 'playwright-core';
import { yearOf } from '../helpers/clock.js';

/** JSON from the API with the page's session; throws on an error status. */
export async function apiJson<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const r = await fetch(p, { headers: { accept: 'application/json' } });
    if (!r.ok) throw new Error(`${p}: ${r.status} ${await r.text()}`);
    return r.json();
  }, path) as Promise<T>;
}

/** Plans next year in region 1 with a time budget of `seconds`; resolves to the new draft's id. */
export async function planDraft(page: Page, seconds = 2): Promise<number> {
  const body = { horizonStart: `${yearOf(1)}-01-01`, horizonEnd: `${yearOf(1)}-12-31`, options: { seconds } };
  const runId = await page.evaluate(async (b) => {
    const me = await (await fetch('/api/auth/me')).json();
    const r = await fetch('/api/regions/1/planning-runs', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify(b) });
    if (r.status !== 202) throw new Error(`run refused: ${r.status} ${await r.text()}`);
    return (await r.json()).runId as number;
  }, body);
  for (let i = 0; i < 240; i++) {
    const run = await apiJson<{ status: string; planId: number | null; error: unknown }>(page, `/api/planning-runs/${runId}`);
    if (run.status === 'succeeded') return run.planId!;
    if (run.status === 'failed' || run.status === 'cancelled') throw new Error(`run ${runId} ${run.status}: ${JSON.stringify(run.error)}`);
    await page.waitForTimeout(500);
  }
  throw new Error(`run ${runId} did not finish in two minutes`);
}
