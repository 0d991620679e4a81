import { type ChildProcess, spawn, spawnSync } from 'node:child_process';

/** Whether a CPython 3.11+ `python3` is on PATH (tests comparing with it skip otherwise). */
export const hasPython: boolean = (() => {
  const r = spawnSync('python3', ['-c', 'import sys; print(sys.version_info >= (3, 11))'], {
    encoding: 'utf8',
  });
  return r.status === 0 && r.stdout.trim() === 'True';
})();

/** Whether ::1 can be bound here (IPv6 loopback tests skip otherwise). */
export const hasIPv6: boolean = (() => {
  const r = spawnSync('python3', [
    '-c',
    "import socket; s=socket.socket(socket.AF_INET6); s.bind(('::1',0))",
  ]);
  return r.status === 0;
})();

/** A test title that states the skip reason when python3 is missing. */
export function vsCPython(title: string): string {
  return hasPython ? title : `${title} (skipped: python3 >= 3.11 is not on PATH)`;
}

const ENV = {
  ...process.env,
  PYTHONIOENCODING: 'utf-8',
  LC_ALL: 'C.UTF-8',
  PYTHONDONTWRITEBYTECODE: '1',
};

/** Runs `code` under python3 synchronously with `input` on stdin; returns stdout (throws on failure). */
export function runPythonSync(code: string, input: string | Buffer = ''): Buffer {
  const r = spawnSync('python3', ['-c', code], {
    input,
    env: ENV,
    maxBuffer: 256 * 1024 * 1024,
    timeout: 30_000,
  });
  if (r.status !== 0) throw new Error(`python3 failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** A running python3 process whose stdout is read line by line. */
export interface PythonProcess {
  readonly child: ChildProcess;
  /** Lines printed so far. */
  readonly lines: string[];
  /** Resolves with the first line matching `re` (rejects after `ms`). */
  waitFor(re: RegExp, ms?: number): Promise<string>;
  /** Resolves when `n` lines (after the first `skip`) were printed. */
  waitLines(n: number, ms?: number): Promise<string[]>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  kill(): void;
}

/** Starts `code` under python3 (stdout read as lines, stderr kept for errors). */
export function startPython(code: string, args: string[] = []): PythonProcess {
  const child = spawn('python3', ['-c', code, ...args], {
    env: ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let rest = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (d: string) => {
    rest += d;
    let i = rest.indexOf('\n');
    while (i >= 0) {
      lines.push(rest.slice(0, i));
      rest = rest.slice(i + 1);
      i = rest.indexOf('\n');
    }
    for (const w of [...waiters]) w();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      for (const w of [...waiters]) w();
      resolve(code);
    }),
  );
  const wait = <T>(check: () => T | undefined, ms: number, what: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const tick = (): void => {
        const v = check();
        if (v !== undefined) {
          waiters.delete(tick);
          clearTimeout(t);
          resolve(v);
        } else if (child.exitCode !== null) {
          waiters.delete(tick);
          clearTimeout(t);
          reject(new Error(`python3 exited (${child.exitCode}) before ${what}: ${stderr}`));
        }
      };
      const t = setTimeout(() => {
        waiters.delete(tick);
        reject(new Error(`timed out waiting for ${what}; stderr: ${stderr}`));
      }, ms);
      waiters.add(tick);
      tick();
    });
  return {
    child,
    lines,
    exited,
    waitFor: (re, ms = 15_000) => wait(() => lines.find((l) => re.test(l)), ms, String(re)),
    waitLines: (n, ms = 15_000) =>
      wait(() => (lines.length >= n ? lines.slice(0, n) : undefined), ms, `${n} lines`),
    kill: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
