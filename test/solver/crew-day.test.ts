import { describe, expect, it } from 'vitest';
import type { PlanOutcome } from '../../jobs/planning/plan.js';
import { caravan, facts, planChecked, kit, region, request, venue } from './crew-facts.js';

// The crew's day, rest and seasons (README "Planning rules", rules 1, 2 and 5), on the planner
// end to end: facts in, stays and legs out.

const legTo = (out: PlanOutcome, venueId: number) => {
  const i = out.stops.findIndex((s) => s.venueId === venueId);
  return out.legs.find((l) => l.to === i)!;
};
const startOf = (out: PlanOutcome, venueId: number) => out.stops.find((s) => s.venueId === venueId)?.startsOn;
const dayNo = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

/** A stay at venue 1 on Friday 2026-03-13, then one at venue 2 some time in the week after, `leg` minutes apart. */
function afterFriday(leg: number) {
  return facts({
    venues: [venue(1), venue(2)],
    sets: [kit(1)],
    vehicles: [caravan(1, [1])],
    requests: [request(1, '2026-03-13', '2026-03-13'), request(2, '2026-03-13', '2026-03-20')],
    horizon: ['2026-03-01', '2026-03-31'],
    minutes: (a, b) => (a === 'venue:1' && b === 'venue:2' ? leg : undefined),
  });
}

describe('the crew’s day (rule 1)', () => {
  it('drives a leg of up to two hours the evening a stay ends: the next stay starts the next day', () => {
    const out = planChecked(afterFriday(120), { iterations: 200 });
    expect(startOf(out, 1)).toBe('2026-03-13');
    expect(startOf(out, 2)).toBe('2026-03-14');
    expect(legTo(out, 2)).toMatchObject({ driveMinutes: 120, restNights: 0 });
  });

  it('drives a 3-hour leg the next morning: after a stay ending on a Friday the next starts on Sunday', () => {
    const out = planChecked(afterFriday(180), { iterations: 200 });
    expect(startOf(out, 1)).toBe('2026-03-13');
    expect(startOf(out, 2)).toBe('2026-03-15');
    expect(legTo(out, 2)).toMatchObject({ driveMinutes: 180, restNights: 1 });
  });

  it('spends two nights on the road for a 13-hour leg (8 hours a day): the next stay starts on Monday', () => {
    const out = planChecked(afterFriday(13 * 60), { iterations: 200 });
    expect(startOf(out, 2)).toBe('2026-03-16');
    expect(legTo(out, 2)).toMatchObject({ driveMinutes: 780, restNights: 2 });
  });

  it('follows the lower of the vehicle’s and the region’s daily limits', () => {
    const f = afterFriday(7 * 60);
    const out = planChecked({ ...f, vehicles: [caravan(1, [1], { dailyDriveMinutes: 300 })] }, { iterations: 200 });
    // 7 hours at 5 hours a day: two driving days, Saturday and Sunday.
    expect(startOf(out, 2)).toBe('2026-03-16');
  });
});

describe('rest (rule 2)', () => {
  /** Seven one-day visits on seven days in a row (Monday 2026-03-09 on), each venue's only day. */
  const week = (maxConsecutiveWorkDays: number) =>
    facts({
      region: region({ maxConsecutiveWorkDays }),
      venues: [1, 2, 3, 4, 5, 6, 7].map((id) => venue(id)),
      sets: [kit(1)],
      vehicles: [caravan(1, [1])],
      requests: [1, 2, 3, 4, 5, 6, 7].map((id) => request(id, `2026-03-${String(8 + id).padStart(2, '0')}`, `2026-03-${String(8 + id).padStart(2, '0')}`)),
      horizon: ['2026-03-01', '2026-03-31'],
    });

  it('refuses a seventh working day in a row with N = 6', () => {
    const out = planChecked(week(6), { iterations: 500 });
    expect(out.stops).toHaveLength(6);
    expect(out.unserved).toHaveLength(1);
  });

  it('allows it with N = 7', () => {
    const out = planChecked(week(7), { iterations: 500 });
    expect(out.stops).toHaveLength(7);
  });

  it('counts driving days as working days for a caravan crew', () => {
    // Five visits Monday to Friday, then a leg of 9 hours (two driving days) to a visit on Monday:
    // Saturday and Sunday are driving, so Monday would be the eighth working day in a row.
    const f = facts({
      region: region({ maxConsecutiveWorkDays: 6 }),
      venues: [1, 2, 3, 4, 5, 6].map((id) => venue(id)),
      sets: [kit(1)],
      vehicles: [caravan(1, [1])],
      requests: [1, 2, 3, 4, 5].map((id) => request(id, `2026-03-${String(8 + id).padStart(2, '0')}`, `2026-03-${String(8 + id).padStart(2, '0')}`)).concat([request(6, '2026-03-16', '2026-03-16')]),
      horizon: ['2026-03-01', '2026-03-31'],
      minutes: (a, b) => (b === 'venue:6' && a !== 'centre:1' ? 9 * 60 : undefined),
    });
    const out = planChecked(f, { iterations: 500 });
    expect(out.stops.map((s) => s.venueId)).not.toContain(6);
  });

  it('lets a roving-museum crew rest while the venue’s staff run the open weeks', () => {
    const roving = kit(9, { kind: 'roving_museum', setupDays: 3, teardownDays: 2, minStayDays: 10, maxStayDays: 60, footprintM2: 500 });
    const f = facts({
      region: region({ maxConsecutiveWorkDays: 6 }),
      venues: [venue(1, { openWeekdays: [1, 2, 3, 4, 5, 6, 7] })],
      sets: [roving],
      vehicles: [caravan(1, [9], { maxTripDays: 200 })],
      requests: [request(1, '2026-03-02', '2026-05-30', { setKind: 'roving_museum', openDays: 42 })],
      horizon: ['2026-03-01', '2026-06-30'],
    });
    const out = planChecked(f, { iterations: 200 });
    expect(out.stops).toHaveLength(1);
  });
});

describe('rest inside a long set-up', () => {
  it('lets a week-long roving set-up hold its crew’s rest day (N = 6)', () => {
    const roving = kit(9, { kind: 'roving_museum', setupDays: 7, teardownDays: 3, minStayDays: 10, maxStayDays: 60, footprintM2: 500 });
    const f = facts({
      venues: [venue(1)],
      sets: [roving],
      vehicles: [caravan(1, [9], { maxTripDays: 200 })],
      requests: [request(1, '2026-03-02', '2026-05-30', { setKind: 'roving_museum', openDays: 42 })],
      horizon: ['2026-03-01', '2026-06-30'],
    });
    expect(planChecked(f, { iterations: 200 }).stops).toHaveLength(1);
  });

  it('gives a shorter set-up the days the longest suitable set would take, so its crew still rests (N = 6)', () => {
    // The second request suits two roving sets: A (7 days' set-up, on a truck in service only from
    // November) and B (6 days', on truck 2); the first asks for B's theme. Truck 2 serves both, one
    // drive day apart: 3 days of tear-down, the drive and a 6-day set-up would be 10 working days in
    // a row, where the solver counted on a rest inside a 7-day set-up.
    const setA = kit(8, { kind: 'roving_museum', setupDays: 7, teardownDays: 3, minStayDays: 10, maxStayDays: 60, footprintM2: 500 });
    const setB = kit(9, { kind: 'roving_museum', setupDays: 6, teardownDays: 3, minStayDays: 10, maxStayDays: 60, footprintM2: 500 });
    const f = facts({
      venues: [venue(1), venue(2)],
      sets: [setA, setB],
      vehicles: [caravan(1, [8], { maxTripDays: 300, availableFrom: '2026-11-01' }), caravan(2, [9], { maxTripDays: 300 })],
      requests: [
        request(1, '2026-03-02', '2026-05-15', { setKind: 'roving_museum', openDays: 42, theme: 'theme 9' }),
        request(2, '2026-04-20', '2026-08-31', { setKind: 'roving_museum', openDays: 42 }),
      ],
      horizon: ['2026-03-01', '2026-12-31'],
      minutes: (a, b) => (a === 'venue:1' && b === 'venue:2' ? 471 : undefined),
    });
    const out = planChecked(f, { iterations: 300 });
    expect(out.stops.map((s) => [s.venueId, s.vehicleId])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    // The second stay opens after the longest suitable set-up.
    expect(out.stops.map((s) => dayNo(s.opensOn) - dayNo(s.startsOn))).toEqual([6, 7]);
  });
});

describe('seasons (rule 5)', () => {
  it('gives a rainy-season leg more time than the same leg in winter', () => {
    // 100 minutes at the average speed of 60 km/h: an evening leg in January (60 km/h), two hours and
    // a half in July at 40 km/h, so the next morning.
    const speeds = [60, 60, 60, 60, 50, 40, 40, 40, 50, 60, 60, 60];
    const f = facts({
      region: region({ monthlySpeedKmh: speeds }),
      venues: [venue(1), venue(2), venue(3), venue(4)],
      sets: [kit(1)],
      vehicles: [caravan(1, [1])],
      requests: [request(1, '2026-01-16', '2026-01-16'), request(2, '2026-01-16', '2026-01-23'), request(3, '2026-07-17', '2026-07-17'), request(4, '2026-07-17', '2026-07-24')],
      minutes: (a, b) => ((a === 'venue:1' && b === 'venue:2') || (a === 'venue:3' && b === 'venue:4') ? 100 : undefined),
    });
    const out = planChecked(f, { iterations: 500 });
    expect(startOf(out, 2)).toBe('2026-01-17');
    expect(startOf(out, 4)).toBe('2026-07-19');
    expect(legTo(out, 4).driveMinutes).toBeGreaterThan(legTo(out, 2).driveMinutes);
    expect(legTo(out, 2)).toMatchObject({ driveMinutes: 100, restNights: 0 });
    expect(legTo(out, 4)).toMatchObject({ driveMinutes: 150, restNights: 1 });
  });
});
