import {
  BufferingHandler,
  FileHandler,
  Filter,
  Formatter,
  MemoryHandler,
  NullHandler,
  Queue,
  QueueHandler,
  QueueListener,
  StreamHandler,
} from '@logweave/core';

/** Where a Python class name comes from, and its constructor's Python parameters. */
export interface KnownClass {
  /** Python's dotted name (`logging.handlers.RotatingFileHandler`). */
  readonly python: string;
  /** The npm package that exports it. */
  readonly pkg: string;
  /** The export's name in that package. */
  readonly exportName: string;
  /** Python's positional parameters, in order (keywords map onto them). */
  readonly params: readonly string[];
  /** Keyword-only parameters, passed as one options object after the positional ones. */
  readonly kwOnly?: readonly string[];
  /** Parameters holding a level (a level name is turned into its number). */
  readonly levelParams?: readonly string[];
  /** Parameters Python's dictConfig turns from a list into a tuple (kept as arrays here). */
  readonly tupleParams?: readonly string[];
  /** Whether the file-opening `delay` parameter exists (files are opened after the swap). */
  readonly opensFile?: boolean;
}

const CORE = '@logweave/core';
const FILE = '@logweave/handlers-file';
const NET = '@logweave/handlers-net';

const FILE_PARAMS = ['filename', 'mode', 'encoding', 'delay', 'errors'];

/** Every Python class name configuration resolves to one of ours. */
export const KNOWN_CLASSES: readonly KnownClass[] = [
  {
    python: 'logging.Formatter',
    pkg: CORE,
    exportName: 'Formatter',
    params: ['fmt', 'datefmt', 'style', 'validate'],
    kwOnly: ['defaults'],
  },
  { python: 'logging.Filter', pkg: CORE, exportName: 'Filter', params: ['name'] },
  { python: 'logging.StreamHandler', pkg: CORE, exportName: 'StreamHandler', params: ['stream'] },
  {
    python: 'logging.FileHandler',
    pkg: CORE,
    exportName: 'FileHandler',
    params: FILE_PARAMS,
    opensFile: true,
  },
  { python: 'logging.NullHandler', pkg: CORE, exportName: 'NullHandler', params: [] },
  {
    python: 'logging.handlers.BufferingHandler',
    pkg: CORE,
    exportName: 'BufferingHandler',
    params: ['capacity'],
  },
  {
    python: 'logging.handlers.MemoryHandler',
    pkg: CORE,
    exportName: 'MemoryHandler',
    params: ['capacity', 'flushLevel', 'target', 'flushOnClose'],
    levelParams: ['flushLevel'],
  },
  {
    python: 'logging.handlers.QueueHandler',
    pkg: CORE,
    exportName: 'QueueHandler',
    params: ['queue'],
    kwOnly: ['whenFull'],
  },
  {
    python: 'logging.handlers.QueueListener',
    pkg: CORE,
    exportName: 'QueueListener',
    params: ['queue'],
  },
  { python: 'queue.Queue', pkg: CORE, exportName: 'Queue', params: ['maxsize'] },
  {
    python: 'logging.handlers.RotatingFileHandler',
    pkg: FILE,
    exportName: 'RotatingFileHandler',
    params: ['filename', 'mode', 'maxBytes', 'backupCount', 'encoding', 'delay', 'errors'],
    opensFile: true,
  },
  {
    python: 'logging.handlers.TimedRotatingFileHandler',
    pkg: FILE,
    exportName: 'TimedRotatingFileHandler',
    params: [
      'filename',
      'when',
      'interval',
      'backupCount',
      'encoding',
      'delay',
      'utc',
      'atTime',
      'errors',
    ],
    opensFile: true,
  },
  {
    python: 'logging.handlers.WatchedFileHandler',
    pkg: FILE,
    exportName: 'WatchedFileHandler',
    params: FILE_PARAMS,
    opensFile: true,
  },
  {
    python: 'logging.handlers.SocketHandler',
    pkg: NET,
    exportName: 'SocketHandler',
    params: ['host', 'port'],
  },
  {
    python: 'logging.handlers.DatagramHandler',
    pkg: NET,
    exportName: 'DatagramHandler',
    params: ['host', 'port'],
  },
  {
    python: 'logging.handlers.SysLogHandler',
    pkg: NET,
    exportName: 'SysLogHandler',
    params: ['address', 'facility', 'socktype'],
    tupleParams: ['address'],
  },
  {
    python: 'logging.handlers.HTTPHandler',
    pkg: NET,
    exportName: 'HTTPHandler',
    params: ['host', 'url', 'method', 'secure', 'credentials', 'context'],
  },
  {
    python: 'logging.handlers.SMTPHandler',
    pkg: NET,
    exportName: 'SMTPHandler',
    params: ['mailhost', 'fromaddr', 'toaddrs', 'subject', 'credentials', 'secure', 'timeout'],
    tupleParams: ['mailhost'],
  },
];

/** Known classes by Python name. */
export const BY_PYTHON_NAME: ReadonlyMap<string, KnownClass> = new Map(
  KNOWN_CLASSES.map((k) => [k.python, k]),
);

/** The classes that ship in core, loaded without an import. */
export const CORE_EXPORTS: Readonly<Record<string, unknown>> = {
  BufferingHandler,
  FileHandler,
  Filter,
  Formatter,
  MemoryHandler,
  NullHandler,
  Queue,
  QueueHandler,
  QueueListener,
  StreamHandler,
};

/** Known classes by constructor, filled as packages load (for subclasses' parameter lists). */
export const BY_CONSTRUCTOR = new Map<unknown, KnownClass>();
for (const k of KNOWN_CLASSES) {
  if (k.pkg === CORE) BY_CONSTRUCTOR.set(CORE_EXPORTS[k.exportName], k);
}

/** The known class a constructor is or extends, or null. */
export function knownClassOf(ctor: unknown): KnownClass | null {
  let c: unknown = ctor;
  while (typeof c === 'function') {
    const k = BY_CONSTRUCTOR.get(c);
    if (k) return k;
    c = Object.getPrototypeOf(c);
  }
  return null;
}

/** Whether `ctor` is `base` or a subclass of it. */
export function isSubclass(ctor: unknown, base: unknown): boolean {
  return (
    typeof ctor === 'function' &&
    typeof base === 'function' &&
    (ctor === base || ctor.prototype instanceof base)
  );
}
