import type { LogRecord } from '@logweave/core';
import { LogRecordSocketReceiver } from '@logweave/handlers-net';
import type { TcpSourceConfig } from '../listener-config.js';
import type { SourceCounts } from '../listener-metrics.js';
import type { Dispatch, ReportError, Source } from './source.js';

/** The receiver, with every record sent to the listener's dispatcher and counted. */
class CountingSocketReceiver extends LogRecordSocketReceiver {
  dispatched = 0;
  constructor(
    options: ConstructorParameters<typeof LogRecordSocketReceiver>[0],
    readonly dispatch: Dispatch,
  ) {
    super(options);
  }

  override handleLogRecord(record: LogRecord): void {
    this.dispatched++;
    this.dispatch(record);
  }
}

/**
 * `sources.tcp`: `LogRecordSocketReceiver` from handlers-net (length-prefixed CPython pickles
 * and logweave JSON frames on one port, safe unpickler, bounded frames and connections).
 * Stopping closes the server and every connection; frames already read have been dispatched
 * (acknowledging logweave clients are told the final count, so they keep the rest).
 */
export class TcpSource implements Source {
  readonly name = 'tcp';
  readonly receiver: CountingSocketReceiver;

  constructor(config: TcpSourceConfig, dispatch: Dispatch, report: ReportError) {
    this.receiver = new CountingSocketReceiver(
      {
        host: config.host ?? '127.0.0.1',
        port: config.port ?? 9020,
        ...(config.path === undefined ? {} : { path: config.path }),
        ...(config.maxFrameSize === undefined ? {} : { maxFrameSize: config.maxFrameSize }),
        ...(config.maxConnections === undefined ? {} : { maxConnections: config.maxConnections }),
        ...(config.frameTimeout === undefined ? {} : { frameTimeout: config.frameTimeout }),
        onError: (e, peer) => report(this.name, e, peer),
      },
      dispatch,
    );
  }

  async start(): Promise<string> {
    const a = await this.receiver.listen();
    return a.path !== undefined ? `unix:${a.path}` : `tcp://${a.host}:${a.port}`;
  }

  /** The bound port (after `start()`). */
  get port(): number {
    const a = this.receiver.server.address();
    return typeof a === 'object' && a !== null ? a.port : 0;
  }

  stop(): Promise<void> {
    return this.receiver.close();
  }

  counts(): SourceCounts {
    const r = this.receiver;
    return { received: r.dispatched, refused: r.refused, connections: r.connections };
  }
}
