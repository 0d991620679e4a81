import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadListenerConfig } from './listener-config.js';
import { LogListener } from './log-listener.js';
import { runLoad } from './run-load.js';
import type { TcpSource } from './sources/tcp-source.js';
import { checkSequences, listenerYaml, readRotated } from './test-support/files.js';
import { hasPython, runPythonProducer } from './test-support/python.js';

const PRODUCERS = 8;
const COUNT = 20_000;

function metric(text: string, name: string): number {
  const m = new RegExp(`^${name.replace(/[{}"]/g, '\\$&')} (\\d+)$`, 'm').exec(text);
  if (!m) throw new Error(`no ${name} in /metrics`);
  return Number(m[1]);
}

describe('LogListener under load (TCP)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  async function loadRun(withPython: boolean): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'lw-listener-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'listener.yaml'), listenerYaml(dir));
    const listener = new LogListener(loadListenerConfig(join(dir, 'listener.yaml')));
    const addr = await listener.start();
    try {
      const port = listener.source<TcpSource>('tcp')?.port as number;
      const [load, py] = await Promise.all([
        runLoad({ port, producers: PRODUCERS, count: COUNT }),
        withPython ? runPythonProducer(port, COUNT) : Promise.resolve(null),
      ]);
      expect(load.exitCodes).toEqual(Array(PRODUCERS).fill(0));
      expect(load.results.map((r) => r.dropped)).toEqual(Array(PRODUCERS).fill(0));
      if (py) expect(py).toMatchObject({ status: 0, stdout: `done ${COUNT}\n` });
      const total = PRODUCERS * COUNT + (withPython ? COUNT : 0);
      // Every record is counted once it is dispatched; wait for the last ones to be read.
      for (let i = 0; i < 200 && listener.metrics.received < total; i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const text = await (await fetch(`${addr.http}/metrics`)).text();
      await listener.stop();

      const lines = readRotated(dir, 'app.log');
      const seqs = checkSequences(lines);
      const names = [...Array(PRODUCERS).keys()].map((k) => `load.p${k}`);
      if (withPython) names.push('load.py');
      // Per producer: how many distinct sequence numbers arrived, duplicates, the first lost.
      const seen = (name: string) => {
        const s = seqs.get(name);
        let firstLost = -1;
        for (let i = 0; i < COUNT && s; i++) {
          if (!s.seen.has(i)) {
            firstLost = i;
            break;
          }
        }
        return { name, size: s?.seen.size ?? 0, duplicates: s?.duplicates ?? -1, firstLost };
      };
      expect(names.map(seen)).toEqual(
        names.map((name) => ({ name, size: COUNT, duplicates: 0, firstLost: -1 })),
      );
      expect(lines.length).toBe(total);
      // The metrics scraped after the load match the files.
      expect(metric(text, 'logweave_listener_records_received_total')).toBe(total);
      expect(metric(text, 'logweave_listener_source_records_received_total{source="tcp"}')).toBe(
        total,
      );
      expect(metric(text, 'logweave_listener_source_frames_refused_total{source="tcp"}')).toBe(0);
      expect(metric(text, 'logweave_listener_handler_errors_total')).toBe(0);
    } finally {
      await listener.stop();
    }
  }

  it.skipIf(!hasPython)(
    `${PRODUCERS} producer processes × ${COUNT} records plus CPython's SocketHandler as a ninth producer: none lost or duplicated, /metrics match the rotated files`,
    () => loadRun(true),
    110_000,
  );

  it.skipIf(hasPython)(
    `${PRODUCERS} producer processes × ${COUNT} records (python3 missing: the CPython producer is left out): none lost, /metrics match the files`,
    () => loadRun(false),
    110_000,
  );
});
