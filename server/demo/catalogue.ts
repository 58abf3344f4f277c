// The invented part of the Guizhou demo: centres, exhibit sets, vehicles, people. Figures follow
// DESIGN.md ("Real-world figures"); every row this produces is flagged is_demo.

export interface DemoCentre {
  key: string;
  name: string;
  kind: 'provincial' | 'sub';
  countyCode: string;
}

export const demoCentres: DemoCentre[] = [
  { key: 'gy', name: '贵州省流动科技馆资源共享中心（贵阳）', kind: 'provincial', countyCode: '520115' },
  { key: 'bj', name: '毕节区域资源共享分中心', kind: 'sub', countyCode: '520502' },
  { key: 'kl', name: '黔东南区域资源共享分中心（凯里）', kind: 'sub', countyCode: '522601' },
];

export interface DemoRovingSet {
  code: string;
  name: string;
  theme: string;
  centre: string;
  footprintM2: number;
  powerKw: number;
  exhibitCount: number;
  setupDays: number;
}

/** Six roving-museum sets with distinct themes; each stays weeks at a county, open Wednesday-Sunday. */
export const demoRovingSets: DemoRovingSet[] = [
  { code: 'RM-01', name: '飞天梦想：航空航天展', theme: '航空航天', centre: 'gy', footprintM2: 600, powerKw: 50, exhibitCount: 52, setupDays: 6 },
  { code: 'RM-02', name: '生命与健康', theme: '生命健康', centre: 'gy', footprintM2: 500, powerKw: 40, exhibitCount: 48, setupDays: 5 },
  { code: 'RM-03', name: '奇妙数学', theme: '数学', centre: 'gy', footprintM2: 450, powerKw: 30, exhibitCount: 45, setupDays: 5 },
  { code: 'RM-04', name: '绿色能源与环境', theme: '能源环保', centre: 'gy', footprintM2: 700, powerKw: 60, exhibitCount: 55, setupDays: 7 },
  { code: 'RM-05', name: '智能时代', theme: '人工智能', centre: 'bj', footprintM2: 550, powerKw: 55, exhibitCount: 50, setupDays: 6 },
  { code: 'RM-06', name: '安全与防灾', theme: '防灾减灾', centre: 'kl', footprintM2: 400, powerKw: 35, exhibitCount: 46, setupDays: 5 },
];

export interface DemoCaravan {
  code: string;
  type: 'caravan_i' | 'caravan_ii' | 'caravan_iii' | 'caravan_iv';
  centre: string;
  kitTheme: string;
  exhibitCount: number;
}

/** Twelve caravans of the four types, each with its own kit. */
export const demoCaravans: DemoCaravan[] = [
  { code: 'KP-01', type: 'caravan_i', centre: 'gy', kitTheme: '科学实验', exhibitCount: 40 },
  { code: 'KP-02', type: 'caravan_i', centre: 'gy', kitTheme: '天文观测', exhibitCount: 38 },
  { code: 'KP-03', type: 'caravan_ii', centre: 'gy', kitTheme: '机器人', exhibitCount: 32 },
  { code: 'KP-04', type: 'caravan_ii', centre: 'gy', kitTheme: '农业科技', exhibitCount: 30 },
  { code: 'KP-05', type: 'caravan_iii', centre: 'gy', kitTheme: '健康生活', exhibitCount: 28 },
  { code: 'KP-06', type: 'caravan_iv', centre: 'gy', kitTheme: '应急科普', exhibitCount: 24 },
  { code: 'KP-07', type: 'caravan_ii', centre: 'bj', kitTheme: '数字生活', exhibitCount: 30 },
  { code: 'KP-08', type: 'caravan_iii', centre: 'bj', kitTheme: '生态环保', exhibitCount: 26 },
  { code: 'KP-09', type: 'caravan_iv', centre: 'bj', kitTheme: '科学实验', exhibitCount: 24 },
  { code: 'KP-10', type: 'caravan_iii', centre: 'kl', kitTheme: '民族医药与健康', exhibitCount: 26 },
  { code: 'KP-11', type: 'caravan_iv', centre: 'kl', kitTheme: '防灾减灾', exhibitCount: 24 },
  { code: 'KP-12', type: 'caravan_iv', centre: 'kl', kitTheme: '天文观测', exhibitCount: 24 },
];

/** Invented driver names (demo data). */
export const demoDriverNames = [
  '王建国', '李志强', '张国华', '刘德明', '陈永平', '杨光荣', '赵文斌', '黄小军', '周海涛',
  '吴建平', '徐长青', '孙立新', '马俊峰', '胡卫东', '郭晓明', '林志远', '何永刚', '罗成龙',
];

/** Counties whose demo host has an account: a mix of key and other counties, by county code. */
export const demoHostCounties = ['520102', '520204', '520324', '520326', '520527', '520602', '522601', '522632', '522633', '522729'];
