/** Counters of one source (a TCP port, a UDP port, a ZeroMQ or NNG socket). */
export interface SourceCounts {
  /** Records received and handed to the logging tree. */
  readonly received: number;
  /** Frames refused (malformed, hostile, oversized); nothing was dispatched for them. */
  readonly refused: number;
  /** Open connections, where the transport has them (TCP). */
  readonly connections?: number;
}

/** Anything the metrics can read counts from, by source name. */
export interface CountingSource {
  readonly name: string;
  counts(): SourceCounts;
}

/**
 * The listener's counters, rendered in the Prometheus text exposition format (version 0.0.4).
 * Sources own their counts (read at scrape time); handler errors are counted here.
 */
export class ListenerMetrics {
  /** Errors reported by handlers (`handleError`) or thrown while dispatching a record. */
  handlerErrors = 0;
  /** True once shutdown has begun (no new records are accepted). */
  draining = false;
  readonly startedAt = Date.now();

  constructor(readonly sources: readonly CountingSource[]) {}

  /** Records received over every source. */
  get received(): number {
    let n = 0;
    for (const s of this.sources) n += s.counts().received;
    return n;
  }

  /** Frames refused over every source. */
  get refused(): number {
    let n = 0;
    for (const s of this.sources) n += s.counts().refused;
    return n;
  }

  /** A plain summary (what the CLI prints when it stops). */
  summary(): {
    received: number;
    refused: number;
    handlerErrors: number;
    sources: Record<string, SourceCounts>;
  } {
    const sources: Record<string, SourceCounts> = {};
    for (const s of this.sources) {
      const c = s.counts();
      sources[s.name] = { received: c.received, refused: c.refused };
    }
    return {
      received: this.received,
      refused: this.refused,
      handlerErrors: this.handlerErrors,
      sources,
    };
  }

  /** The Prometheus text format of every counter. */
  render(): string {
    const out: string[] = [];
    const metric = (name: string, type: string, help: string, rows: [string, number][]): void => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, v] of rows) out.push(`${name}${labels} ${v}`);
    };
    const per = (pick: (c: SourceCounts) => number | undefined): [string, number][] => {
      const rows: [string, number][] = [];
      for (const s of this.sources) {
        const v = pick(s.counts());
        if (v !== undefined) rows.push([`{source="${escapeLabel(s.name)}"}`, v]);
      }
      return rows;
    };
    metric('logweave_listener_up', 'gauge', '1 while the listener accepts records.', [
      ['', this.draining ? 0 : 1],
    ]);
    metric(
      'logweave_listener_records_received_total',
      'counter',
      'Records received and dispatched, over every source.',
      [['', this.received]],
    );
    metric(
      'logweave_listener_source_records_received_total',
      'counter',
      'Records received and dispatched, per source.',
      per((c) => c.received),
    );
    metric(
      'logweave_listener_source_frames_refused_total',
      'counter',
      'Frames refused (malformed, hostile or oversized) and dropped, per source.',
      per((c) => c.refused),
    );
    metric(
      'logweave_listener_source_connections',
      'gauge',
      'Connections open now, per connection-oriented source.',
      per((c) => c.connections),
    );
    metric(
      'logweave_listener_handler_errors_total',
      'counter',
      'Errors reported by the configured handlers while writing records.',
      [['', this.handlerErrors]],
    );
    metric('logweave_listener_uptime_seconds', 'gauge', 'Seconds since the listener started.', [
      ['', Math.floor((Date.now() - this.startedAt) / 1000)],
    ]);
    return `${out.join('\n')}\n`;
  }
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
