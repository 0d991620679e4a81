import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const cli = join(import.meta.dirname, '..', 'cli.ts');

/** The CLI (`logweave-listener --config file`) in a child process, from sources. */
export interface ListenerProcess {
  child: ChildProcess;
  /** The `listening ...` line's addresses, by source (`tcp`, `http`...). */
  addresses: Record<string, string>;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/** Starts the listener CLI and waits for its `listening` line. */
export function startListenerProcess(configFile: string): Promise<ListenerProcess> {
  const child = spawn(
    process.execPath,
    ['--conditions=@logweave/source', '--import', 'tsx', cli, '--config', configFile],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the listener did not start: ${err}`));
    }, 60_000);
    const check = (): void => {
      const m = /^listening (.*)$/m.exec(out);
      if (!m) return;
      clearTimeout(timer);
      const addresses: Record<string, string> = {};
      for (const part of (m[1] as string).split(' ')) {
        const i = part.indexOf('=');
        addresses[part.slice(0, i)] = part.slice(i + 1);
      }
      resolve({ child, addresses, stdout: () => out, stderr: () => err, exited });
    };
    child.stdout?.on('data', check);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the listener exited with ${code}: ${err}`));
    });
  });
}
