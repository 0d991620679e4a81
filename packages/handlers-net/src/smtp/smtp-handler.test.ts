import * as net from 'node:net';
import { getLogger, makeLogRecord, Formatter } from '@logweave/core';
import { type SMTPServerAuthentication, SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BufferingSMTPHandler } from './buffering-smtp-handler.js';
import { SMTPHandler } from './smtp-handler.js';

interface Received {
  from: string;
  to: string[];
  user: string | undefined;
  secure: boolean;
  raw: string;
}
let server: SMTPServer;
let port = 0;
const mails: Received[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth: SMTPServerAuthentication, _session, cb) {
      if (auth.username === 'ann' && auth.password === 'pä:ss') cb(null, { user: auth.username });
      else cb(new Error('bad credentials'));
    },
    onData(stream, session, cb) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (d: string) => {
        raw += d;
      });
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          secure: session.secure,
          raw,
        });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

/** The decoded text body of a raw mail (nodemailer sends quoted-printable for non-ASCII). */
function body(raw: string): string {
  const [head, ...rest] = raw.split('\r\n\r\n');
  let text = rest.join('\r\n\r\n');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head ?? '')) {
    text = Buffer.from(
      text
        .replace(/=\r\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  }
  return text;
}
const header = (raw: string, name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(raw)?.[1];

describe('SMTPHandler against a real SMTP server (smtp-server)', () => {
  it('one mail per record: From, To, Subject and the formatted record as the body', async () => {
    const before = mails.length;
    const h = new SMTPHandler(
      ['127.0.0.1', port],
      'app@example.com',
      ['ops@example.com', 'dev@example.com'],
      'App error',
    );
    h.setFormatter(new Formatter('%(levelname)s:%(name)s:%(message)s'));
    h.emit(
      makeLogRecord({ name: 'app', levelname: 'ERROR', levelno: 40, msg: 'disk full on /dév' }),
    );
    await h.drain();
    h.close();
    expect(h.dropped).toBe(0);
    const m = mails[before] as Received;
    expect(mails.length).toBe(before + 1);
    expect(m.from).toBe('app@example.com');
    expect(m.to).toEqual(['ops@example.com', 'dev@example.com']);
    expect(header(m.raw, 'Subject')).toBe('App error');
    expect(header(m.raw, 'To')).toBe('ops@example.com, dev@example.com');
    expect(body(m.raw).trim()).toBe('ERROR:app:disk full on /dév');
  });

  it('credentials log in; secure makes it STARTTLS first, as CPython', async () => {
    const before = mails.length;
    const h = new SMTPHandler(
      ['127.0.0.1', port],
      'a@example.com',
      'b@example.com',
      'S',
      ['ann', 'pä:ss'],
      {
        rejectUnauthorized: false,
      },
    );
    h.emit(makeLogRecord({ msg: 'secret' }));
    await h.drain();
    h.close();
    expect(h.dropped).toBe(0);
    expect(mails[before]).toMatchObject({ user: 'ann', secure: true });
  });

  it('wrong credentials: the record is counted as dropped, nothing is thrown', async () => {
    const h = new SMTPHandler(
      ['127.0.0.1', port],
      'a@example.com',
      'b@example.com',
      'S',
      ['ann', 'nope'],
      null,
      5,
      {
        onDrop: () => {},
      },
    );
    h.emit(makeLogRecord({ msg: 'x' }));
    await h.drain();
    h.close();
    expect(h.dropped).toBe(1);
  });
});

describe('BufferingSMTPHandler (cookbook recipe 31)', () => {
  it('102 records at capacity 10 make 11 mails: ten of 10 lines, then the last 2 at close', async () => {
    const before = mails.length;
    const h = new BufferingSMTPHandler({
      mailhost: ['127.0.0.1', port],
      fromaddr: 'app@example.com',
      toaddrs: 'ops@example.com',
      subject: 'Test logging',
      capacity: 10,
    });
    h.setFormatter(new Formatter('%(levelname)-5s %(message)s'));
    const logger = getLogger('smtp.buffering');
    logger.propagate = false;
    logger.setLevel('DEBUG');
    logger.addHandler(h);
    for (let i = 0; i < 102; i++) logger.info('Info index = %d', i);
    logger.removeHandler(h);
    h.close();
    await h.drain();
    expect(h.dropped).toBe(0);
    expect(h.mailer.delivered).toBe(102);
    const got = mails.slice(before);
    expect(got.length).toBe(11);
    const lines = got.map((m) =>
      body(m.raw)
        .split('\r\n')
        .filter((l) => l !== ''),
    );
    expect(lines.map((l) => l.length)).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 2]);
    // Mails may arrive out of order (sent concurrently); together they hold every record once.
    const all = lines.flat().sort((a, b) => Number(a.split('= ')[1]) - Number(b.split('= ')[1]));
    expect(all).toEqual(Array.from({ length: 102 }, (_, i) => `INFO  Info index = ${i}`));
    for (const m of got) expect(header(m.raw, 'Subject')).toBe('Test logging');
  });
});

describe('SMTP handlers and a server that accepts and goes silent', () => {
  it('logging does not block: emit() returns at once, each mail times out and is counted', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s)); // never sends the 220 greeting
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const sport = (silent.address() as net.AddressInfo).port;
    const reports: unknown[] = [];
    const h = new SMTPHandler(
      ['127.0.0.1', sport],
      'a@example.com',
      'b@example.com',
      'S',
      null,
      null,
      0.3,
      {
        onDrop: (r) => reports.push(r),
      },
    );
    for (let i = 0; i < 20; i++) h.emit(makeLogRecord({ msg: `r${i}` }));
    // Every emit() returned while the server had not even greeted.
    expect(h.dropped).toBe(0);
    await h.drain();
    expect(h.dropped).toBe(20);
    expect(reports.length).toBe(1);
    h.close();
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => silent.close(() => r()));
  });
});
