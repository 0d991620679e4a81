import { spawn } from 'node:child_process';
import * as dgram from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRecipe } from '../../test-support/run-recipe.js';

const RSYSLOGD = '/usr/sbin/rsyslogd';
const hasRsyslog = existsSync(RSYSLOGD);

describe('recipe 36: syslog with RFC 5424', () => {
  it('the lines on the wire: PRI, VERSION, TIMESTAMP, HOSTNAME, APP-NAME, PROCID, MSGID, escaped SD, BOM for UTF-8', () => {
    const r = runRecipe('syslog-rfc5424');
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('<'));
    const pid = /^<\d+>1 <timestamp> myhost\.example myapp (\d+) /.exec(lines[0] ?? '')?.[1];
    expect(lines).toEqual([
      `<143>1 <timestamp> myhost.example myapp ${pid} STRUCT [origin@32473 ip="10.0.0.1" software="logweave"][meta@32473 note="a \\"quoted\\" \\]bracket\\\\"] Message with structured data`,
      `<142>1 <timestamp> myhost.example myapp ${pid} - - Message without structured data`,
      `<140>1 <timestamp> myhost.example myapp ${pid} UTF8 - \ufeffNon-ASCII: héllo`,
    ]);
  });

  it.skipIf(!hasRsyslog)(
    hasRsyslog
      ? 'a private rsyslogd accepts and parses every line'
      : `rsyslog interop (skipped: ${RSYSLOGD} is missing)`,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cookbook-rsyslog-'));
      const out = join(dir, 'out.jsonl');
      // A loopback UDP port that was free a moment ago.
      const probe = dgram.createSocket('udp4');
      await new Promise<void>((r) => probe.bind(0, '127.0.0.1', r));
      const port = probe.address().port;
      await new Promise<void>((r) => probe.close(() => r()));
      writeFileSync(
        join(dir, 'rsyslog.conf'),
        `global(workDirectory="${dir}")
module(load="imudp")
input(type="imudp" address="127.0.0.1" port="${port}")
template(name="j" type="list" option.jsonf="on") {
  property(outname="pri" name="pri" format="jsonf")
  property(outname="hostname" name="hostname" format="jsonf")
  property(outname="appname" name="app-name" format="jsonf")
  property(outname="msgid" name="msgid" format="jsonf")
  property(outname="sd" name="structured-data" format="jsonf")
  property(outname="msg" name="msg" format="jsonf")
}
action(type="omfile" file="${out}" template="j")
`,
      );
      const d = spawn(RSYSLOGD, ['-n', '-f', join(dir, 'rsyslog.conf'), '-i', join(dir, 'pid')], {
        stdio: 'ignore',
      });
      try {
        // rsyslogd writes its pid file once its inputs are up.
        for (let i = 0; i < 200 && !existsSync(join(dir, 'pid')); i++)
          await new Promise((r) => setTimeout(r, 50));
        const r = runRecipe('syslog-rfc5424', { LOGWEAVE_SYSLOG_UDP: `127.0.0.1:${port}` });
        expect(r.status, r.stderr).toBe(0);
        const read = () =>
          existsSync(out)
            ? readFileSync(out, 'utf8')
                .split('\n')
                .filter((l) => l !== '')
            : [];
        for (let i = 0; i < 200 && read().length < 3; i++)
          await new Promise((r) => setTimeout(r, 50));
        const recs = read().map((l) => JSON.parse(l));
        expect(recs.map((x) => [x.pri, x.hostname, x.appname, x.msgid])).toEqual([
          ['143', 'myhost.example', 'myapp', 'STRUCT'],
          ['142', 'myhost.example', 'myapp', '-'],
          ['140', 'myhost.example', 'myapp', 'UTF8'],
        ]);
        expect(recs[0].sd).toBe(
          '[origin@32473 ip="10.0.0.1" software="logweave"][meta@32473 note="a \\"quoted\\" \\]bracket\\\\"]',
        );
        expect(recs.map((x) => x.msg.replace(/^\ufeff/, ''))).toEqual([
          'Message with structured data',
          'Message without structured data',
          'Non-ASCII: héllo',
        ]);
      } finally {
        d.kill('SIGTERM');
        await new Promise((r) => d.once('exit', r));
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
