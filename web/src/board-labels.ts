// What a stay says on the board: a short name that fits a one-day stay at the default zoom (the
// county's name without its 县/区/市 suffix, as Chinese timetables abbreviate counties), and the full
// description for the hover title and the screen reader's name.

/** The statuses a stay on the board can have (cancelled stays are not drawn). */
export const BOARD_STATUSES = ['planned', 'confirmed', 'arrived', 'completed'] as const;

const SUFFIXES = ['自治县', '特区', '新区', '县', '区', '市', '旗'];

/** A county's short name: 南明区 → 南明, 威宁彝族回族苗族自治县 → 威宁, 六枝特区 → 六枝; two characters at least. */
export function shortCounty(name: string): string {
  const n = name.trim();
  if (n.endsWith('自治县') || n.endsWith('自治旗')) return n.slice(0, 2);
  for (const s of SUFFIXES) if (n.endsWith(s) && n.length - s.length >= 2) return n.slice(0, -s.length);
  return n;
}

/** A stay's full description: venue · county · set · first – last day. */
export function stayDescription(p: { title: string; county: string; setName: string; startsOn: string; endsOn: string }): string {
  return [p.title, p.county, p.setName, `${p.startsOn} – ${p.endsOn}`].filter(Boolean).join(' · ');
}
