import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = join(here, '..', '..');
const N = 100_000;

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(
  script: string,
  args: string[],
  onStdout?: (child: ChildProcess, text: string) => void,
): Promise<Outcome> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@logweave/source', join(here, 'children', script), ...args],
    { cwd: packageRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => {
    stdout += s;
    onStdout?.(child, stdout);
  });
  child.stderr!.setEncoding('utf8').on('data', (s: string) => {
    stderr += s;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Asserts `text` is exactly `record 0` .. `record n-1`, one per line, in order. */
function expectAllRecords(text: string, n = N, what = 'output'): void {
  const lines = text.split('\n');
  expect(lines.pop(), what).toBe('');
  expect(lines.length, what).toBe(n);
  for (let i = 0; i < n; i++) {
    if (lines[i] !== `record ${i}`) expect.fail(`line ${i} is ${JSON.stringify(lines[i])}`);
  }
}

const sendOnReady = (signal: NodeJS.Signals) => {
  let sent = false;
  return (child: ChildProcess, out: string): void => {
    if (!sent && out.includes('ready\n')) {
      sent = true;
      child.kill(signal);
    }
  };
};

const ENDINGS: [string, string, Partial<Outcome>, ((c: ChildProcess, s: string) => void)?][] = [
  ['falling off the end', 'end', { code: 0 }],
  ['process.exit(1)', 'exit', { code: 1 }],
  ['an uncaught throw', 'throw', { code: 1 }],
  ['an unhandled rejection', 'reject', { code: 1 }],
  [
    'SIGTERM with a handler that logs and calls process.exit(3)',
    'sigterm-handler',
    { code: 3 },
    sendOnReady('SIGTERM'),
  ],
  [
    'SIGTERM without a handler',
    'sigterm-default',
    { code: null, signal: 'SIGTERM' },
    sendOnReady('SIGTERM'),
  ],
];

describe('process exit with 100,000 buffered records', () => {
  // One child at a time: each ending is checked without the others loading the machine.
  it.each(ENDINGS)(
    'when the process ends by %s every record is in every file, in order',
    async (_name, ending, exit, onStdout) => {
      const dir = mkdtempSync(join(tmpdir(), `logweave-exit-${ending}-`));
      const o = await run('log-records.ts', [ending, dir, String(N)], onStdout);
      expect({ code: o.code, signal: o.signal, ...exit }).toEqual({
        code: o.code,
        signal: o.signal,
      });
      for (const file of ['file.log', 'stream.log', 'fd-stream.log']) {
        expectAllRecords(readFileSync(join(dir, file), 'utf8'), N, file);
      }
      if (ending === 'throw') expect(o.stderr).toContain('uncaught after logging');
      if (ending === 'reject') expect(o.stderr).toContain('unhandled rejection after logging');
      expect(o.stderr).not.toContain('logweave:');
    },
  );
});

describe('process exit with stdout on a pipe', () => {
  it('when the reader is slow and the process calls process.exit(0) every record arrives', async () => {
    let paused = false;
    const o = await run('stdout-records.ts', [String(N)], (child) => {
      if (paused) return;
      paused = true;
      child.stdout!.pause();
      setTimeout(() => child.stdout!.resume(), 300);
    });
    expect(o.code).toBe(0);
    expectAllRecords(o.stdout);
    expect(o.stderr).toBe('');
  });

  it('when the reader goes away (EPIPE) reports it once on stderr and exits normally', async () => {
    let closed = false;
    const o = await run('stdout-records.ts', [String(N)], (child) => {
      if (closed) return;
      closed = true;
      child.stdout!.destroy();
    });
    expect(o.code).toBe(0);
    const reports = o.stderr.split('\n').filter((l) => l.startsWith('logweave: output to fd 1'));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain('EPIPE');
  });
});

describe('exit hooks', () => {
  it('are installed by the first handler, not by the import, and records logged by later exit listeners are written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logweave-hooks-'));
    const o = await run('exit-hooks.ts', [dir]);
    expect(o.code).toBe(0);
    const { before, after } = JSON.parse(o.stdout.split('\n')[0]!) as {
      before: number[];
      after: number[];
    };
    expect(after.map((a, i) => a - before[i]!)).toEqual([1, 1, 1, 1]);
    expect(readFileSync(join(dir, 'late.log'), 'utf8')).toBe(
      'before exit\nfrom a later exit listener\n',
    );
  });
});
