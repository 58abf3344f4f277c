// Planning board render benchmark: builds web/bench-board.html (the board module with 60 vehicles,
// 20 roving sets and 3,600 synthetic stops), serves it from a tiny static server, and times in
// Debian's chromium how long the board takes from calendar init to events painted, a zoom to the
// whole year, scroll steps and a moved stop. Median of several runs. `npm run bench:board [-- runs]`.
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, totalmem, tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const RUNS = Number(process.argv[2] ?? 5);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

async function main() {
  const out = mkdtempSync(join(tmpdir(), 'rove-bench-web-'));
  await build({
    configFile: 'web/vite.config.ts',
    logLevel: 'warn',
    build: { outDir: out, emptyOutDir: true, rollupOptions: { input: 'web/bench-board.html' } },
  });
  const server = createServer((req, res) => {
    const path = normalize(join(out, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (!path.startsWith(out) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
    createReadStream(path).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
  type R = { zoom: string; renderMs: number; eventEls: number; zoomToYearMs: number; scrollFrameMs: number[]; moveMs: number };
  const rows: Array<{ zoom: string; render: number[]; els: number; year: number[]; scroll: number[]; move: number[] }> = [];
  const dragQuarter = { moves: [] as number[], drop: [] as number[] };
  const dragYear = { moves: [] as number[], drop: [] as number[] };
  try {
    for (const zoom of ['quarter', 'year'] as const) {
      const row = { zoom, render: [] as number[], els: 0, year: [] as number[], scroll: [] as number[], move: [] as number[] };
      for (let i = 0; i < RUNS; i++) {
        // A fresh page each run, so no run inherits another's caches or garbage.
        const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
        await page.goto(`http://127.0.0.1:${port}/bench-board.html`, { timeout: 30_000 });
        await page.waitForFunction(() => document.title === 'ready', null, { timeout: 30_000 });
        const r = (await page.evaluate((z) => (window as unknown as { runBoardBench: (z: string) => Promise<unknown> }).runBoardBench(z), zoom)) as R;
        row.render.push(r.renderMs);
        row.els = r.eventEls;
        row.year.push(r.zoomToYearMs);
        row.scroll.push(...r.scrollFrameMs);
        row.move.push(r.moveMs);
        await page.close();
      }
      rows.push(row);
    }
    // A real mouse drag on the quarter and the whole-year board: each pointer move's time to the next frame while
    // dragging, and mouse-up to the dropped stop painted (FullCalendar's own drop render).
    for (const [zoom, i] of (['quarter', 'year'] as const).flatMap((z) => Array.from({ length: RUNS }, (_, k) => [z, k] as const))) {
      const drag = zoom === 'quarter' ? dragQuarter : dragYear;
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page.goto(`http://127.0.0.1:${port}/bench-board.html`, { timeout: 30_000 });
      await page.waitForFunction(() => document.title === 'ready', null, { timeout: 30_000 });
      await page.evaluate((z) => (window as unknown as { mountBoard: (z: string) => Promise<void> }).mountBoard(z), zoom);
      // A three-day stay (24 px), grabbed in its middle, away from the resize handles.
      const nth = await page.evaluate((skip) => {
        const els = [...document.querySelectorAll<HTMLElement>('.rove-event')];
        const wide = els.map((e, k) => ({ k, r: e.getBoundingClientRect() })).filter(({ r }) => r.width >= 20 && r.top > 150 && r.bottom < 900 && r.left > 300 && r.right < 1500);
        return wide[skip]!.k;
      }, i * 7);
      const ev = page.locator('.rove-event').nth(nth);
      const box = (await ev.boundingBox())!;
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      await page.mouse.move(x, y);
      await page.mouse.down();
      for (let k = 1; k <= 10; k++) {
        const t0 = Date.now();
        await page.mouse.move(x + k * 4, y);
        await page.evaluate(() => (window as unknown as { nextFrame: () => Promise<number> }).nextFrame());
        drag.moves.push(Date.now() - t0);
      }
      const up = await page.evaluate(() => performance.now());
      await page.mouse.up();
      await page.waitForFunction(() => (window as unknown as { drops: number[] }).drops.length > 0, null, { timeout: 30_000 });
      const dropped = await page.evaluate(() => (window as unknown as { drops: number[] }).drops[0]!);
      drag.drop.push(dropped - up);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(out, { recursive: true, force: true });
  }
  const f = (n: number) => n.toFixed(0).padStart(8);
  console.log(`board: 60 vehicles + 20 sets, 3,600 stops; chromium ${browser.version()}; ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ${RUNS} runs each`);
  console.log('initial zoom | render to paint ms (median) | event elements | zoom to year ms | scroll step ms (median / p95) | moved stop ms');
  for (const r of rows) {
    console.log(`${r.zoom.padEnd(12)} | ${f(median(r.render))} | ${String(r.els).padStart(6)} | ${f(median(r.year))} | ${f(median(r.scroll))} / ${f(p95(r.scroll))} | ${f(median(r.move))}`);
  }
  for (const [zoom, drag] of [['quarter', dragQuarter], ['year', dragYear]] as const) {
    console.log(`mouse drag, ${zoom} board: pointer move to next frame ${f(median(drag.moves))} ms median / ${f(p95(drag.moves))} ms p95; mouse-up to dropped stop painted ${f(median(drag.drop))} ms median`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
