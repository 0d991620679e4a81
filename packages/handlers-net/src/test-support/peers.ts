/** Python programs the interop tests run (kept here, as text, so that each test reads as a story). */

/** Typed JSON of a value: ints as strings (exact), with Python's type name. */
export const PY_TYPED = `
import json
def typed(v):
    t = type(v).__name__
    if isinstance(v, bool): return ['bool', v]
    if isinstance(v, int): return ['int', str(v)]
    if isinstance(v, float): return ['float', repr(v)]
    if isinstance(v, (list, tuple)): return [t, [typed(x) for x in v]]
    if isinstance(v, dict): return ['dict', {str(k): typed(x) for k, x in v.items()}]
    if isinstance(v, bytes): return ['bytes', v.hex()]
    if v is None: return ['NoneType', None]
    return [t, v if isinstance(v, str) else repr(v)]
`;

/**
 * CPython's SocketHandler (or DatagramHandler), logging the interop records; prints one line
 * per record: the typed dict CPython's own makePickle sent. argv: kind host port|'' .
 */
export const PY_SENDER = `${PY_TYPED}
import logging, logging.handlers, pickle, sys, time
kind, host, port = sys.argv[1], sys.argv[2], sys.argv[3]
port = int(port) if port else None
cls = logging.handlers.SocketHandler if kind == 'stream' else logging.handlers.DatagramHandler
sent = []
class Recording(cls):
    def makePickle(self, record):
        s = super().makePickle(record)
        sent.append(pickle.loads(s[4:]))
        return s
h = Recording(host, port)
log = logging.getLogger('interop.py')
log.setLevel(logging.DEBUG)
log.propagate = False
log.addHandler(h)
log.info('%s has %d items', 'Zoë', 3, extra={'user': '日本語 ✓', 'big': 2**70, 'flag': True, 'ratio': 0.5, 'tags': ['a', 1], 'ctx': {'k': 'v'}})
log.warning('x' * 5000)
try:
    1 / 0
except ZeroDivisionError:
    log.exception('failed: %s', 'division')
log.debug('done', extra={'n': -7})
h.close()
for d in sent:
    print(json.dumps(typed(d)))
`;

/**
 * The cookbook's network receiver (LogRecordStreamHandler + LogRecordSocketReceiver), with
 * handleLogRecord printing the typed record dict and getMessage() instead of logging.
 * argv: host port|path . Prints 'READY <port>' first.
 */
export const PY_RECEIVER = `${PY_TYPED}
import logging, pickle, socketserver, struct, sys, threading
host, port = sys.argv[1], sys.argv[2]
lock = threading.Lock()
class LogRecordStreamHandler(socketserver.StreamRequestHandler):
    def handle(self):
        while True:
            chunk = self.connection.recv(4)
            if len(chunk) < 4:
                break
            slen = struct.unpack('>L', chunk)[0]
            chunk = self.connection.recv(slen)
            while len(chunk) < slen:
                chunk = chunk + self.connection.recv(slen - len(chunk))
            obj = self.unPickle(chunk)
            record = logging.makeLogRecord(obj)
            self.handleLogRecord(record)
    def unPickle(self, data):
        return pickle.loads(data)
    def handleLogRecord(self, record):
        with lock:
            print(json.dumps({'dict': typed(record.__dict__), 'message': record.getMessage()}), flush=True)
if port == 'unix':
    class Server(socketserver.ThreadingUnixStreamServer):
        daemon_threads = True
    server = Server(host, LogRecordStreamHandler)
    print('READY unix', flush=True)
else:
    class Server(socketserver.ThreadingTCPServer):
        allow_reuse_address = True
        daemon_threads = True
        address_family = __import__('socket').AF_INET6 if ':' in host else __import__('socket').AF_INET
    server = Server((host, int(port)), LogRecordStreamHandler)
    print('READY', server.server_address[1], flush=True)
server.serve_forever()
`;

/** Typed value as PY_TYPED prints it. */
export type Typed = [string, unknown];

/** Typed form of a JavaScript value as our pickle writer would send it (for comparisons). */
export function typedJs(v: unknown, key: string | null = null): Typed {
  const floats = new Set(['created', 'msecs', 'relativeCreated']);
  if (typeof v === 'boolean') return ['bool', v];
  if (typeof v === 'bigint') return ['int', v.toString()];
  if (typeof v === 'number') {
    if (Number.isInteger(v) && !(key !== null && floats.has(key))) return ['int', String(v)];
    return ['float', pyFloatRepr(v)];
  }
  if (v === null || v === undefined) return ['NoneType', null];
  if (typeof v === 'string') return ['str', v];
  if (Array.isArray(v)) return ['list', v.map((x) => typedJs(x))];
  if (v instanceof Uint8Array) return ['bytes', Buffer.from(v).toString('hex')];
  return [
    'dict',
    Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, typedJs(x, k)])),
  ];
}

/** Python's repr() of a float (shortest round-trip, with '.0' for integral values). */
export function pyFloatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  const s = String(n);
  if (/e/.test(s)) {
    const [m, e] = s.split('e') as [string, string];
    const exp = Number(e);
    if (exp >= -4 && exp < 16)
      return Number.isInteger(n)
        ? `${n.toFixed(0)}.0`
        : n.toFixed(Math.max(0, -exp + (m.split('.')[1]?.length ?? 0)));
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (Math.abs(n) >= 1e16) {
    const [m, e] = n.toExponential().split('e') as [string, string];
    return `${m}e+${e.replace('+', '').padStart(2, '0')}`;
  }
  return Number.isInteger(n) ? `${s}.0` : s;
}

/**
 * A CPython UDP receiver for DatagramHandler frames (the cookbook has none): checks the length
 * prefix, unpickles, makeLogRecord, prints the typed dict and getMessage(). argv: host.
 */
export const PY_DGRAM_RECEIVER = `${PY_TYPED}
import logging, pickle, socket, struct, sys
host = sys.argv[1]
s = socket.socket(socket.AF_INET6 if ':' in host else socket.AF_INET, socket.SOCK_DGRAM)
s.bind((host, 0))
print('READY', s.getsockname()[1], flush=True)
while True:
    data, _ = s.recvfrom(70000)
    slen = struct.unpack('>L', data[:4])[0]
    assert slen == len(data) - 4, (slen, len(data))
    record = logging.makeLogRecord(pickle.loads(data[4:]))
    print(json.dumps({'dict': typed(record.__dict__), 'message': record.getMessage()}), flush=True)
`;
