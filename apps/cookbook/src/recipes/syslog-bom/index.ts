import * as dgram from 'node:dgram';
import { Formatter, getLogger } from '@logweave/core';
import { SysLogHandler } from '@logweave/handlers-net';
import type { Recipe } from '../../recipe.js';

/**
 * The format of the recipe: an RFC 5424-style ASCII header, then U+FEFF (the BOM, which
 * SysLogHandler encodes as UTF-8 `EF BB BF`), then the message in UTF-8.
 */
export const BOM_FORMAT = '1 - myhost myapp - - - \ufeff%(message)s';

/** The message logged: non-ASCII text after the BOM. */
export const BOM_MESSAGE = 'Unicode section: héllo wörld ✓';

/** Recipe 23: a SysLogHandler message with a BOM between its ASCII part and its UTF-8 text. */
export const syslogBom: Recipe = {
  number: 23,
  id: 'syslog-bom',
  title: 'Inserting a BOM into messages sent to a SysLogHandler',
  async run() {
    // A syslog "daemon" on loopback that shows the bytes it receives (set
    // LOGWEAVE_SYSLOG_UDP=host:port to send to a real one instead).
    const target = process.env.LOGWEAVE_SYSLOG_UDP;
    const sock = dgram.createSocket('udp4');
    const received = new Promise<Buffer>((resolve) => sock.once('message', resolve));
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
    const [host, port] = target
      ? [
          target.slice(0, target.lastIndexOf(':')),
          Number(target.slice(target.lastIndexOf(':') + 1)),
        ]
      : ['127.0.0.1', sock.address().port];
    const handler = new SysLogHandler({ address: [host, port], facility: 'local0' });
    handler.append_nul = false;
    handler.setFormatter(new Formatter(BOM_FORMAT));
    const logger = getLogger('bom');
    logger.addHandler(handler);
    logger.setLevel('INFO');
    logger.info(BOM_MESSAGE);
    await handler.drain();
    if (!target) {
      const bytes = await received;
      const bom = bytes.indexOf(Buffer.from([0xef, 0xbb, 0xbf]));
      process.stdout.write(`wire bytes (${bytes.length}): ${bytes.toString('hex')}\n`);
      process.stdout.write(`ASCII part: ${bytes.subarray(0, bom).toString('latin1')}\n`);
      process.stdout.write(`BOM at byte ${bom}: ${bytes.subarray(bom, bom + 3).toString('hex')}\n`);
      process.stdout.write(`UTF-8 part: ${bytes.subarray(bom + 3).toString('utf8')}\n`);
    }
    handler.close();
    sock.close();
  },
};
