type Params = Record<string, unknown>;

const requestStatusZh: Record<string, string> = {
  requested: '已提交',
  approved: '已批准',
  scheduled: '已排期',
  confirmed: '已确认',
  completed: '已完成',
  declined: '未通过',
  cancelled: '已取消',
  unserved: '未能安排',
};

const stayStatusZh: Record<string, string> = { planned: '计划中', confirmed: '已确认', arrived: '已到达', completed: '已完成', cancelled: '已取消' };
const stayStatusEn: Record<string, string> = { planned: 'planned', confirmed: 'confirmed by its host', arrived: 'under way', completed: 'done', cancelled: 'cancelled' };

/** A request's status (`p.status`) in words, for the messages that name it. */
export const requestStatusWord = (p: Params, zh: boolean) => (zh ? (requestStatusZh[String(p.status)] ?? String(p.status)) : p.status === 'unserved' ? 'not served' : String(p.status));

/** A stay's status (`p.status`) in words. */
export const stayStatusWord = (p: Params, zh: boolean) => (zh ? stayStatusZh : stayStatusEn)[String(p.status)] ?? String(p.status);
