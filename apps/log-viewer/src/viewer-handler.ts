import { Formatter, Handler, type Level, type LogRecord } from '@logweave/core';
import type { RecordHub } from './record-hub.js';
import { toViewRecord } from './view-record.js';

/** The Qt recipe's format: time, thread, level, message. */
export const VIEWER_FORMAT = '%(asctime)s %(threadName)-12s %(levelname)-8s %(message)s';

/**
 * A handler that shows records in the viewer page: the cookbook's `QtHandler`, with the hub in
 * place of the Qt signal. Attach it to any logger (or to the listener's loggers).
 */
export class ViewerHandler extends Handler {
  constructor(
    readonly hub: RecordHub,
    level?: Level,
  ) {
    super(level);
    this.setFormatter(new Formatter(VIEWER_FORMAT));
  }

  override emit(record: LogRecord): void {
    try {
      this.hub.publish(toViewRecord(record, this.formatter!, this.hub.nextSeq()));
    } catch (e) {
      this.handleError(record, e);
    }
  }

  override flush(): void {
    this.hub.flush();
  }
}
