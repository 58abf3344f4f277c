import { describe, expect, it } from 'vitest';
import { messageFor, messages } from '../../server/i18n/messages.js';
import { noticeText } from '../../server/i18n/notices.js';
import { reasonText } from '../../server/i18n/reasons.js';

const cjk = /[\u4e00-\u9fff]/;

describe('words users read', () => {
  it('has every error code in Chinese and English, saying more than the code', () => {
    for (const code of Object.keys(messages)) {
      const p = { entity: 'venue', id: 1, status: 'published', seconds: 30, count: 2, current: 3, closesOn: '2027-03-31', method: 'GET', url: '/x', requestId: 'r', constraint: 'c', action: 'approve', reason: 'x' };
      const zh = messageFor(code, 'zh-CN', p);
      const en = messageFor(code, 'en', p);
      expect(zh, code).toMatch(cjk);
      expect(en, code).not.toMatch(cjk);
      expect(en.length, code).toBeGreaterThan(code.length);
    }
  });

  it('words every reason the planner gives for an unserved request', () => {
    for (const code of ['NO_OPEN_DAYS', 'NO_SUITABLE_SET', 'NOVELTY', 'VENUE_TOO_SMALL', 'VENUE_POWER_TOO_LOW', 'NO_VEHICLE_AVAILABLE', 'NO_VEHICLE_FREE_IN_WINDOW', 'TRIP_TOO_LONG', 'CAPACITY_TAKEN', 'VENUE_BUSY']) {
      const zh = reasonText({ code, params: { windowStart: '2027-03-01', windowEnd: '2027-05-31', days: 20, months: 36, floorAreaM2: 300, powerKw: 10, tier: 'other' } }, 'zh-CN');
      const en = reasonText({ code, params: {} }, 'en');
      expect(zh, code).toMatch(cjk);
      expect(zh, code).not.toContain(code);
      expect(en, code).not.toContain(code);
    }
    expect(reasonText({ code: 'SOMETHING_NEW' }, 'en')).toContain('SOMETHING_NEW');
  });

  it('words the notice a published plan sends to hosts', () => {
    const p = { requestId: 7, status: 'scheduled', reason: null, startsOn: '2027-03-08', endsOn: '2027-04-02' };
    expect(noticeText('request_status', p, 'zh-CN')).toBe('申请 #7状态：已排期。 展期 2027-03-08 – 2027-04-02。');
    expect(noticeText('request_status', p, 'en')).toBe('Request #7 is now scheduled. Dates: 2027-03-08 – 2027-04-02.');
    expect(noticeText('request_status', { requestId: 8, status: 'unserved', reason: { code: 'TRIP_TOO_LONG' } }, 'en')).toMatch(/too far/);
  });
});
