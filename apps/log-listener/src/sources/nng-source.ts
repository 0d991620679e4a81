import type { LogRecord } from '@logweave/core';
import { NNGSocketListener } from '@logweave/queue-nng';
import type { NNGSourceConfig } from '../listener-config.js';
import type { SourceCounts } from '../listener-metrics.js';
import type { Dispatch, Source } from './source.js';

/**
 * `sources.nng`: an `NNGSocketListener` (SUB, listening on `url`, or dialing it with
 * `dial: true`) receiving the JSON records of `NNGSocketHandler` or the pynng recipe.
 * Stopping dispatches every message already received, then closes the socket.
 */
export class NNGSource implements Source {
  readonly name = 'nng';
  readonly listener: NNGSocketListener;
  dispatched = 0;

  constructor(config: NNGSourceConfig, dispatch: Dispatch) {
    const handler = {
      handle: (record: LogRecord): void => {
        this.dispatched++;
        dispatch(record);
      },
    };
    this.listener = new NNGSocketListener(config.url, handler, { dial: config.dial ?? false });
  }

  async start(): Promise<string> {
    await this.listener.ready;
    this.listener.start();
    const p = this.listener.port;
    return p !== undefined ? this.listener.url.replace(/:0$/, `:${p}`) : this.listener.url;
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }

  counts(): SourceCounts {
    return { received: this.dispatched, refused: this.listener.malformed };
  }
}
