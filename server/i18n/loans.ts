// Words for lending between regions (issue 15, point 3): the refusals of a loan and of a stay that
// books an asset its region does not hold. Merged into messages.ts.

type Params = Record<string, unknown>;
type Message = { 'zh-CN': (p: Params) => string; en: (p: Params) => string };

export const loanMessages: Record<string, Message> = {
  LOAN_OVERLAP: {
    'zh-CN': () => '这套展品或这辆车在这些日期已借给其他区域，同一天只能借出一次。请改期，或先撤回那次借调。',
    en: () => 'This set or vehicle is already lent out on some of these days; it is lent once a day. Choose other days or withdraw that loan first.',
  },
  LOAN_ASSET_BOOKED: {
    'zh-CN': (p) => `本区域的排期在借调期内已安排了它（${p.stays}），不能借出。请先调整这些站点，或改借调日期。`,
    en: (p) => `Your region's timeline books it during the loan (${p.stays}); move those stays or choose other days first.`,
  },
  LOAN_STAYS_BOOKED: {
    'zh-CN': (p) => (p.stays ? `借入区域的排期已安排了它（${p.stays}），不能撤回借调。请对方先调整这些站点。` : '借入区域的排期已在借调期内安排了它，不能撤回借调。'),
    en: (p) => (p.stays ? `The borrowing region's timeline books it (${p.stays}), so the loan cannot be withdrawn; they must move those stays first.` : "The borrowing region's timeline books it during the loan, so the loan cannot be withdrawn."),
  },
  LOAN_UNCHANGEABLE: {
    'zh-CN': () => '借调记录不能修改或删除；如需变更，请撤回后重新借出。',
    en: () => 'A loan is not changed or deleted; withdraw it and lend again.',
  },
  LOAN_NOT_OWNER: {
    'zh-CN': () => '只有展品或车辆所属的区域才能借出它。',
    en: () => 'Only the region that owns a set or vehicle can lend it.',
  },
  LOAN_TO_OWN_REGION: {
    'zh-CN': () => '不能借给本区域，请选择另一个区域。',
    en: () => 'A loan goes to another region; choose one.',
  },
  VEHICLE_NOT_HELD: {
    'zh-CN': () => '这辆车在这些日期不归本区域调度（已借给其他区域，或不在借入期内），不能安排。',
    en: () => 'This vehicle is not your region’s to plan on these days (lent to another region, or outside the days it was lent to you).',
  },
  SET_NOT_HELD: {
    'zh-CN': () => '这套展品在这些日期不归本区域调度（已借给其他区域，或不在借入期内），不能安排。',
    en: () => 'This exhibit set is not your region’s to plan on these days (lent to another region, or outside the days it was lent to you).',
  },
};
