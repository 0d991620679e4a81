import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPython, runPython, runRecipe } from '../../test-support/run-recipe.js';
import { COUNT, choose, REQUESTS } from './index.js';

// The cookbook's program (threads, one per request) with the same deterministic choice of
// app and request, threads named as the Node tasks are.
const pythonTwin = `
from contextvars import ContextVar
import logging, threading, time
logger = logging.getLogger('main')
root = logging.getLogger()
root.setLevel(logging.DEBUG)
lib = logging.getLogger('webapplib')
def useful():
    lib.debug('Hello from webapplib!')
    time.sleep(0.01)
class Request:
    def __init__(self, method, ip, user):
        self.method = method; self.ip = ip; self.user = user
REQUESTS = [Request(r['method'], r['ip'], r['user']) for r in ${JSON.stringify(REQUESTS)}]
CHOICES = ${JSON.stringify(Array.from({ length: COUNT }, (_, i) => choose(i)))}
formatter = logging.Formatter('%(threadName)-11s %(appName)s %(name)-9s %(user)-6s %(ip)s %(method)-4s %(message)s')
ctx_request = ContextVar('request')
ctx_appname = ContextVar('appname')
class InjectingFilter(logging.Filter):
    def __init__(self, app):
        self.app = app
    def filter(self, record):
        request = ctx_request.get()
        record.method = request.method
        record.ip = request.ip
        record.user = request.user
        record.appName = appName = ctx_appname.get()
        return appName == self.app.name
class WebApp:
    def __init__(self, name):
        self.name = name
        handler = logging.FileHandler(name + '.log', 'w')
        f = InjectingFilter(self)
        handler.setFormatter(formatter)
        handler.addFilter(f)
        root.addHandler(handler)
        self.num_requests = 0
    def process_request(self, request):
        ctx_request.set(request)
        ctx_appname.set(self.name)
        self.num_requests += 1
        logger.debug('Request processing started')
        useful()
        logger.debug('Request processing finished')
app1 = WebApp('app1'); app2 = WebApp('app2'); apps = [app1, app2]
handler = logging.FileHandler('app.log', 'w')
handler.setFormatter(formatter)
root.addHandler(handler)
threads = []
for i, c in enumerate(CHOICES):
    app = apps[c['app']]; request = REQUESTS[c['request']]
    t = threading.Thread(target=app.process_request, args=(request,), name='Request-%d' % (i + 1))
    threads.append(t); t.start()
for t in threads:
    t.join()
for app in apps:
    print('%s processed %s requests' % (app.name, app.num_requests))
`;

const read = (dir: string, f: string) =>
  readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean);

describe('recipe 12, contextvars', () => {
  const run = runRecipe('contextvars');
  const expectedApp1 = Array.from({ length: COUNT }, (_, i) => choose(i)).filter(
    (c) => c.app === 0,
  ).length;

  it('exits cleanly and reports how many requests each app processed', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n').slice(0, 2)).toEqual([
      `app1 processed ${expectedApp1} requests`,
      `app2 processed ${COUNT - expectedApp1} requests`,
    ]);
  });

  it("keeps each app's records in its own log, and app1.log + app2.log = app.log", () => {
    const app1 = read(run.outDir, 'app1.log');
    const app2 = read(run.outDir, 'app2.log');
    const all = read(run.outDir, 'app.log');
    expect(app1.length).toBe(3 * expectedApp1);
    expect(app2.length).toBe(3 * (COUNT - expectedApp1));
    expect(all.length).toBe(app1.length + app2.length);
    expect(app1.every((l) => l.split(/\s+/)[1] === 'app1')).toBe(true);
    expect(app2.every((l) => l.split(/\s+/)[1] === 'app2')).toBe(true);
    expect([...app1, ...app2].sort()).toEqual([...all].sort());
  });

  it('writes each request with its own context on every line (exact lines of request 1)', () => {
    const { app, request } = choose(0);
    const r = REQUESTS[request]!;
    const own = read(run.outDir, 'app.log').filter((l) => l.startsWith('Request-1 '));
    const pad = (s: string, n: number) => s.padEnd(n);
    const prefix = `Request-1   app${app + 1} `;
    const tail = `${pad(r.user, 6)} ${r.ip} ${pad(r.method, 4)}`;
    expect(own).toEqual([
      `${prefix}${pad('main', 9)} ${tail} Request processing started`,
      `${prefix}webapplib ${tail} Hello from webapplib!`,
      `${prefix}${pad('main', 9)} ${tail} Request processing finished`,
    ]);
  });

  it.skipIf(!hasPython)(
    `writes the same lines as CPython's threaded recipe (order aside)${hasPython ? '' : ' [skipped: python3 not found]'}`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'cookbook-py-'));
      const py = runPython(pythonTwin, dir)!;
      expect(py.stderr).toBe('');
      expect(py.stdout).toBe(run.stdout.split('\n').slice(0, 2).join('\n') + '\n');
      for (const f of ['app1.log', 'app2.log', 'app.log']) {
        expect(read(run.outDir, f).sort(), f).toEqual(read(dir, f).sort());
      }
    },
  );
});
