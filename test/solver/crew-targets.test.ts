import { describe, expect, it } from 'vitest';
import { caravan, facts, kit, planChecked, request, venue } from './crew-facts.js';

// The caravan targets of national practice (rule 6): 120 days out or 10,000 km a year, and 60% of
// caravan stops in townships and villages, as soft objectives and per-vehicle figures.

describe('caravan targets (rule 6)', () => {
  // One caravan, two visits wanted on the same day: it can make only one.
  const sameDay = (countySeat: number) =>
    facts({
      venues: [venue(1, { level: countySeat === 1 ? 'county' : 'township' }), venue(2, { level: countySeat === 2 ? 'county' : 'village' })],
      sets: [kit(1)],
      vehicles: [caravan(1, [1])],
      requests: [request(1, '2026-03-04', '2026-03-04'), request(2, '2026-03-04', '2026-03-04')],
      horizon: ['2026-03-01', '2026-03-31'],
    });

  it('serves the visit below the county seat first when a caravan can make only one of two of one tier', () => {
    for (const countySeat of [1, 2]) {
      const f = sameDay(countySeat);
      const out = planChecked(f, { iterations: 200 });
      expect(out.stops.map((s) => s.venueId), `county seat: venue ${countySeat}`).toEqual([countySeat === 1 ? 2 : 1]);
      expect(out.unserved.map((u) => f.requests.find((r) => r.id === u.requestId)!.venueId)).toEqual([countySeat]);
      expect(out.metrics.caravanTownshipShare).toBe(1);
    }
  });

  it('reports each caravan against the targets in proportion to the horizon', () => {
    // A month's horizon: the target is 10 days out (120 x 31 / 365) or 849 km.
    // Caravan 1 visits eleven schools (a kit comes to a venue once a year), caravan 2 one county seat.
    const days = [2, 4, 6, 9, 11, 13, 16, 18, 20, 23, 25];
    const f = facts({
      venues: [...days.map((_, i) => venue(i + 1)), venue(12, { level: 'county' })],
      sets: [kit(1), kit(2)],
      vehicles: [caravan(1, [1]), caravan(2, [2])],
      requests: [
        ...days.map((d, i) => request(i + 1, `2026-03-${String(d).padStart(2, '0')}`, `2026-03-${String(d).padStart(2, '0')}`, { exhibitSetId: 1 })),
        request(12, '2026-03-10', '2026-03-10', { exhibitSetId: 2 }),
      ],
      horizon: ['2026-03-01', '2026-03-31'],
    });
    const out = planChecked(f, { iterations: 300 });
    expect(out.unserved).toEqual([]);
    const [busy, light] = out.metrics.caravanTargets;
    expect(busy).toMatchObject({ vehicleId: 1, meets: true });
    expect(busy!.daysOut).toBeGreaterThanOrEqual(10);
    expect(light).toMatchObject({ vehicleId: 2, meets: false });
    expect(light!.daysOut).toBeLessThan(10);
    expect(light!.km).toBeLessThan(849);
    // 11 of the 12 caravan stops are in townships.
    expect(out.metrics.caravanTownshipShare).toBe(Math.round((11 / 12) * 1000) / 1000);
  });
});
