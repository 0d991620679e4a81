// Several processes, one rotated file: children log through core's process queue to one
// listener (this process) that owns the RotatingFileHandler.
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, QueueListener, receiveFromProcess, withLogPipe } from '@logweave/core';
import { describe, expect, it } from 'vitest';
import { RotatingFileHandler } from './rotating-file-handler.js';
import { supportDir } from './test-support/python.js';

class CountingHandler extends RotatingFileHandler {
  rollovers = 0;
  override doRollover(): void {
    this.rollovers++;
    super.doRollover();
  }
}

const CHILDREN = 8;
const LINES = 50_000;
const MAX_BYTES = 1_000_000;

describe('RotatingFileHandler behind a QueueListener fed by child processes', () => {
  it(`${CHILDREN} processes × ${LINES} lines through the process queue into one rotated file: none lost, duplicated or interleaved; one rollover per threshold crossing`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-multi-'));
    const file = join(dir, 'app.log');
    const h = new CountingHandler(file, { maxBytes: MAX_BYTES, backupCount: 100 });
    const queue = new Queue();
    const listener = new QueueListener(queue, h);
    listener.start();
    const children: ChildProcess[] = [];
    const receivers = [];
    for (let k = 0; k < CHILDREN; k++) {
      const child = fork(
        join(supportDir, 'queue-child.ts'),
        [`c${k}`, String(LINES)],
        withLogPipe({
          execArgv: ['--conditions=@logweave/source', '--import', 'tsx'],
          silent: true,
        }),
      );
      children.push(child);
      receivers.push(receiveFromProcess(queue, child));
    }
    await Promise.all(receivers.map((r) => r.done));
    await listener.stop();
    h.close();
    expect(children.map((c) => c.exitCode)).toEqual(Array(CHILDREN).fill(0));
    expect(receivers.map((r) => r.discarded)).toEqual(Array(CHILDREN).fill(0));

    // Oldest first: app.log.N … app.log.1, app.log.
    const names = readdirSync(dir).sort((a, b) => num(b) - num(a));
    const next = Array(CHILDREN).fill(0);
    let total = 0;
    const bad: string[] = [];
    for (const [i, name] of names.entries()) {
      const text = readFileSync(join(dir, name), 'utf8');
      const lines = text.split('\n');
      expect(lines.pop()).toBe(''); // ends with a complete line
      for (const line of lines) {
        const m = /^c(\d+) (\d+) \.{20}$/.exec(line);
        // Each child's lines in order, none missing or twice, none interleaved.
        if (m === null || Number(m[2]) !== next[Number(m[1])]) {
          bad.push(`${name}: ${JSON.stringify(line)}`);
          continue;
        }
        next[Number(m[1])]++;
        total++;
      }
      const size = statSync(join(dir, name)).size;
      if (name !== 'app.log') {
        // Rolled over only when the next line would have reached maxBytes.
        const following = readFileSync(join(dir, names[i + 1]!), 'utf8').split('\n')[0]!;
        expect(size).toBeLessThan(MAX_BYTES);
        expect(size + following.length + 1).toBeGreaterThanOrEqual(MAX_BYTES);
      }
    }
    expect(bad.slice(0, 5)).toEqual([]);
    expect(next).toEqual(Array(CHILDREN).fill(LINES));
    expect(total).toBe(CHILDREN * LINES);
    expect(h.rollovers).toBe(names.length - 1);
    expect(names.length).toBeGreaterThan(5);
  }, 120_000);
});

function num(name: string): number {
  const m = /\.(\d+)$/.exec(name);
  return m === null ? 0 : Number(m[1]);
}
