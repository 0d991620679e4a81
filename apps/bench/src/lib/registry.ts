/** The scenarios the runner knows: their files, libraries and how their results are judged. */

/**
 * How a scenario is measured and verified:
 * - `throughput`: lines/s; the output file must hold exactly the expected number of lines;
 * - `disabled`: ns/call of calls below the level; the output file must stay empty;
 * - `format`: ns/record of formatting without I/O; the child checks its own output;
 * - `import`: ms of the library's cold `import` in a fresh process (one import per child,
 *   at least `minReps` children per library); nothing is written.
 */
export type Kind = 'throughput' | 'disabled' | 'format' | 'import';

/** One scenario: `dist/scenarios/<name>.js`. */
export interface ScenarioInfo {
  /** File name (without extension) under `scenarios/`, and the `--scenario` name. */
  name: string;
  /** One line for the report. */
  title: string;
  /** How it is measured and verified. */
  kind: Kind;
  /** Libraries (setup names exported by the scenario file), in report order. */
  libraries: readonly string[];
  /** Calls per run relative to `--lines` (cheap scenarios make more calls). */
  linesFactor: number;
  /** The library the ratio column divides by. */
  baseline: string;
  /**
   * Count the lines of every file of the rotated set (`<stem>.log`, `<stem>.log.N`,
   * `<stem>.N.log`), not only the output file.
   */
  countRotated?: boolean;
  /** Fewest repetitions per library, whatever `--reps` says (noisy, short measurements). */
  minReps?: number;
}

const PEERS = ['logweave', 'pino', 'bunyan', 'winston', 'log4js', 'logtape'] as const;

/** Every scenario, in run order. */
export const SCENARIOS: readonly ScenarioInfo[] = [
  {
    name: 'basic',
    title: "info('hello world') to a file",
    kind: 'throughput',
    libraries: [...PEERS, 'reference'],
    linesFactor: 1,
    baseline: 'pino',
  },
  {
    name: 'interp',
    title: "info('hello %s %d', 'world', i) to a file",
    kind: 'throughput',
    libraries: PEERS,
    linesFactor: 1,
    baseline: 'pino',
  },
  {
    name: 'object',
    title: 'five structured fields as one JSON line each, to a file',
    kind: 'throughput',
    libraries: PEERS,
    linesFactor: 1,
    baseline: 'pino',
  },
  {
    name: 'child',
    title: 'a child logger / adapter with two context fields, to a file',
    kind: 'throughput',
    libraries: PEERS,
    linesFactor: 1,
    baseline: 'pino',
  },
  {
    name: 'text-format',
    title:
      "'%(asctime)s %(levelname)-8s %(name)s %(message)s' (each library's text layout) to a file",
    kind: 'throughput',
    libraries: ['logweave', 'winston', 'log4js', 'logtape'],
    linesFactor: 1,
    baseline: 'logtape',
  },
  {
    name: 'disabled',
    title: "debug('hello world') on an INFO logger (nothing written)",
    kind: 'disabled',
    libraries: PEERS,
    linesFactor: 10,
    baseline: 'pino',
  },
  {
    name: 'format',
    title: 'Formatter.format(record) only, no I/O, against a hand-written template literal',
    kind: 'format',
    libraries: ['handwritten', 'logweave-percent', 'logweave-brace', 'logweave-dollar'],
    linesFactor: 5,
    baseline: 'handwritten',
  },
  {
    name: 'queue',
    title:
      "main-thread cost of info('hello world') when a worker thread writes the file (calls timed, not the drain)",
    kind: 'throughput',
    libraries: ['logweave', 'logweave-inprocess', 'logweave-direct', 'pino-thread'],
    linesFactor: 1,
    baseline: 'pino-thread',
  },
  {
    name: 'rotating',
    title:
      "info('hello world') to a file rotated at 10 MB with 5 backups (1,000,000 lines by default)",
    kind: 'throughput',
    libraries: ['logweave-rotating', 'logweave-file', 'pino-roll', 'rotating-file-stream'],
    linesFactor: 10,
    baseline: 'logweave-file',
    countRotated: true,
  },
  {
    name: 'push-pull',
    title:
      '100-byte messages pushed over loopback TCP to a PULL socket in another process (nng-ts, libnng in C, nngcat, zeromq.js)',
    kind: 'throughput',
    libraries: ['nng-ts', 'libnng', 'nngcat', 'zeromq'],
    linesFactor: 10,
    baseline: 'libnng',
  },
  {
    name: 'syslog-udp',
    title: "info('hello world') as RFC 3164 syslog over UDP to a receiver process (until received)",
    kind: 'throughput',
    libraries: ['logweave', 'pino', 'winston'],
    linesFactor: 1,
    baseline: 'pino',
  },
  {
    name: 'context-adapter',
    title:
      "a child logger / adapter with two fields (a parent's and a child's), JSON lines to a file",
    kind: 'throughput',
    libraries: ['logweave', 'logweave-core', 'pino'],
    linesFactor: 1,
    baseline: 'pino',
  },
  {
    name: 'syslog-tcp',
    title:
      "info('hello world') as RFC 3164 syslog over TCP (LF framing) to a receiver process (until received)",
    kind: 'throughput',
    libraries: ['logweave', 'pino', 'winston'],
    linesFactor: 1,
    baseline: 'pino',
  },
  {
    name: 'otlp',
    title: "info('hello world') as OTLP/HTTP logs to a receiver process (until received)",
    kind: 'throughput',
    libraries: ['logweave', 'logweave-json', 'winston-otel'],
    linesFactor: 1,
    baseline: 'winston-otel',
  },
  {
    name: 'socket',
    title:
      "info('hello world %d', i) over loopback TCP to a receiver process that decodes each record and writes its message (until the last line is written)",
    kind: 'throughput',
    libraries: ['logweave', 'pino-socket'],
    linesFactor: 1,
    baseline: 'pino-socket',
  },
  {
    name: 'context-filter',
    title:
      'two fields from AsyncLocalStorage (ContextFilter) against the same line with constant fields',
    kind: 'throughput',
    libraries: ['logweave-context', 'logweave-static', 'pino-mixin'],
    linesFactor: 1,
    baseline: 'logweave-static',
  },
  {
    name: 'redact',
    title: 'a request object with three secrets as JSON lines, redacted and not',
    kind: 'throughput',
    libraries: ['logweave-redact', 'logweave-redact-deep', 'logweave', 'pino-redact', 'pino'],
    linesFactor: 1,
    baseline: 'pino-redact',
  },
  {
    name: 'redact-only',
    title:
      "the redaction step alone (no formatting, no I/O): RedactingFilter against pino's redact",
    kind: 'format',
    libraries: ['logweave-redact', 'pino-redact'],
    linesFactor: 5,
    baseline: 'pino-redact',
  },
  {
    name: 'transport',
    title:
      "records/s handler → loopback → listener → file, end to end, one process (info('hello world'))",
    kind: 'throughput',
    libraries: ['zeromq', 'zeromq-pub', 'queue-nng', 'socket', 'socket-json', 'inprocess'],
    linesFactor: 1,
    baseline: 'zeromq',
  },
  {
    name: 'import',
    title: "cold `import` of the library's main entry in a fresh process",
    kind: 'import',
    libraries: PEERS,
    linesFactor: 1,
    baseline: 'pino',
    minReps: 15,
  },
  {
    name: 'listener',
    title:
      'records/s received and written by a socket listener, 8 producer processes over loopback TCP',
    kind: 'throughput',
    libraries: ['log-listener', 'log-listener-pickle', 'cpython'],
    linesFactor: 1,
    baseline: 'cpython',
  },
];
