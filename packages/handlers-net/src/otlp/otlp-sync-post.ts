import { spawnSync } from 'node:child_process';

// Run in a child node: reads length-prefixed bodies from stdin, POSTs them one after the
// other, and prints one line per answer: `<index> <status> <base64 response body>` (status 0
// for a network error). Lets the exit path send synchronously with one deadline for all.
const SCRIPT = `
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const { url, headers } = JSON.parse(process.argv[1]);
  const mod = require(url.startsWith('https:') ? 'node:https' : 'node:http');
  const agent = new mod.Agent({ keepAlive: true });
  const all = Buffer.concat(chunks);
  let at = 0, i = 0;
  while (at + 4 <= all.length) {
    const n = all.readUInt32BE(at);
    const body = all.subarray(at + 4, at + 4 + n);
    at += 4 + n;
    const line = await new Promise((resolve) => {
      const req = mod.request(url, { method: 'POST', agent, headers: { ...headers, 'Content-Length': n } }, (res) => {
        const b = [];
        res.on('data', (c) => b.push(c));
        res.on('end', () => resolve(res.statusCode + ' ' + Buffer.concat(b).toString('base64')));
        res.on('error', () => resolve('0 '));
      });
      req.on('error', () => resolve('0 '));
      req.end(body);
    });
    process.stdout.write(i++ + ' ' + line + '\\n');
  }
  process.exit(0);
});`;

/** One answer of {@link postSync}. */
export interface SyncPostResult {
  status: number;
  body: Uint8Array;
}

/**
 * POSTs each body in turn, synchronously (in one child process, so it works inside `'exit'`
 * listeners), giving up after `timeoutMs` in all. Returns the answers received, by index;
 * bodies without an answer were not (known to be) delivered.
 */
export function postSync(
  url: string,
  headers: Record<string, string>,
  bodies: readonly Uint8Array[],
  timeoutMs: number,
): (SyncPostResult | undefined)[] {
  const results: (SyncPostResult | undefined)[] = new Array(bodies.length);
  if (timeoutMs <= 0 || bodies.length === 0) return results;
  const parts: Uint8Array[] = [];
  for (const b of bodies) {
    const len = Buffer.allocUnsafe(4);
    len.writeUInt32BE(b.length);
    parts.push(len, b);
  }
  const r = spawnSync(process.execPath, ['-e', SCRIPT, JSON.stringify({ url, headers })], {
    input: Buffer.concat(parts),
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'ignore'],
    env: { PATH: process.env.PATH ?? '' },
  });
  const out = (r.stdout ?? Buffer.alloc(0)).toString('latin1');
  for (const line of out.split('\n')) {
    const m = /^(\d+) (\d+) (.*)$/.exec(line);
    if (!m) continue;
    results[Number(m[1])] = { status: Number(m[2]), body: Buffer.from(m[3] ?? '', 'base64') };
  }
  return results;
}
