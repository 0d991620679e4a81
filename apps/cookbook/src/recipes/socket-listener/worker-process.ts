import { getLogger, INFO } from '@logweave/core';
import { SocketHandler } from '@logweave/handlers-net';

// One worker of recipe 9: logs what it does to the listener's TCP port (argv: port, name,
// count), waits until every record is delivered, and exits.
const [port, name, count] = process.argv.slice(2);
const handler = new SocketHandler('127.0.0.1', Number(port), { serializer: 'json' });
const root = getLogger();
root.setLevel(INFO);
root.addHandler(handler);
const log = getLogger(`app.${name}`);
for (let i = 1; i <= Number(count); i++) log.info('handled request %d', i);
log.warning('%s done', name);
const delivered = await handler.flushAsync(30_000);
process.exitCode = delivered && handler.dropped === 0 ? 0 : 1;
