import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messageFor, messages } from '../../server/i18n/messages.js';
import { noticeText } from '../../server/i18n/notices.js';
import { reasonText } from '../../server/i18n/reasons.js';

const cjk = /[\u4e00-\u9fff]/;
const root = join(import.meta.dirname, '../..');
const code = /'([A-Z][A-Z0-9_]{2,})'/g;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.startsWith('i18n') && !f.startsWith('db/migrations'))
    .map((f) => join(dir, f));
}

/** Codes in the source text: each code-like literal in `text` right after one of `openers`. */
function codesAfter(text: string, openers: RegExp): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(openers)) {
    const arg = text.slice(m.index + m[0].length).split(/[,;{]/, 1)[0]!; // the first argument or value
    for (const c of arg.matchAll(code)) out.push(c[1]!);
  }
  return out;
}

/** Every error code server/ and jobs/ can throw: DomainError arguments, and the database error map. */
function thrownCodes(): Set<string> {
  const found = new Set<string>();
  for (const f of [...sources('server'), ...sources('jobs')]) {
    const text = readFileSync(join(root, f), 'utf8');
    for (const c of codesAfter(text, /new (?:Localized)?DomainError\(|\bsuper\(/g)) found.add(c);
  }
  // The database error map returns codes and keeps them in tables (constraint name: code).
  for (const c of codesAfter(readFileSync(join(root, 'server/errors.ts'), 'utf8'), /\breturn\s+|:\s*/g)) found.add(c);
  return found;
}

/** Every reason code the planner and the advice give for a request they cannot serve. */
function plannerReasonCodes(): Set<string> {
  const found = new Set<string>();
  for (const f of ['jobs/planning/plan.ts', 'jobs/planning/advice.ts']) {
    for (const c of codesAfter(readFileSync(join(root, f), 'utf8'), /\b(?:return|code:|reasonCode:)\s*/g)) found.add(c);
  }
  return found;
}

const reasonParams = { windowStart: '2027-03-01', windowEnd: '2027-05-31', days: 20, months: 36, floorAreaM2: 300, powerKw: 10, tier: 'other', tripDays: 10, stayDays: 14, theme: 'astronomy' };

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

  it('has a message for every error code the server and the planner throw', () => {
    const thrown = thrownCodes();
    expect(thrown.size).toBeGreaterThan(30); // the scan finds the codes (a broken pattern finds none)
    expect(thrown).toContain('STOP_OVERLAP_VEHICLE');
    expect(thrown).toContain('FORBIDDEN');
    const unworded = [...thrown].filter((c) => messageFor(c, 'en') === `The request could not be completed (${c}).`);
    expect(unworded).toEqual([]);
  });

  it('words every reason the planner gives for an unserved request, in its one dictionary', () => {
    const codes = plannerReasonCodes();
    expect(codes).toContain('NO_OPEN_DAYS');
    expect(codes).toContain('TRIP_SHORTER_THAN_STAY');
    expect(codes).toContain('NOVELTY');
    for (const code of codes) {
      // Hosts (the request page, the booking form) and coordinators (/unserved) read the same words.
      const texts = [reasonText({ code, params: reasonParams }, 'zh-CN'), reasonText({ code, params: reasonParams }, 'en')];
      for (const text of texts) {
        expect(text, code).not.toContain(code);
        expect(text, code).not.toMatch(/undefined|null|NaN/);
      }
      expect(texts[0], code).toMatch(cjk);
      expect(texts[1], code).not.toMatch(cjk);
    }
    expect(reasonText({ code: 'SOMETHING_NEW' }, 'en')).toContain('SOMETHING_NEW');
  });

  it('words the notice a published plan sends to hosts', () => {
    const p = { requestId: 7, status: 'scheduled', reason: null, startsOn: '2027-03-08', endsOn: '2027-04-02' };
    // Named by its venue, county and window (services/notice-names.ts adds them when notices are read), never by id.
    const named = { ...p, named: { venueName: '南明区科技馆', countyName: '南明区', windowStart: '2027-03-01', windowEnd: '2027-06-30' } };
    expect(noticeText('request_status', named, 'zh-CN')).toBe('南明区科技馆（南明区）的申请（2027-03-01 至 2027-06-30）状态：已排期。 展期 2027-03-08 – 2027-04-02。');
    expect(noticeText('request_status', named, 'en')).toBe('The request of 南明区科技馆 (南明区) (2027-03-01 to 2027-06-30) is now scheduled. Dates: 2027-03-08 – 2027-04-02.');
    expect(noticeText('request_status', p, 'zh-CN')).not.toContain('#');
    const arrived = { stopId: 9, named: { venueName: '花溪区科技馆', vehicleName: '大篷车 1 号', startsOn: '2027-05-03', endsOn: '2027-05-05' } };
    expect(noticeText('stop_arrived', arrived, 'zh-CN')).toBe('车辆已到达花溪区科技馆（大篷车 1 号，2027-05-03 至 2027-05-05）。');
    expect(noticeText('request_status', { requestId: 8, status: 'unserved', reason: { code: 'TRIP_TOO_LONG' } }, 'en')).toMatch(/too far/);
  });
});
