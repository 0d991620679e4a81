/**
 * `push-pull`: messages of 100 bytes (99 × 'x' and a newline) pushed over loopback TCP from
 * this process to a PULL socket in another process, which appends them to the output file, so
 * the runner counts every message as a line. The timed region runs from the first send until
 * the file holds every byte. Setups:
 * - `nng-ts`: nng-ts `Push0` here, nng-ts `Pull0` in the receiver process;
 * - `nngcat`: libnng 1.5.2 on both sides: `nngcat --pull0 --listen … --raw` writing the file,
 *   and `nngcat --push0 --dial … --count N` started when the calls end (this process only
 *   counts the calls: nngcat's send loop cannot take messages one by one);
 * - `libnng`: libnng 1.5.2 on both sides through `native/nng-push-pull.c` (compiled on first use
 *   with `cc … -lnng`; Debian `libnng-dev`), written for throughput: buffered file writes on
 *   the receiver, unlike nngcat's flush after every message; the sender starts when the calls
 *   end, as with nngcat;
 * - `zeromq`: zeromq.js 6 `Push` here (one pending `send()` at a time, as its API requires),
 *   zeromq.js `Pull` in the receiver process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { runScenario, type Session, type Setup } from '../lib/harness.js';

const MESSAGE = Buffer.from(`${'x'.repeat(99)}\n`);
const receiver = fileURLToPath(new URL('../lib/push-pull-receiver.js', import.meta.url));
const nativeSource = fileURLToPath(new URL('../../native/nng-push-pull.c', import.meta.url));
const nativeBinary = fileURLToPath(new URL('../native/nng-push-pull', import.meta.url));

/** Compiles the libnng program once (into dist/native/). */
function nativeProgram(): string {
  if (existsSync(nativeBinary)) return nativeBinary;
  mkdirSync(fileURLToPath(new URL('../native/', import.meta.url)), { recursive: true });
  const cc = spawnSync('cc', ['-O2', '-o', nativeBinary, nativeSource, '-lnng'], {
    encoding: 'utf8',
  });
  if (cc.status !== 0) {
    throw new Error(
      `cannot build the libnng program (needs cc and libnng-dev): ${cc.stderr || cc.error}`,
    );
  }
  return nativeBinary;
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Waits until `file` holds `bytes` bytes (or `child` died). */
async function waitForBytes(file: string, bytes: number, child: ChildProcess): Promise<void> {
  while (fileSize(file) < bytes) {
    if (child.exitCode !== null) throw new Error(`receiver exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Starts the receiver process for `library` and reads the URL it listens on. */
async function startReceiver(
  library: string,
  file: string,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [receiver, library, file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
  });
  return { child, url };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * A session whose `run(n)` only raises the number of messages to send; `pump` sends them one
 * after another as fast as the library allows, and `close()` waits for the pump and for the
 * receiver to have written everything.
 */
function pumped(
  file: string,
  child: ChildProcess,
  send: () => Promise<void> | void,
  finish: () => Promise<void>,
): Session {
  let target = 0;
  let sent = 0;
  let running: Promise<void> | null = null;
  const pump = async (): Promise<void> => {
    while (sent < target) {
      const p = send();
      sent++;
      if (p !== undefined) await p;
    }
    running = null;
  };
  return {
    run(n) {
      target += n;
      running ??= pump();
    },
    async close() {
      while (running !== null) await running;
      await waitForBytes(file, target * MESSAGE.length, child);
      await finish();
      await stop(child);
    },
  };
}

const setups: Record<string, Setup> = {
  async 'nng-ts'(file) {
    const { Push0 } = await import('nng-ts');
    const { child, url } = await startReceiver('nng-ts', file);
    const push = new Push0();
    await push.dial(url, { block: true });
    return pumped(
      file,
      child,
      () => push.send(MESSAGE),
      () => push.close(),
    );
  },
  async zeromq(file) {
    const { Push } = await import('zeromq');
    const { child, url } = await startReceiver('zeromq', file);
    const push = new Push();
    push.connect(url);
    return pumped(
      file,
      child,
      () => push.send(MESSAGE),
      async () => {
        push.close();
      },
    );
  },
  async nngcat(file) {
    const port = await freePort();
    const url = `tcp://127.0.0.1:${port}`;
    const msgFile = `${file}.msg`;
    writeFileSync(msgFile, MESSAGE);
    const out = openSync(file, 'w');
    const pull = spawn('nngcat', ['--pull0', '--listen', url, '--raw'], {
      stdio: ['ignore', out, 'inherit'],
    });
    // Wait until it listens.
    const { connect } = await import('node:net');
    for (;;) {
      const ok = await new Promise<boolean>((resolve) => {
        const c = connect({ host: '127.0.0.1', port });
        c.once('connect', () => {
          c.destroy();
          resolve(true);
        });
        c.once('error', () => resolve(false));
      });
      if (ok) break;
      if (pull.exitCode !== null) throw new Error('nngcat --pull0 exited');
      await new Promise((r) => setTimeout(r, 10));
    }
    let target = 0;
    return {
      run(n) {
        target += n;
      },
      async close() {
        const push = spawn(
          'nngcat',
          ['--push0', '--dial', url, '--file', msgFile, '--count', String(target)],
          {
            stdio: 'inherit',
          },
        );
        await waitForBytes(file, target * MESSAGE.length, pull);
        await stop(push);
        await stop(pull);
      },
    };
  },
};

setups.libnng = async (file) => {
  const program = nativeProgram();
  const port = await freePort();
  const url = `tcp://127.0.0.1:${port}`;
  const pull = spawn(program, ['pull', url, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    pull.stdout!.once('data', () => resolve());
    pull.once('exit', (code) => reject(new Error(`libnng pull exited with ${code}`)));
  });
  let target = 0;
  return {
    run(n) {
      target += n;
    },
    async close() {
      const push = spawn(program, ['push', url, String(target)], { stdio: 'inherit' });
      await waitForBytes(file, target * MESSAGE.length, pull);
      await stop(push);
      await stop(pull);
    },
  };
};

await runScenario(setups, { batch: 1000 });
