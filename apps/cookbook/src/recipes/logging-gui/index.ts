import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEBUG, getLogger } from '@logweave/core';
import { launchChromium, startViewer } from '@logweave/log-viewer';
import type { Recipe } from '../../recipe.js';

/**
 * Recipe 35: the Qt GUI recipe as a web page (apps/log-viewer). The demo starts the viewer,
 * opens it in headless Chromium, presses its buttons as a user would, and prints what the page
 * shows; `viewer.png` in the output directory is the page at the end.
 */
export const loggingGui: Recipe = {
  number: 35,
  id: 'logging-gui',
  title: 'A Qt GUI for logging (as a web page)',
  packages: ['apps/log-viewer', 'core'],
  requires: ['chromium'],
  async run({ outDir }) {
    getLogger().setLevel(DEBUG);
    const viewer = await startViewer({ port: 0 });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
      await page.goto(viewer.url);
      await page.locator('#connection', { hasText: 'live' }).waitFor();
      process.stdout.write(`viewer running at ${viewer.url}\n`);

      // "Start background work", then "Log a message at a random level" a few times.
      await page.click('#start-work');
      for (let i = 0; i < 3; i++) {
        await page.click('#log-random');
        await sleep(150);
      }
      await viewer.work.stop();
      const expected = viewer.hub.published;
      await page.waitForFunction(
        (n) => document.querySelectorAll('#rows .row').length === n,
        expected,
      );
      const rows = await page.$$eval('#rows .row', (rs) =>
        rs.map((r) => Array.from(r.children, (c) => c.textContent).slice(1)),
      );
      process.stdout.write(
        `the page shows ${rows.length} records (thread, level, logger, message):\n`,
      );
      for (const [thread, level, name, message] of rows) {
        process.stdout.write(
          `  ${thread!.padEnd(11)} ${level!.padEnd(8)} ${name!.padEnd(13)} ${message}\n`,
        );
      }
      await page.screenshot({ path: join(outDir, 'viewer.png') });
    } finally {
      await browser.close();
      await viewer.close();
    }
  },
};
