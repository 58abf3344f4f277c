// What the accessibility and translation tests look for on a page (issue 12): axe-core's serious and
// critical WCAG 2 A/AA violations, visible text in zh-CN that is a dictionary key or English from the
// code, and how far a page reaches past the window's width.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** One axe-core violation, short enough to read in a failed assertion. */
export interface Violation {
  rule: string;
  impact: string;
  targets: string[];
}

/** axe-core's serious and critical WCAG 2 A and AA violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    // A long table's rows past the 20th are drawn by the same code as the first 20: not scanned again.
    const r = await axe.run({ exclude: [['tbody > tr:nth-child(n+21)']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] });
    // FullCalendar's grid puts each row's cells in it with aria-owns, which the browser follows and axe
    // does not (axe-core issue 4048): such a grid passes when every cell in it is owned by one of its rows.
    // (No named functions in the page: the test runner's transform would wrap them in a helper it lacks.)
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => {
        if (v.id !== 'aria-required-children') return v;
        const nodes = v.nodes.filter((n) => {
          const grid = document.querySelector(n.target.join(' '));
          if (!grid?.matches('[role="grid"], [role="treegrid"]')) return true;
          const owned = new Set([...grid.querySelectorAll('[role="row"][aria-owns]')].flatMap((row) => row.getAttribute('aria-owns')!.split(/\s+/)));
          return ![...grid.querySelectorAll('[role="gridcell"], [role="rowheader"], [role="columnheader"]')].every((cell) => owned.has(cell.id));
        });
        return { ...v, nodes };
      })
      .filter((v) => v.nodes.length > 0)
      .map((v) => ({ rule: v.id, impact: v.impact ?? '', targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
}

/**
 * Visible words on the page that should have been translated into zh-CN: a dictionary key left as is
 * (a camelCase identifier) or a run of two or more English words. Text in an element that says it is
 * in another language (the language switch's "English") is not the page's, nor is what the page marks
 * as not to translate (translate="no": user names, codes and data as stored), nor the few Latin names
 * that stay Latin in Chinese.
 */
export async function untranslated(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const LATIN_NAMES = /\b(Rove|AMap|CSV|Excel|GeoJSON|PDF|km|Leaflet|OpenStreetMap|ECharts|iCal|URL)\b/g;
    const KEY = /\b[a-z]+(?:[A-Z][a-z0-9]*)+\b|\b[a-z]+_[a-z_]+\b/;
    const WORDS = /[A-Za-z]{2,}(?:[\s,.'’-]+[A-Za-z]{2,})+/;
    // (No named functions in here: the test runner's transform would wrap them in a helper the page lacks.)
    const texts: [string, Element][] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || el.closest('script, style, [aria-hidden="true"], [translate="no"]')) continue;
      if (!el.checkVisibility({ visibilityProperty: true }) && !el.closest('.visually-hidden')) continue;
      texts.push([n.textContent, el]);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [placeholder], [title]')) {
      if (!el.checkVisibility()) continue;
      for (const a of ['aria-label', 'placeholder', 'title']) texts.push([el.getAttribute(a) ?? '', el]);
    }
    const found = new Set<string>();
    for (const [text, el] of texts) {
      const lang = el.closest('[lang]')?.getAttribute('lang') ?? '';
      if (!lang.startsWith('zh')) continue;
      const rest = text.replace(LATIN_NAMES, ' ').replace(/\s+/g, ' ').trim();
      if (KEY.test(rest) || WORDS.test(rest)) found.add(text.trim().slice(0, 120));
    }
    return [...found];
  });
}

/**
 * Resolves once the page has had no request in flight for 300 ms (a page drawn by a hash route
 * loads its data after the document's own load state, so Playwright's 'networkidle' says nothing of
 * it). Server-sent event streams stay open and do not count.
 */
export function quietNetwork(page: Page): () => Promise<void> {
  const open = new Set<unknown>();
  let last = Date.now();
  page.on('request', (r) => {
    if (r.resourceType() !== 'eventsource' && !r.url().endsWith('/events')) open.add(r);
    last = Date.now();
  });
  const done = (r: unknown) => {
    open.delete(r);
    last = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return async () => {
    const until = Date.now() + 20_000;
    while ((open.size > 0 || Date.now() - last < 300) && Date.now() < until) await page.waitForTimeout(50);
  };
}

/** How far the page reaches past the window's width (0: it does not scroll sideways). */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
