// The words of lending between regions on the board (issue 15, point 3); zh-CN and English, merged
// into the dictionary in i18n.ts.

export const loansZh = {
  loanBorrowedGroup: '借自{region}',
  loanBorrowedFrom: '借自{region}：{from} 至 {to}',
  loanLentTo: '借给{region}：{from} 至 {to}',
} as const;

export const loansEn: Record<keyof typeof loansZh, string> = {
  loanBorrowedGroup: 'Borrowed from {region}',
  loanBorrowedFrom: 'Borrowed from {region}: {from} to {to}',
  loanLentTo: 'Lent to {region}: {from} to {to}',
};
