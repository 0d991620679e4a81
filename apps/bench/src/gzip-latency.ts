/**
 * `node dist/gzip-latency.js [MB]`: the latency of `logger.info` while GzipRotator compresses a
 * large backup (default 200 MB) in the background.
 *
 * First a 3 s baseline: one record per millisecond with nothing compressing. Then a
 * RotatingFileHandler with a GzipRotator rolls over the file of numbered lines; while the
 * backup is compressed, the program logs one record every millisecond and records (a) how
 * long each `logger.info` call takes and (b) how late each 1 ms timer fires (event-loop
 * lag: what a stalled loop would show). When compression ends it gunzips the backup and
 * checks that the line count equals the lines written. Prints one JSON line.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { createReadStream } from 'node:fs';
import { Formatter, getLogger, INFO } from '@logweave/core';
import { GzipRotator, RotatingFileHandler } from '@logweave/handlers-file';

const mb = Number(process.argv[2] ?? 200);
const dir = mkdtempSync(join(tmpdir(), 'gzip-latency-'));
const file = join(dir, 'app.log');

// A backup of `mb` MB of numbered lines (written in chunks, not held in memory at once).
let lines = 0;
{
  const chunkLines: string[] = [];
  let size = 0;
  writeFileSync(file, '');
  while (size < mb * 1024 * 1024) {
    chunkLines.length = 0;
    for (let i = 0; i < 100_000; i++) {
      chunkLines.push(
        `2026-01-01 00:00:00,000 INFO app request ${lines++} handled in ${lines % 997} ms\n`,
      );
    }
    const chunk = chunkLines.join('');
    writeFileSync(file, chunk, { flag: 'a' });
    size += Buffer.byteLength(chunk);
  }
}
const backupBytes = statSync(file).size;

const handler = new RotatingFileHandler(file, { maxBytes: 0, backupCount: 2 });
handler.setFormatter(new Formatter('%(asctime)s %(levelname)s %(name)s %(message)s'));
const gz = new GzipRotator().attach(handler);
const logger = getLogger('latency');
logger.setLevel(INFO);
logger.propagate = false;
logger.addHandler(handler);

/** Logs one record per millisecond until `done()`, recording call durations and loop lag. */
async function tick(done: () => boolean): Promise<{ callNs: number[]; lagMs: number[] }> {
  const callNs: number[] = [];
  const lagMs: number[] = [];
  let n = 0;
  await new Promise<void>((resolve) => {
    let expected = performance.now() + 1;
    const step = (): void => {
      lagMs.push(performance.now() - expected);
      const t0 = process.hrtime.bigint();
      logger.info('tick %d', n++);
      callNs.push(Number(process.hrtime.bigint() - t0));
      if (done()) {
        resolve();
        return;
      }
      expected = performance.now() + 1;
      setTimeout(step, 1);
    };
    setTimeout(step, 1);
  });
  return { callNs, lagMs };
}

// Baseline: the same ticking for 3 s with no compression running (same machine, same load).
const baselineEnd = performance.now() + 3000;
const baseline = await tick(() => performance.now() >= baselineEnd);
const started = performance.now();
handler.doRollover(); // the big file (plus the baseline's lines) is compressed in the background
const during = await tick(() => gz.pending === 0);
const { callNs, lagMs } = during;
const compressMs = performance.now() - started;
handler.close();

let counted = 0;
for await (const chunk of createReadStream(join(dir, 'app.log.1.gz')).pipe(createGunzip())) {
  const buf = chunk as Buffer;
  for (let at = buf.indexOf(10); at !== -1; at = buf.indexOf(10, at + 1)) counted++;
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
process.stdout.write(
  `${JSON.stringify({
    backupMB: +(backupBytes / 1048576).toFixed(1),
    compressMs: Math.round(compressMs),
    calls: callNs.length,
    callP50us: +(pct(callNs, 50) / 1000).toFixed(1),
    callP99us: +(pct(callNs, 99) / 1000).toFixed(1),
    callMaxUs: +(Math.max(...callNs) / 1000).toFixed(1),
    loopLagP99ms: +pct(lagMs, 99).toFixed(2),
    loopLagMaxMs: +Math.max(...lagMs).toFixed(2),
    baselineCallP99us: +(pct(baseline.callNs, 99) / 1000).toFixed(1),
    baselineLoopLagP99ms: +pct(baseline.lagMs, 99).toFixed(2),
    linesWritten: lines + baseline.callNs.length,
    linesGunzipped: counted,
    linesOk: counted === lines + baseline.callNs.length,
    linesAfterRollover: readFileSync(file, 'utf8').split('\n').length - 1,
  })}\n`,
);
rmSync(dir, { recursive: true, force: true });
