import { describe, expect, it } from 'vitest';
import { planFromFacts } from '../../jobs/planning/plan.js';
import { caravan, facts, planChecked, kit, request, venue } from './crew-facts.js';

// Several kits per vehicle (rule 3) and the kit novelty rule (rule 4), on the planner end to end.

describe('several kits per vehicle (rule 3)', () => {
  it('lets a caravan carrying three kits use all three in a year, one per trip', () => {
    const f = facts({
      venues: [venue(1), venue(2), venue(3)],
      sets: [kit(1), kit(2), kit(3)],
      vehicles: [caravan(1, [1, 2, 3])],
      requests: [
        request(1, '2026-03-02', '2026-03-27', { exhibitSetId: 1 }),
        request(2, '2026-06-01', '2026-06-26', { exhibitSetId: 2 }),
        request(3, '2026-09-07', '2026-09-25', { exhibitSetId: 3 }),
      ],
    });
    const out = planChecked(f, { iterations: 500 });
    expect(out.unserved).toEqual([]);
    expect(out.stops.map((s) => [s.venueId, s.vehicleId, s.exhibitSetId]).sort()).toEqual([
      [1, 1, 1],
      [2, 1, 2],
      [3, 1, 3],
    ]);
    expect(out.metrics.idleVehicles).toEqual([]);
  });

  it('carries one kit per trip: two visits in one trip wanting different kits go home between them', () => {
    const f = facts({
      venues: [venue(1), venue(2)],
      sets: [kit(1), kit(2)],
      vehicles: [caravan(1, [1, 2], { maxTripDays: 10 })],
      requests: [request(1, '2026-03-02', '2026-03-02', { exhibitSetId: 1 }), request(2, '2026-03-02', '2026-03-20', { exhibitSetId: 2 })],
      horizon: ['2026-03-02', '2026-03-31'],
    });
    const out = planChecked(f, { iterations: 300 });
    expect(out.stops).toHaveLength(2);
    const second = out.stops.find((s) => s.venueId === 2)!;
    // The first trip is 2–11 March, its last day at the centre: the second kit leaves on the 12th.
    expect(second.startsOn >= '2026-03-12').toBe(true);
    const i = out.stops.indexOf(second);
    expect(out.legs.find((l) => l.to === i)!.from).toBeNull();
  });

  it('reports an idle vehicle with the reason', () => {
    const f = facts({
      venues: [venue(1)],
      sets: [kit(1), kit(2)],
      vehicles: [caravan(1, [1]), caravan(2, [2])],
      requests: [request(1, '2026-03-02', '2026-03-20', { exhibitSetId: 1 })],
      horizon: ['2026-03-01', '2026-03-31'],
    });
    const out = planChecked(f, { iterations: 200 });
    expect(out.metrics.idleVehicles).toEqual([{ vehicleId: 2, reason: { code: 'NO_REQUEST_FOR_ITS_SETS', params: { requests: 0 } } }]);
  });
});

describe('kit novelty (rule 4)', () => {
  it('refuses a kit twice at one school within 12 months', () => {
    const f = facts({
      venues: [venue(1, { kind: 'school' })],
      sets: [kit(1)],
      vehicles: [caravan(1, [1])],
      requests: [request(1, '2026-03-02', '2026-03-20'), request(1, '2026-10-12', '2026-10-30')],
    });
    const out = planChecked(f, { iterations: 300 });
    expect(out.stops).toHaveLength(1);
    expect(out.unserved).toEqual([{ requestId: expect.any(Number), reason: expect.objectContaining({ code: 'NOVELTY' }) }]);
  });

  it('refuses a kit at a school within 12 months of a kept stay the planner could not place', () => {
    // A confirmed stay of another caravan (one the planner no longer has: it predates the rules or
    // its vehicle is gone) is kept as it is; it brought kit 1 to the school in March.
    const kept = { sourceStopId: 1, requestId: null, status: 'confirmed', vehicleId: 9, exhibitSetId: 1, venueId: 1, startsOn: '2026-03-03', opensOn: '2026-03-03', closesOn: '2026-03-03', endsOn: '2026-03-03' };
    const f = {
      ...facts({
        venues: [venue(1, { kind: 'school' }), venue(2, { kind: 'school' })],
        sets: [kit(1)],
        vehicles: [caravan(1, [1])],
        requests: [request(1, '2026-06-01', '2026-06-19'), request(2, '2026-06-01', '2026-06-19')],
      }),
      fixedStops: [kept],
    };
    const out = planFromFacts(f, { iterations: 300 });
    expect(out.stops.filter((s) => s.vehicleId === 1).map((s) => s.venueId)).toEqual([2]);
    expect(out.unserved).toEqual([{ requestId: f.requests[0]!.id, reason: expect.objectContaining({ code: 'NOVELTY' }) }]);
  });

  it('sends another kit the second time when the caravan carries one', () => {
    const f = facts({
      venues: [venue(1, { kind: 'school' })],
      sets: [kit(1), kit(2)],
      vehicles: [caravan(1, [1, 2])],
      requests: [request(1, '2026-03-02', '2026-03-20'), request(1, '2026-10-12', '2026-10-30')],
    });
    const out = planChecked(f, { iterations: 300 });
    expect(out.stops.map((s) => s.exhibitSetId).sort()).toEqual([1, 2]);
  });

  it('allows the same kit at two schools of one county in the same week', () => {
    const f = facts({
      venues: [venue(1, { kind: 'school', countyCode: '520101' }), venue(2, { kind: 'school', countyCode: '520101' })],
      sets: [kit(1)],
      vehicles: [caravan(1, [1])],
      requests: [request(1, '2026-03-09', '2026-03-13'), request(2, '2026-03-09', '2026-03-13')],
    });
    const out = planChecked(f, { iterations: 300 });
    expect(out.stops).toHaveLength(2);
    expect(out.unserved).toEqual([]);
  });

  it('refuses a kit the school had before the horizon within 12 months, and allows it after', () => {
    const base = {
      venues: [venue(1, { kind: 'school' })],
      sets: [kit(1)],
      vehicles: [caravan(1, [1])],
      requests: [request(1, '2026-03-02', '2026-03-20')],
    };
    const recent = planChecked(facts({ ...base, kitHistory: [{ venueId: 1, exhibitSetId: 1, startsOn: '2025-09-10', endsOn: '2025-09-10' }] }), { iterations: 100 });
    expect(recent.unserved).toEqual([{ requestId: expect.any(Number), reason: expect.objectContaining({ code: 'NOVELTY' }) }]);
    const old = planChecked(facts({ ...base, kitHistory: [{ venueId: 1, exhibitSetId: 1, startsOn: '2025-01-10', endsOn: '2025-01-10' }] }), { iterations: 100 });
    expect(old.stops).toHaveLength(1);
  });
});
