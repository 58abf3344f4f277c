// Lending between regions on the board (issue 15, point 3): a borrowed set or caravan gets a row of
// its own, grouped under the region it came from, with the loan's days marked; a lent one keeps its
// row, its loan's days marked as lent out. The stays themselves come with the plan as any other.
import type { Calendar } from 'fullcalendar';
import type { Loan } from '../../../server/contract/loans.js';
import { get } from '../api.js';
import { setRow, vehicleRow } from '../board-calendar.js';
import { addDays } from '../dates.js';
import { locale, t } from '../i18n.js';

/** The board row a loan marks: the vehicle's, or a roving set's (a caravan kit has no row). */
function rowOf(l: Loan): string | undefined {
  if (l.asset.kind === 'vehicle') return vehicleRow(l.asset.id);
  return l.asset.setKind === 'roving_museum' ? setRow(l.asset.id) : undefined;
}

/** The loan's days on its row, in words: lent to, or borrowed from, the other region. */
function loanLabel(l: Loan): string {
  const other = l.lentOut ? l.borrowerRegion : l.lenderRegion;
  const region = locale() === 'zh-CN' ? other.nameZh : other.nameEn;
  return t(l.lentOut ? 'loanLentTo' : 'loanBorrowedFrom', { region, from: l.startsOn, to: l.endsOn });
}

/** Reads the region's live loans and draws them on the board; a board without them still works. */
export async function showLoans(calendar: Calendar | null, regionId: number | null): Promise<void> {
  if (!calendar || regionId === null) return;
  const loans = await get<Loan[]>(`/api/regions/${regionId}/loans`).catch(() => [] as Loan[]);
  calendar.batchRendering(() => {
    for (const l of loans) {
      const row = rowOf(l);
      if (!row) continue;
      if (!l.lentOut && !calendar.getResourceById(row)) {
        const region = locale() === 'zh-CN' ? l.lenderRegion.nameZh : l.lenderRegion.nameEn;
        const title = l.asset.kind === 'set' && l.asset.code ? `${l.asset.code} ${l.asset.name}` : l.asset.name;
        calendar.addResource({ id: row, title, centre: t('loanBorrowedGroup', { region }), order: l.asset.kind === 'vehicle' ? 0 : 1 });
      }
      calendar.addEvent({
        id: `loan-${l.id}`,
        resourceId: row,
        start: l.startsOn,
        end: addDays(l.endsOn, 1),
        allDay: true,
        display: 'background',
        title: loanLabel(l),
        classNames: ['rove-loan', l.lentOut ? 'rove-loan-out' : 'rove-loan-in'],
        extendedProps: { loanId: l.id },
      });
    }
  });
}
