// Words of issue 12's points 3, 6 and 7: the board's undo and redo, the banner when the server
// cannot be reached, an expired session, the planning run's phases and the venue form's county
// tier; zh-CN and English, merged into the dictionary in i18n.ts.

export const shellZh = {
  undo: '撤销',
  redo: '重做',
  undoGroup: '撤销与重做',
  undoHint: '撤销上一步修改（Ctrl+Z）',
  redoHint: '重做刚撤销的修改（Ctrl+Shift+Z）',
  undoDone: '已撤销：{venue} 回到 {startsOn} 至 {endsOn}。',
  redoDone: '已重做：{venue} 改为 {startsOn} 至 {endsOn}。',
  undoRefused: '无法撤销：',
  redoRefused: '无法重做：',
  serverUnreachable: '无法连接服务器。请检查网络，稍后重试。',
  serverUnreachableBanner: '无法连接服务器，页面上的内容可能不是最新的。',
  retry: '重试',
  retrying: '正在重新连接…',
  sessionExpired: '登录已过期，请重新登录；登录后回到刚才的页面。',
  runPhase_loading: '读取数据',
  runPhase_building: '准备问题',
  runPhase_solving: '求解中',
  runPhase_settling: '整理结果',
  tierFromCounty: '按县代码：{county}，{tier}',
  tierCountyUnknown: '未找到县代码 {code}，请手动选择优先级。',
} as const;

export const shellEn: Record<keyof typeof shellZh, string> = {
  undo: 'Undo',
  redo: 'Redo',
  undoGroup: 'Undo and redo',
  undoHint: 'Undo the last edit (Ctrl+Z)',
  redoHint: 'Redo the edit just undone (Ctrl+Shift+Z)',
  undoDone: 'Undone: {venue} is back on {startsOn} to {endsOn}.',
  redoDone: 'Redone: {venue} is now on {startsOn} to {endsOn}.',
  undoRefused: 'Cannot undo:',
  redoRefused: 'Cannot redo:',
  serverUnreachable: 'The server cannot be reached. Check the connection and try again.',
  serverUnreachableBanner: 'The server cannot be reached; what this page shows may be out of date.',
  retry: 'Retry',
  retrying: 'Reconnecting…',
  sessionExpired: 'Your session has expired; sign in again to return to the page you were on.',
  runPhase_loading: 'loading data',
  runPhase_building: 'building the problem',
  runPhase_solving: 'solving',
  runPhase_settling: 'settling the result',
  tierFromCounty: 'From the county code: {county}, {tier}',
  tierCountyUnknown: 'County code {code} is not known; choose the priority tier yourself.',
};
