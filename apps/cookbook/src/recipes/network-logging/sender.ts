// The cookbook's sending end, run as its own process: everything logged goes to a
// SocketHandler (argv: host port).
import { DEBUG, getLogger, info, shutdown } from '@logweave/core';
import { SocketHandler } from '@logweave/handlers-net';

const [host = 'localhost', port = '9020'] = process.argv.slice(2);
const rootLogger = getLogger('');
rootLogger.setLevel(DEBUG);
const socketHandler = new SocketHandler(host, Number(port));
// There's no need for a formatter: the receiver formats the records.
rootLogger.addHandler(socketHandler);

// Now, we can log to the root logger, or any other logger. First the root...
info('Jackdaws love my big sphinx of quartz.');

// Now, define a couple of other loggers which might represent areas in your application:
const logger1 = getLogger('myapp.area1');
const logger2 = getLogger('myapp.area2');

logger1.debug('Quick zephyrs blow, vexing daft Jim.');
logger1.info('How quickly daft jumping zebras vex.');
logger2.warning('Jail zesty vixen who grabbed pay from quack.');
logger2.error('The five boxing wizards jump quickly.');

// Delivered before exit (shutdown() at exit would also write what the socket still holds).
await socketHandler.flushAsync(5000);
shutdown();
