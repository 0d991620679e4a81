import type { LogRecord } from '@logweave/core';
import { LogRecordDatagramReceiver } from '@logweave/handlers-net';
import type { UdpSourceConfig } from '../listener-config.js';
import type { SourceCounts } from '../listener-metrics.js';
import type { Dispatch, ReportError, Source } from './source.js';

class CountingDatagramReceiver extends LogRecordDatagramReceiver {
  dispatched = 0;
  constructor(
    options: ConstructorParameters<typeof LogRecordDatagramReceiver>[0],
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
 * `sources.udp`: `LogRecordDatagramReceiver` (one length-prefixed pickle or JSON frame per
 * datagram, as CPython's `DatagramHandler` sends). UDP can lose datagrams before they arrive;
 * what arrives is dispatched as it arrives.
 */
export class UdpSource implements Source {
  readonly name = 'udp';
  readonly receiver: CountingDatagramReceiver;

  constructor(config: UdpSourceConfig, dispatch: Dispatch, report: ReportError) {
    this.receiver = new CountingDatagramReceiver(
      {
        host: config.host ?? '127.0.0.1',
        port: config.port ?? 9021,
        onError: (e, peer) => report(this.name, e, peer),
      },
      dispatch,
    );
  }

  async start(): Promise<string> {
    const a = await this.receiver.listen();
    return `udp://${a.host}:${a.port}`;
  }

  stop(): Promise<void> {
    return this.receiver.close();
  }

  counts(): SourceCounts {
    return { received: this.receiver.dispatched, refused: this.receiver.refused };
  }
}
