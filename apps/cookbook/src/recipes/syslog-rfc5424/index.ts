import * as dgram from 'node:dgram';
import { getLogger, kw } from '@logweave/core';
import { RFC5424SysLogHandler } from '@logweave/handlers-net';
import type { Recipe } from '../../recipe.js';

/** Recipe 36: RFC 5424 messages with structured data, MSGID and a fixed hostname/app-name. */
export const syslogRfc5424: Recipe = {
  number: 36,
  id: 'syslog-rfc5424',
  title: 'Implementing structured logging with SysLogHandler and RFC 5424',
  async run() {
    // LOGWEAVE_SYSLOG_UDP=host:port sends to a real daemon (the test uses a private rsyslog);
    // otherwise a loopback socket prints the lines as they arrive.
    const target = process.env.LOGWEAVE_SYSLOG_UDP;
    const sock = dgram.createSocket('udp4');
    const lines: string[] = [];
    sock.on('message', (m) => lines.push(m.toString('utf8')));
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
    const [host, port] = target
      ? [
          target.slice(0, target.lastIndexOf(':')),
          Number(target.slice(target.lastIndexOf(':') + 1)),
        ]
      : ['127.0.0.1', sock.address().port];
    const handler = new RFC5424SysLogHandler({
      address: [host, port],
      facility: 'local1',
      appName: 'myapp',
      hostname: 'myhost.example',
      utc: true,
    });
    const logger = getLogger('rfc5424');
    logger.addHandler(handler);
    logger.setLevel('DEBUG');
    const sd = {
      'origin@32473': { ip: '10.0.0.1', software: 'logweave' },
      'meta@32473': { note: 'a "quoted" ]bracket\\' },
    };
    logger.debug(
      'Message with structured data',
      kw({ extra: { structured_data: sd, msgid: 'STRUCT' } }),
    );
    logger.info('Message without structured data');
    logger.warning('Non-ASCII: héllo', kw({ extra: { msgid: 'UTF8' } }));
    await handler.drain();
    handler.close();
    if (!target) {
      for (let i = 0; i < 50 && lines.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
      for (const l of lines)
        process.stdout.write(`${l.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/, '<timestamp>')}\n`);
    }
    sock.close();
  },
};
