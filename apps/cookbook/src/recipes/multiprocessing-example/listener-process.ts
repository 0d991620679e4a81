// The listener process of recipe 22: applies its own configuration, then hands every
// record it receives (on its log pipe, from the main process) to the logger named in it.
import { Socket } from 'node:net';
import {
  getLogger,
  getProcessName,
  LOG_PIPE_FD,
  type LogRecord,
  Queue,
  QueueListener,
  receiveFromStream,
} from '@logweave/core';
import { configListener } from './configs.js';
import { setupLogger } from './setup.js';

/**
 * Dispatches records to loggers based on the name in the received record, which then get
 * dispatched, by the logging system, to the handlers configured for those loggers.
 */
class MyHandler {
  handle(record: LogRecord): void {
    const logger = record.name === 'root' ? getLogger() : getLogger(record.name);
    if (logger.isEnabledFor(record.levelno)) {
      // The process name is transformed just to show that it's the listener doing the
      // logging to files and console.
      record.processName = `${getProcessName()} (for ${record.processName})`;
      logger.handle(record);
    }
  }
}

configListener(process.argv[2] ?? '.');
const q = new Queue();
const received = receiveFromStream(q, new Socket({ fd: LOG_PIPE_FD, writable: false }), 'main');
const listener = new QueueListener(q, new MyHandler());
listener.start();
// The setup logger exists here, but configListener() disabled it.
setupLogger.critical('Should not appear, because of disabled logger ...');
// Python waits for the stop event; here the main process ends the pipe.
await received.done;
await listener.stop();
