import { spawnSync } from 'node:child_process';

// Run in a child node: POSTs stdin to the URL, prints the response body (base64) and exits
// 0 on 2xx, 1 otherwise. Lets the exit path send synchronously with a deadline.
const SCRIPT = `
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const { url, headers } = JSON.parse(process.argv[1]);
  const mod = require(url.startsWith('https:') ? 'node:https' : 'node:http');
  const req = mod.request(url, { method: 'POST', headers }, (res) => {
    const body = [];
    res.on('data', (c) => body.push(c));
    res.on('end', () => {
      process.stdout.write(String(res.statusCode) + ' ' + Buffer.concat(body).toString('base64'));
      process.exit(res.statusCode >= 200 && res.statusCode < 300 ? 0 : 1);
    });
  });
  req.on('error', (e) => { process.stdout.write('0 '); process.exit(1); });
  req.end(Buffer.concat(chunks));
});`;

/** The result of {@link postSync}. */
export interface SyncPostResult {
  ok: boolean;
  status: number;
  body: Uint8Array;
}

/**
 * POSTs `body` synchronously (in a child process, so it works inside `'exit'` listeners),
 * giving up after `timeoutMs`.
 */
export function postSync(
  url: string,
  headers: Record<string, string>,
  body: Uint8Array,
  timeoutMs: number,
): SyncPostResult {
  if (timeoutMs <= 0) return { ok: false, status: 0, body: new Uint8Array() };
  const r = spawnSync(process.execPath, ['-e', SCRIPT, JSON.stringify({ url, headers })], {
    input: body,
    timeout: timeoutMs,
    encoding: 'buffer',
    stdio: ['pipe', 'pipe', 'ignore'],
    env: { PATH: process.env.PATH ?? '' },
  });
  const out = (r.stdout ?? Buffer.alloc(0)).toString('latin1');
  const sp = out.indexOf(' ');
  const status = sp > 0 ? Number(out.slice(0, sp)) : 0;
  return {
    ok: r.status === 0,
    status,
    body: sp > 0 ? Buffer.from(out.slice(sp + 1), 'base64') : new Uint8Array(),
  };
}
