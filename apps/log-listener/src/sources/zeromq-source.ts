import type { LogRecord } from '@logweave/core';
import { ZeroMQSocketListener } from '@logweave/queue-zeromq';
import type { ZeroMQSourceConfig } from '../listener-config.js';
import type { SourceCounts } from '../listener-metrics.js';
import type { Dispatch, ReportError, Source } from './source.js';

/**
 * `sources.zeromq`: a `ZeroMQSocketListener` (PULL by default, bound to `uri`) receiving the
 * JSON records of `ZeroMQSocketHandler` or pyzmq's `send_json`. Stopping dispatches every
 * frame that has already arrived, then closes the socket.
 */
export class ZeroMQSource implements Source {
  readonly name = 'zeromq';
  readonly listener: ZeroMQSocketListener;
  dispatched = 0;

  constructor(config: ZeroMQSourceConfig, dispatch: Dispatch, report: ReportError) {
    const handler = {
      handle: (record: LogRecord): void => {
        this.dispatched++;
        dispatch(record);
      },
    };
    this.listener = new ZeroMQSocketListener(config.uri, handler, {
      socketType: config.socketType ?? 'pull',
      bind: config.bind ?? true,
      ...(config.hwm === undefined ? {} : { hwm: config.hwm }),
      onReject: (frame, e) => report(this.name, e, `${frame.length}-byte frame`),
    });
  }

  async start(): Promise<string> {
    await this.listener.ready;
    this.listener.start();
    return `${this.listener.uri}(${this.listener.socketType})`;
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }

  counts(): SourceCounts {
    return { received: this.dispatched, refused: this.listener.rejected };
  }
}
