import { hostname } from 'node:os';
import { getLogger, kw, type Logger } from '@logweave/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RFC5424SysLogHandler } from './rfc5424-sys-log-handler.js';
import { SysLogHandler } from './sys-log-handler.js';
import type { SyslogFraming } from './syslog-framing.js';
import { loadUnixDgram } from './syslog-transport.js';
import {
  type EndpointKind,
  hasRsyslog,
  hasSyslogNg,
  NO_RSYSLOG,
  NO_SYSLOG_NG,
  type ParsedSyslog,
  type SyslogDaemon,
  startRsyslog,
  startSyslogNg,
} from '../test-support/syslog-daemons.js';

const KINDS: EndpointKind[] = [
  'udp',
  'tcp-nul',
  'tcp-lf',
  'tcp-octet',
  'unix-dgram',
  'unix-stream',
];
const FRAMING: Partial<Record<EndpointKind, SyslogFraming>> = {
  'tcp-nul': 'nul',
  'tcp-lf': 'lf',
  'tcp-octet': 'octet-counting',
  'unix-stream': 'nul',
};
const hasUnixDgram = loadUnixDgram() !== null;
const pid = String(process.pid);
const localNames = new Set([hostname(), 'localhost', '127.0.0.1']);

/** The message text a daemon shows, with its ways of escaping a newline made one. */
function text(m: string): string {
  return m
    .replace(/^\ufeff/, '')
    .replace(/#012|\n/g, ' ')
    .trim();
}

const daemons = [
  { name: 'rsyslog', has: hasRsyslog, why: NO_RSYSLOG, start: startRsyslog, lacks: '' },
  {
    name: 'syslog-ng',
    has: hasSyslogNg,
    why: NO_SYSLOG_NG,
    start: startSyslogNg,
    lacks: 'tcp-octet/3164',
  },
];

describe.each(daemons)('SysLogHandler into a private $name', ({ name, has, why, start, lacks }) => {
  let d: SyslogDaemon;
  let logger: Logger;
  beforeAll(async () => {
    if (!has) return;
    d = await start();
    logger = getLogger(`syslog-interop.${name}`);
    logger.setLevel('DEBUG');
    logger.propagate = false;
  }, 20_000);
  afterAll(async () => {
    await d?.stop();
  });

  const cases = KINDS.flatMap((kind) =>
    [3164, 5424].map((rfc) => ({ kind, rfc: rfc as 3164 | 5424 })),
  );
  for (const { kind, rfc } of cases) {
    const title = `RFC ${rfc} over ${kind}: facility, severity, hostname, app-name, procid, msgid, SD and text as parsed; the forged newline stays one record`;
    const skip = !has
      ? why
      : kind === 'unix-dgram' && !hasUnixDgram
        ? 'node-unix-socket is not installed'
        : lacks === `${kind}/${rfc}`
          ? `${name} reads octet-counted frames only as RFC 5424 (its syslog() driver)`
          : '';
    it.skipIf(skip !== '')(skip ? `${title} (skipped: ${skip})` : title, async () => {
      const address = d.endpoint(kind, rfc);
      if (address === null) throw new Error(`${name} has no ${kind} input for RFC ${rfc}`);
      const socktype = kind === 'udp' || kind === 'unix-dgram' ? 'udp' : 'tcp';
      const framing = FRAMING[kind];
      const h =
        rfc === 3164
          ? new SysLogHandler({ address, socktype, framing, facility: 'local3' })
          : new RFC5424SysLogHandler({
              address,
              socktype,
              framing: kind === 'tcp-octet' ? 'octet-counting' : framing,
              facility: SysLogHandler.LOG_LOCAL3,
              appName: 'lwapp',
              hostname: 'h1.example',
              msgid: 'M0',
            });
      if (rfc === 3164) h.ident = `lwapp[${pid}]: `;
      const tag = `${kind}-${rfc}`;
      const before = d.records().length;
      logger.handlers = [h];
      logger.warning(
        'first %s\n<13>1 forged x',
        tag,
        kw({
          extra: { msgid: 'LOGIN', structured_data: { 'ex@32473': { a: 'q"b]c\\d', n: 7 } } },
        }),
      );
      logger.info(`second ${tag} héllo`);
      await h.drain();
      const all = await d.waitRecords(before + 2);
      await new Promise((r) => setTimeout(r, 300));
      const got = d.records().slice(before);
      h.close();
      logger.handlers = [];
      expect(got.length, JSON.stringify(got)).toBe(2);
      expect(all.length).toBe(before + 2);
      const [a, b] = got as [ParsedSyslog, ParsedSyslog];
      expect([a.facility, a.severity, b.facility, b.severity]).toEqual([19, 4, 19, 6]);
      expect(a.appname).toBe('lwapp');
      expect(a.procid).toBe(pid);
      expect(text(a.msg)).toBe(`first ${tag} <13>1 forged x`);
      expect(text(b.msg)).toBe(`second ${tag} héllo`);
      if (rfc === 3164) {
        expect(localNames.has(a.hostname), a.hostname).toBe(true);
      } else {
        expect([a.hostname, b.hostname]).toEqual(['h1.example', 'h1.example']);
        expect([a.msgid, b.msgid]).toEqual(['LOGIN', 'M0']);
        expect(a.sd).toContain('[ex@32473 a="q\\"b\\]c\\\\d" n="7"]');
        expect(b.sd.includes('ex@32473')).toBe(false);
      }
    });
  }
});
