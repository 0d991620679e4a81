import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadListenerConfig } from '../listener-config.js';
import { LogListener } from '../log-listener.js';
import type { TcpSource } from '../sources/tcp-source.js';
import { listenerYaml, readRotated } from '../test-support/files.js';

it('the node:cluster demo: 2 workers log 30 requests to the listener; after SIGTERM every request line is in the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lw-listener-cluster-'));
  writeFileSync(join(dir, 'listener.yaml'), listenerYaml(dir, { http: false }));
  const listener = new LogListener(loadListenerConfig(join(dir, 'listener.yaml')));
  await listener.start();
  const port = listener.source<TcpSource>('tcp')?.port as number;
  const app = spawn(
    process.execPath,
    [
      '--conditions=@logweave/source',
      '--import',
      'tsx',
      join(import.meta.dirname, 'cluster-app.ts'),
      '--port',
      '0',
      '--workers',
      '2',
      '--listener-port',
      String(port),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise((resolve) => app.on('close', resolve));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      app.stdout?.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        const m = /^listening (\S+)$/m.exec(out);
        if (m) resolve(m[1] as string);
      });
      app.on('close', () => reject(new Error('the demo app exited')));
    });
    for (let i = 0; i < 30; i++) {
      const r = await fetch(`${url}/item/${i}`);
      expect(await r.text()).toMatch(/^hello from worker \d\n$/);
    }
    app.kill('SIGTERM');
    expect(await exited).toBe(0);
    // Workers deliver before they exit; give the listener a moment to read the last frames.
    for (let i = 0; i < 200 && listener.metrics.received < 34; i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    await listener.stop();
    const lines = readRotated(dir, 'app.log');
    const requests = lines.filter((l) => /^webapp\.worker\d GET \/item\/\d+ 200$/.test(l));
    expect(
      requests.map((l) => Number(l.split('/')[2]?.split(' ')[0])).sort((a, b) => a - b),
    ).toEqual([...Array(30).keys()]);
    expect(lines.filter((l) => / serving$/.test(l))).toHaveLength(2);
    expect(lines.filter((l) => / stopping$/.test(l))).toHaveLength(2);
    expect(lines).toHaveLength(34);
  } finally {
    app.kill('SIGKILL');
    await listener.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
