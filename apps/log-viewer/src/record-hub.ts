import type { ServerResponse } from 'node:http';
import type { ViewRecord } from './view-record.js';

/** Options of {@link RecordHub}. */
export interface RecordHubOptions {
  /** How often pending records are sent, as one batch per client (ms). @default 50 */
  flushMs?: number;
  /** Records kept for pages that connect later. @default 500 */
  history?: number;
  /** Bytes a slow page may have unsent before its batches are dropped (and counted). @default 8 MiB */
  maxClientBacklog?: number;
}

interface Client {
  res: ServerResponse;
  /** Records not sent to this page because it was too slow to read them. */
  dropped: number;
}

/**
 * Fans records out to connected pages over Server-Sent Events, in batches: one
 * `event: records` per flush interval whose data is a JSON array of {@link ViewRecord}s. A page
 * that stops reading is never allowed to grow the server's memory: past `maxClientBacklog` its
 * batches are dropped and it is told so (`event: gap` with the count) when it reads again.
 */
export class RecordHub {
  /** Records published so far. */
  published = 0;
  /** Records dropped for slow pages, all pages together. */
  droppedForSlowClients = 0;
  readonly #clients = new Set<Client>();
  readonly #history: ViewRecord[] = [];
  #pending: ViewRecord[] = [];
  #timer: NodeJS.Timeout | null = null;
  readonly #flushMs: number;
  readonly #historySize: number;
  readonly #maxBacklog: number;

  constructor(options: RecordHubOptions = {}) {
    this.#flushMs = options.flushMs ?? 50;
    this.#historySize = options.history ?? 500;
    this.#maxBacklog = options.maxClientBacklog ?? 8 * 1024 * 1024;
  }

  /** The number of connected pages. */
  get clients(): number {
    return this.#clients.size;
  }

  /** The next sequence number (records are numbered from 1). */
  nextSeq(): number {
    return this.published + 1;
  }

  /** Queues a record for every connected page. */
  publish(record: ViewRecord): void {
    this.published++;
    this.#pending.push(record);
    this.#history.push(record);
    if (this.#history.length > this.#historySize) this.#history.shift();
    this.#timer ??= setTimeout(() => this.flush(), this.#flushMs);
  }

  /** Sends the pending batch now. */
  flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const batch = this.#pending;
    if (batch.length === 0) return;
    this.#pending = [];
    const frame = `event: records\ndata: ${JSON.stringify(batch)}\n\n`;
    for (const c of this.#clients) this.#send(c, frame, batch.length);
  }

  /** Makes `res` an event stream, sends the recent history, and keeps it until it closes. */
  attach(res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    const client: Client = { res, dropped: 0 };
    res.write(`event: hello\ndata: ${JSON.stringify({ published: this.published })}\n\n`);
    if (this.#history.length > 0) {
      const recent = this.#history.filter((r) => !this.#pending.includes(r));
      if (recent.length > 0) res.write(`event: records\ndata: ${JSON.stringify(recent)}\n\n`);
    }
    this.#clients.add(client);
    res.on('close', () => this.#clients.delete(client));
  }

  /** Ends every page's stream and stops the flush timer. */
  close(): void {
    this.flush();
    for (const c of this.#clients) c.res.end();
    this.#clients.clear();
  }

  #send(c: Client, frame: string, count: number): void {
    if (c.res.writableLength > this.#maxBacklog) {
      c.dropped += count;
      this.droppedForSlowClients += count;
      return;
    }
    if (c.dropped > 0) {
      c.res.write(`event: gap\ndata: ${JSON.stringify({ dropped: c.dropped })}\n\n`);
      c.dropped = 0;
    }
    c.res.write(frame);
  }
}
