// The yearly targets of national practice for science caravans, one rule for the planner's metrics
// and soft objective (jobs/planning) and the region report (server/services/reports.ts): a caravan
// out at least 120 days or 10,000 km a year, and at least 60% of caravan stops in townships and
// villages (the policy pushes the caravans below the county seat).

export const CARAVAN_TARGETS = {
  /** Days out a year (visit days and driving days). */
  daysOut: 120,
  /** Road km a year. */
  km: 10_000,
  /** Share of caravan stops at township or village venues. */
  townshipShare: 0.6,
} as const;

/** Venue levels that count as below the county seat. */
export const BELOW_COUNTY = ['township', 'village'] as const;

export const isBelowCounty = (level: string): boolean => (BELOW_COUNTY as readonly string[]).includes(level);

/** A caravan's targets for a period of `days` days: the yearly ones in proportion (365 days a year). */
export function caravanTargetFor(days: number): { daysOut: number; km: number } {
  const share = Math.min(1, days / 365);
  return { daysOut: Math.round(CARAVAN_TARGETS.daysOut * share), km: Math.round(CARAVAN_TARGETS.km * share) };
}

/** Whether a caravan met its target over a period: enough days out, or enough km. */
export function meetsCaravanTarget(daysOut: number, km: number, periodDays: number): boolean {
  const target = caravanTargetFor(periodDays);
  return daysOut >= target.daysOut || km >= target.km;
}
