// The words of the board's guided editing (issue 12, point 2): links to the stay in the way, the
// stay's last day in the side panel, the schedule form's suggestion; zh-CN and English, merged into
// the dictionary in i18n.ts.

export const guideZh = {
  guideShowStay: '查看挡住的展览：{venue}（{days}）',
  guideEndsOn: '最后一天（撤展完成）',
  guideLength: '共 {n} 天',
  guideSuggested: '建议：{vehicle} 最早可在 {day} 开始。',
  guideNoStart: '这辆车在申请的时间窗内找不到可行的开始日期。',
  guideFinding: '正在查找可行的日期…',
};

export const guideEn: Record<keyof typeof guideZh, string> = {
  guideShowStay: 'Show the stay in the way: {venue} ({days})',
  guideEndsOn: 'Last day (torn down)',
  guideLength: '{n} days in all',
  guideSuggested: 'Suggested: {vehicle} can start on {day} at the earliest.',
  guideNoStart: 'No feasible start on this vehicle within the request’s window.',
  guideFinding: 'Finding feasible days…',
};
