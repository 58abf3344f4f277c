// The venue form's county (issue 12, point 7): a county code fills in the priority tier from the
// county's key-county status (and the county's name when empty), rather than a default of "key county".
import type { County } from '../../../server/contract/counties.js';
import { get } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

type Control = HTMLInputElement | HTMLSelectElement;

/** Tier of a venue in a county: the national key assistance counties are "key"; others "other" until a coordinator says more. */
export const tierOfCounty = (c: Pick<County, 'keyCounty'>) => (c.keyCounty ? 'key' : 'other');

/** Follows the form's county code: each complete code sets the tier (and the county name if empty), with a hint saying so. */
export function followCounty(controls: Map<string, Control>, isNew: boolean) {
  const code = controls.get('countyCode');
  const tier = controls.get('priorityTier');
  const name = controls.get('countyName');
  if (!code || !tier || !name) return;
  const hint = h('small', { class: 'hint county-tier-hint', 'aria-live': 'polite' });
  tier.parentElement?.append(hint);
  if (isNew) tier.value = 'other';
  let asked = '';
  const look = async () => {
    const value = code.value.trim();
    if (!/^\d{6}$/.test(value) || value === asked) return;
    asked = value;
    try {
      const county = await get<County>(`/api/counties/${value}`);
      if (asked !== value) return;
      tier.value = tierOfCounty(county);
      if (!name.value.trim()) name.value = county.name;
      hint.textContent = t('tierFromCounty', { county: county.name, tier: t(county.keyCounty ? 'keyCounty' : 'otherCounty') });
    } catch {
      hint.textContent = t('tierCountyUnknown', { code: value });
    }
  };
  code.addEventListener('input', () => void look());
  code.addEventListener('change', () => void look());
}
