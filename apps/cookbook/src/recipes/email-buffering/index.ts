import type { AddressInfo } from 'node:net';
import { Formatter, getLogger } from '@logweave/core';
import { BufferingSMTPHandler } from '@logweave/handlers-net';
import { SMTPServer } from 'smtp-server';
import type { Recipe } from '../../recipe.js';

/** Recipe 31: BufferingSMTPHandler mails records in batches of `capacity` to a real SMTP server. */
export const emailBuffering: Recipe = {
  number: 31,
  id: 'email-buffering',
  title: 'Sending logging messages to email, with buffering',
  async run() {
    // A real SMTP server (the smtp-server library) on loopback, printing what it receives.
    let mails = 0;
    const server = new SMTPServer({
      authOptional: true,
      logger: false,
      onData(stream, _session, cb) {
        let raw = '';
        stream.setEncoding('utf8');
        stream.on('data', (d: string) => {
          raw += d;
        });
        stream.on('end', () => {
          mails++;
          const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
          const lines = body.split('\r\n').filter((l) => l !== '');
          process.stdout.write(
            `mail ${mails}: ${lines.length} lines, ${lines[0]} .. ${lines.at(-1)}\n`,
          );
          cb();
        });
      },
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.server.address() as AddressInfo).port;

    const logger = getLogger('');
    logger.setLevel('DEBUG');
    const handler = new BufferingSMTPHandler({
      mailhost: ['127.0.0.1', port],
      fromaddr: 'me@example.com',
      toaddrs: ['you@example.com'],
      subject: 'Test logging',
      capacity: 10,
    });
    handler.setFormatter(new Formatter('%(levelname)-5s %(message)s'));
    logger.addHandler(handler);
    for (let i = 0; i < 102; i++) logger.info('Info index = %d', i);
    // Python's atexit shutdown flushes the last two records; here too, then waits for the mails.
    logger.removeHandler(handler);
    handler.close();
    await handler.drain();
    process.stdout.write(
      `${mails} mails, ${handler.mailer.delivered} records mailed, ${handler.dropped} dropped\n`,
    );
    await new Promise<void>((r) => server.close(() => r()));
  },
};
