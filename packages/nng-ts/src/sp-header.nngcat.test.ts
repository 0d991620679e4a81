import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeSpHeader, parseSpHeader } from './sp-header.js';

const hasNngcat = spawnSync('nngcat', ['--version']).error === undefined;
const skipNote = hasNngcat ? '' : ' [skipped: nngcat not found; install Debian package nng-utils]';

async function waitFor(path: string): Promise<void> {
  for (let i = 0; i < 100 && !existsSync(path); i++) await new Promise((r) => setTimeout(r, 50));
}

describe.skipIf(!hasNngcat)(`SP header against libnng's nngcat${skipNote}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'nng-ts-'));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('exchanges headers with a sub0 listener, which then prints the message we publish over IPC', async () => {
    const path = join(dir, 'sub.ipc');
    const sub = spawn('nngcat', [
      '--sub0',
      '--listen',
      `ipc://${path}`,
      '--subscribe',
      '',
      '--ascii',
      '--count',
      '1',
    ]);
    children.push(sub);
    let printed = '';
    sub.stdout.on('data', (d: Buffer) => (printed += d.toString()));
    const exited = new Promise<number | null>((r) => sub.on('exit', r));
    await waitFor(path);

    const sock = connect(path);
    sock.write(encodeSpHeader('pub0'));
    const header = await new Promise<Buffer>((resolve, reject) => {
      sock.once('readable', () => resolve(sock.read(8) as Buffer));
      sock.once('error', reject);
    });
    expect(parseSpHeader(header)).toBe('sub0');

    // IPC framing: message type 0x01, then a 64-bit big-endian length, then the body.
    const body = Buffer.from('hello from nng-ts');
    const frame = Buffer.alloc(9);
    frame[0] = 1;
    frame.writeBigUInt64BE(BigInt(body.length), 1);
    // pub/sub drops messages sent before the subscriber is ready; resend until nngcat prints one.
    for (let i = 0; i < 40 && printed === ''; i++) {
      sock.write(Buffer.concat([frame, body]));
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await exited).toBe(0);
    expect(printed).toBe('hello from nng-ts');
    sock.destroy();
  });
});
