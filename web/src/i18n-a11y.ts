// The words the accessibility and translation checks found missing (issue 12): the maps' zoom
// buttons, the board's note on a narrow screen, and the names of the boxes wide tables scroll in on
// a phone; zh-CN and English, merged into the dictionary in i18n.ts.

export const a11yZh = {
  zoomIn: '放大',
  zoomOut: '缩小',
  boardWantsWider: '规划看板需要更宽的屏幕（至少 900 像素）。在手机上可以审核申请、查看通知。',
  boardWantsWiderLink: '去审核申请',
  adminRegionsTable: '区域列表（可左右滚动）',
  nationalTable: '各区域数据（可左右滚动）',
} as const;

export const a11yEn: Record<keyof typeof a11yZh, string> = {
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  boardWantsWider: 'The planning board needs a wider screen (at least 900 pixels). On a phone you can review requests and read notices.',
  boardWantsWiderLink: 'Review requests',
  adminRegionsTable: 'Regions (scrolls sideways)',
  nationalTable: 'Figures by region (scrolls sideways)',
};
