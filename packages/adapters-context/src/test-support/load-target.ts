// Worker-thread side of the no-cross-talk load test: the file handler the
// WorkerQueueHandler's worker writes through.
import { FileHandler, Formatter } from '@logweave/core';

export default function target(options: { path: string }): FileHandler {
  const h = new FileHandler(options.path);
  h.setFormatter(new Formatter('%(requestId)s|%(message)s'));
  return h;
}
