import { addMonths } from './days.js';

// "Within N months", the one definition every novelty rule uses (the planner, the check of a hand
// edit, the plan's metrics and the region report): two stays are within the period when the later
// one starts less than N calendar months after the earlier one ends. Overlapping stays are within
// it; N = 0 switches the rule off.

export interface Span {
  startsOn: string;
  endsOn: string;
}

/** True when the two stays (or a stay and a request's date window) are less than `months` months apart. */
export function withinNoveltyPeriod(a: Span, b: Span, months: number): boolean {
  if (months <= 0) return false;
  return b.startsOn < addMonths(a.endsOn, months) && a.startsOn < addMonths(b.endsOn, months);
}
