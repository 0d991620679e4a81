// Runs in the WorkerQueueHandler's worker thread (trace fixtures): writes each record's
// message and trace fields as a JSON line. No span is active here: the fields must have been
// set on the calling thread.
import { appendFileSync } from 'node:fs';
import { Handler } from '@logweave/core';

class JsonLines extends Handler {
  constructor(path) {
    super();
    this.path = path;
  }
  emit(record) {
    const { msg, otelTraceID, otelSpanID, otelTraceSampled } = record;
    appendFileSync(
      this.path,
      `${JSON.stringify({ msg, otelTraceID, otelSpanID, otelTraceSampled })}\n`,
    );
  }
}

export default function target(options) {
  return new JsonLines(options.path);
}
