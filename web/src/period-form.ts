// The period form of the report pages (the region's reports, the national view): from, to, show.
import { field, h } from './dom.js';
import { t } from './i18n.js';

/** A toolbar form with the period's two days; submitting it calls `show`. */
export function periodForm(from: HTMLInputElement, to: HTMLInputElement, show: () => Promise<void>): HTMLFormElement {
  return h(
    'form',
    {
      class: 'board-toolbar',
      onsubmit: (e: Event) => {
        e.preventDefault();
        void show();
      },
    },
    field(t('from'), from),
    field(t('to'), to),
    h('button', { type: 'submit', class: 'primary' }, t('show')),
  );
}
