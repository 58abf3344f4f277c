// A host's request filed in the browser with the host page's own session, for browser tests that need
// one (the requests inbox, the coordinator's notices on a phone).
import type { Page } from 'playwright-core';

export interface Filed {
  id: number;
  venueName: string;
  countyName: string;
  countyCode: string;
}

/** A caravan request sent with the host page's own session, as the request form sends it. */
export async function fileRequest(page: Page, windowStart: string, windowEnd: string, notes: string): Promise<Filed> {
  return page.evaluate(
    async ({ windowStart, windowEnd, notes }) => {
      const me = await (await fetch('/api/auth/me')).json();
      const venueId = me.user.roles.find((g: { venueId: number | null }) => g.venueId).venueId;
      const r = await fetch('/api/requests', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ venueId, setKind: 'caravan_kit', windowStart, windowEnd, openDays: 2, expectedAudience: 300, notes }),
      });
      if (r.status !== 201) throw new Error(`${r.status} ${await r.text()}`);
      return r.json();
    },
    { windowStart, windowEnd, notes },
  );
}
