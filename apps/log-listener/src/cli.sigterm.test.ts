import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLoad } from './run-load.js';
import { checkSequences, listenerYaml, readRotated } from './test-support/files.js';
import { type ListenerProcess, startListenerProcess } from './test-support/listener-process.js';

const PRODUCERS = 4;
const COUNT = 10_000;
/** Records received before the SIGTERM (the load is then well under way). */
const BEFORE = 8_000;

function metric(text: string, name: string): number {
  const m = new RegExp(`^${name} (\\d+)$`, 'm').exec(text);
  if (!m) throw new Error(`no ${name} in /metrics`);
  return Number(m[1]);
}

describe('logweave-listener (the CLI) on SIGTERM', () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const f of cleanup.splice(0)) f();
  });

  it(`SIGTERM during a load of ${PRODUCERS} producers: every record counted as received is in the files after exit, each producer's records a gap-free prefix`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-listener-term-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'listener.yaml'), listenerYaml(dir));
    const lp: ListenerProcess = await startListenerProcess(join(dir, 'listener.yaml'));
    cleanup.push(() => lp.child.kill('SIGKILL'));
    const port = Number(new URL(lp.addresses.tcp as string).port);
    const load = startLoad({ port, producers: PRODUCERS, count: COUNT });
    cleanup.push(() => {
      for (const c of load.children) c.kill('SIGKILL');
    });
    // Wait until the load is well under way, then SIGTERM.
    let scraped = 0;
    for (let i = 0; i < 1200; i++) {
      const text = await (await fetch(`${lp.addresses.http}/metrics`)).text();
      scraped = metric(text, 'logweave_listener_records_received_total');
      if (scraped >= BEFORE) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(scraped).toBeGreaterThanOrEqual(BEFORE);
    lp.child.kill('SIGTERM');
    expect(await lp.exited).toBe(0);
    for (const c of load.children) c.kill('SIGKILL');

    const m = /^stopped (.*)$/m.exec(lp.stdout());
    expect(m, lp.stderr()).not.toBeNull();
    const summary = JSON.parse((m as RegExpExecArray)[1] as string) as {
      received: number;
      refused: number;
      handlerErrors: number;
    };
    const lines = readRotated(dir, 'app.log');
    expect(summary.received).toBeGreaterThanOrEqual(scraped);
    // The SIGTERM came in the middle of the load, not after it.
    expect(summary.received).toBeLessThan(PRODUCERS * COUNT);
    expect(lines.length).toBe(summary.received);
    expect(summary.refused).toBe(0);
    expect(summary.handlerErrors).toBe(0);
    // One connection per producer, in order: what arrived is 0..k-1, nothing missing inside.
    for (const [name, s] of checkSequences(lines)) {
      expect({ name, duplicates: s.duplicates }).toEqual({ name, duplicates: 0 });
      for (let i = 0; i < s.seen.size; i++)
        if (!s.seen.has(i)) throw new Error(`${name}: ${i} lost`);
    }
  }, 110_000);
});
