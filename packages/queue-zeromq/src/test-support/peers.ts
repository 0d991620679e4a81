import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

/** Debian's CPython, which has python3-zmq (the pyenv `python3` on PATH does not). */
export const PYTHON = '/usr/bin/python3';

/** Whether /usr/bin/python3 can import zmq (pyzmq). */
export const hasPyZmq: boolean = (() => {
  const r = spawnSync(PYTHON, ['-c', 'import zmq, sys; print(sys.version_info >= (3, 11))'], {
    encoding: 'utf8',
  });
  return r.status === 0 && r.stdout.trim() === 'True';
})();

/** The reason given when a pyzmq comparison is skipped. */
export const NO_PYZMQ =
  '/usr/bin/python3 >= 3.11 with python3-zmq is missing (apt-get install python3-zmq): the pyzmq comparison is skipped';

/** A test title that states the skip reason when pyzmq is missing. */
export function vsPyZmq(title: string): string {
  return hasPyZmq ? title : `${title} (skipped: ${NO_PYZMQ})`;
}

/** Runs a Python program to completion; returns its stdout, or throws with its stderr. */
export function runPython(code: string, args: readonly string[] = [], input = ''): string {
  const r = spawnSync(PYTHON, ['-c', code, ...args], {
    input,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, PYTHONIOENCODING: 'utf-8', LC_ALL: 'C.UTF-8' },
  });
  if (r.status !== 0) throw new Error(`python3 failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** A running Python peer whose stdout is read line by line. */
export interface PythonPeer {
  child: ChildProcess;
  /** Resolves with the next stdout line (rejects when the process ends first). */
  line(): Promise<string>;
  /** Writes one line to its stdin. */
  send(text: string): void;
  /** Resolves with the exit code (and stderr) once it ended; kills it after `ms`. */
  done(ms?: number): Promise<{ code: number | null; stderr: string }>;
}

/** Starts a Python program as a peer. */
export function startPython(code: string, args: readonly string[] = []): PythonPeer {
  const child = spawn(PYTHON, ['-u', '-c', code, ...args], {
    env: { ...process.env, PYTHONIOENCODING: 'utf-8', LC_ALL: 'C.UTF-8' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let buffered = '';
  let stderr = '';
  const lines: string[] = [];
  const waiting: ((l: string | null) => void)[] = [];
  let ended = false;
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => {
    stderr += d;
  });
  child.stdout!.on('data', (d: string) => {
    buffered += d;
    let i = buffered.indexOf('\n');
    while (i >= 0) {
      const l = buffered.slice(0, i);
      buffered = buffered.slice(i + 1);
      const w = waiting.shift();
      if (w) w(l);
      else lines.push(l);
      i = buffered.indexOf('\n');
    }
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      ended = true;
      for (const w of waiting.splice(0)) w(null);
      resolve(code);
    });
  });
  return {
    child,
    line() {
      const l = lines.shift();
      if (l !== undefined) return Promise.resolve(l);
      if (ended) return Promise.reject(new Error(`python peer ended: ${stderr}`));
      return new Promise((resolve, reject) =>
        waiting.push((x) =>
          x === null ? reject(new Error(`python peer ended: ${stderr}`)) : resolve(x),
        ),
      );
    },
    send(text) {
      child.stdin!.write(`${text}\n`);
    },
    async done(ms = 15_000) {
      const t = setTimeout(() => child.kill('SIGKILL'), ms);
      const code = await exited;
      clearTimeout(t);
      return { code, stderr };
    },
  };
}

/** A loopback TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `cond` every 10 ms until it holds or `ms` passed; returns whether it held. */
export async function until(cond: () => boolean, ms = 10_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) return false;
    await sleep(10);
  }
  return true;
}
