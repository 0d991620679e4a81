import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEBUG, getLogger, Handler, type LogRecord, snapshotLogging } from '@logweave/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, NO_CHROMIUM } from './chromium.js';
import { startViewer, type Viewer } from './viewer-server.js';

/** What the root logger handled, kept by the test itself: the oracle for the page. */
class CaptureHandler extends Handler {
  readonly records: LogRecord[] = [];
  override emit(record: LogRecord): void {
    this.records.push(record);
  }
}

const artifacts = join(import.meta.dirname, '..', 'test-artifacts');
const title = (t: string) => (hasChromium ? t : `${t} [skipped: ${NO_CHROMIUM}]`);

describe.skipIf(!hasChromium)('log viewer in headless Chromium', () => {
  let restore: () => void;
  let viewer: Viewer;
  let browser: Browser;
  let page: Page;
  const capture = new CaptureHandler();

  const rowCount = () => page.locator('#rows .row').count();
  const cells = (column: number) =>
    page.locator(`#rows .row > span:nth-child(${column})`).allTextContents();
  const shot = (name: string) => page.screenshot({ path: join(artifacts, `${name}.png`) });
  const waitFor = async (what: () => Promise<boolean>, ms = 15_000) => {
    const end = Date.now() + ms;
    while (!(await what())) {
      if (Date.now() > end) throw new Error('timed out waiting');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    restore = snapshotLogging();
    getLogger().setLevel(DEBUG);
    getLogger().addHandler(capture);
    viewer = await startViewer({ port: 0, allowFlood: true });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(viewer.url);
    await page.locator('#connection', { hasText: 'live' }).waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await viewer?.close();
    restore?.();
  });

  it(title('shows a manually logged record per click, coloured by its level'), async () => {
    for (let i = 0; i < 6; i++) await page.click('#log-random');
    await waitFor(async () => (await rowCount()) === 6);
    const manual = capture.records.filter((r) => r.msg === 'Manually logged!');
    expect(manual).toHaveLength(6);
    expect(await cells(3)).toEqual(manual.map((r) => r.levelname));
    expect(await cells(5)).toEqual(Array(6).fill('Manually logged!'));
    const colours: Record<string, string> = {
      DEBUG: 'rgb(0, 0, 0)',
      INFO: 'rgb(0, 0, 255)',
      WARNING: 'rgb(255, 165, 0)',
      ERROR: 'rgb(255, 0, 0)',
      CRITICAL: 'rgb(128, 0, 128)',
    };
    const rows = page.locator('#rows .row');
    for (let i = 0; i < 6; i++) {
      const colour = await rows.nth(i).evaluate((el) => getComputedStyle(el).color);
      expect(colour).toBe(colours[manual[i]!.levelname]);
    }
    await shot('01-manual');
  });

  it(title("streams the background worker's records with its thread name"), async () => {
    await page.click('#start-work');
    await waitFor(
      async () =>
        capture.records.filter((r) => r.threadName === 'Worker-1').length === 20 &&
        (await rowCount()) === 6 + 1 + 20,
      30_000,
    );
    const threads = await cells(2);
    expect(threads.filter((t) => t === 'Worker-1')).toHaveLength(20);
    const messages = await cells(5);
    expect(messages).toContain('Started background work in Worker-1');
    for (let i = 1; i <= 20; i++) {
      expect(
        messages.some((m) => /^Message after delay of \d\.\d: (\d+)$/.exec(m)?.[1] === `${i}`),
      ).toBe(true);
    }
    await shot('02-background-work');
  });

  it(title('filters by level, by logger name and by text, and clears'), async () => {
    const all = capture.records;
    await page.selectOption('#level', '40');
    await waitFor(async () => (await rowCount()) === all.filter((r) => r.levelno >= 40).length);
    expect(new Set(await cells(3))).toEqual(
      new Set(all.filter((r) => r.levelno >= 40).map((r) => r.levelname)),
    );
    await shot('03-level-error');
    await page.selectOption('#level', '0');

    await page.fill('#name', 'viewer.worker');
    const worker = all.filter((r) => r.name === 'viewer.worker');
    await waitFor(async () => (await rowCount()) === worker.length);
    expect(new Set(await cells(4))).toEqual(new Set(['viewer.worker']));
    await page.fill('#name', 'viewer');
    await waitFor(async () => (await rowCount()) === all.length);
    await page.fill('#name', '');

    await page.fill('#search', 'MANUALLY');
    await waitFor(async () => (await rowCount()) === 6);
    await shot('04-search');
    await page.fill('#search', '');
    await waitFor(async () => (await rowCount()) === all.length);

    await page.click('#clear');
    expect(await rowCount()).toBe(0);
  });

  it(title('holds records while paused and shows them all, in order, on resume'), async () => {
    await page.click('#pause');
    await expect.poll(() => page.locator('#pause').textContent()).toBe('Resume');
    const before = capture.records.length;
    for (let i = 0; i < 5; i++) await page.click('#log-random');
    await waitFor(async () => (await page.locator('#held').textContent()) === '5');
    expect(await rowCount()).toBe(0);
    await shot('05-paused');
    await page.click('#pause');
    await waitFor(async () => (await rowCount()) === 5);
    const seqs = await page
      .locator('#rows .row')
      .evaluateAll((rs) => rs.map((r) => Number((r as HTMLElement).dataset.seq)));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(capture.records.length - before).toBe(5);
  });

  it(title(
    'stays responsive at 5,000 records/s for 10 s, keeping at most 500 rows and losing none',
  ), async () => {
    await page.evaluate(() => {
      const w = window as unknown as { gaps: number[] };
      w.gaps = [];
      let last = performance.now();
      const tick = (now: number) => {
        w.gaps.push(now - last);
        last = now;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const published = viewer.hub.published;
    const res = await fetch(new URL('/api/flood?rate=5000&seconds=10', viewer.url), {
      method: 'POST',
    });
    expect(res.status).toBe(202);
    const roundTrips: number[] = [];
    const started = Date.now();
    while (viewer.flooded < 50_000 && Date.now() - started < 60_000) {
      const t0 = performance.now();
      await page.evaluate(() => document.querySelectorAll('#rows .row').length);
      roundTrips.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(viewer.flooded).toBe(50_000);
    const target = published + 50_000;
    await waitFor(
      () =>
        page.evaluate(
          (n) =>
            (window as unknown as { viewerState: { received: number } }).viewerState.received >= n,
          target,
        ),
      30_000,
    );
    await shot('06-flood');
    const state = await page.evaluate(() => {
      const s = (
        window as unknown as { viewerState: { received: number; lost: number; trimmed: number } }
      ).viewerState;
      const gaps = (window as unknown as { gaps: number[] }).gaps.slice(5).sort((a, b) => a - b);
      return {
        received: s.received,
        lost: s.lost,
        trimmed: s.trimmed,
        rows: document.querySelectorAll('#rows .row').length,
        frames: gaps.length,
        p95Gap: gaps[Math.floor(gaps.length * 0.95)] ?? Number.POSITIVE_INFINITY,
      };
    });
    roundTrips.sort((a, b) => a - b);
    console.log(
      `viewer flood: ${state.frames} frames, p95 frame gap ${state.p95Gap.toFixed(1)} ms, p95 round trip ${roundTrips[Math.floor(roundTrips.length * 0.95)]!.toFixed(1)} ms`,
    );
    expect(state.lost).toBe(0);
    expect(state.received).toBe(target);
    expect(state.rows).toBe(500);
    expect(state.trimmed).toBeGreaterThanOrEqual(50_000 - 500);
    expect(await page.locator('#trimmed').textContent()).toBe(String(state.trimmed));
    // Responsive: the page kept painting and answering while 50,000 records streamed in.
    // Bounds are loose on purpose (shared, loaded CI machines); a blocked page misses them by far.
    expect(state.frames).toBeGreaterThan(30);
    expect(state.p95Gap).toBeLessThan(1000);
    expect(roundTrips[Math.floor(roundTrips.length * 0.95)]).toBeLessThan(2000);
  }, 120_000);
});
