import { once } from 'node:events';
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DEBUG, FileHandler, Formatter, getLogger, type LogRecord } from '@logweave/core';
import {
  ContextFilter,
  ContextVar,
  enableTaskNames,
  taskNameVar,
} from '@logweave/adapters-context';
import type { Recipe } from '../../recipe.js';
import { useful } from './webapplib.js';

const logger = getLogger('main');
const root = getLogger();

/** A dummy request: HTTP method, client IP and user name. */
interface Request {
  method: string;
  ip: string;
  user: string;
}

// The dummy requests the simulation chooses from: GETs from 192.168.2.x, POSTs from 192.168.3.x.
export const REQUESTS: readonly Request[] = [
  { method: 'GET', ip: '192.168.2.20', user: 'jim' },
  { method: 'POST', ip: '192.168.3.20', user: 'fred' },
  { method: 'GET', ip: '192.168.2.21', user: 'sheila' },
  { method: 'POST', ip: '192.168.3.21', user: 'jim' },
  { method: 'GET', ip: '192.168.2.22', user: 'fred' },
  { method: 'POST', ip: '192.168.3.22', user: 'sheila' },
];

/** How many requests are simulated, and which app and request each one is (deterministic). */
export const COUNT = 40;
export function choose(i: number): { app: number; request: number } {
  return { app: (i * 7) % 3 === 0 ? 1 : 0, request: (i * 5 + 1) % REQUESTS.length };
}

// The format refers to the request's context. Python shows the handling thread; a Node
// request is a task on the event loop, so it shows the task's name.
const formatter = new Formatter(
  '%(taskName)-11s %(appName)s %(name)-9s %(user)-6s %(ip)s %(method)-4s %(message)s',
);

// The context variables, filled in at the start of each request.
const ctxMethod = new ContextVar<string>('method');
const ctxIp = new ContextVar<string>('ip');
const ctxUser = new ContextVar<string>('user');
const ctxAppName = new ContextVar<string>('appName');

/**
 * Injects the request's context into records and keeps only the records of its own web app
 * (the cookbook's InjectingFilter, as a ContextFilter subclass).
 */
class InjectingFilter extends ContextFilter {
  constructor(readonly app: WebApp) {
    super([ctxMethod, ctxIp, ctxUser, ctxAppName]);
  }

  override filter(record: LogRecord): boolean {
    super.filter(record);
    return record.appName === this.app.name;
  }
}

/** A web application with its own log file, serving real HTTP requests. */
class WebApp {
  numRequests = 0;
  readonly server: Server;

  constructor(
    readonly name: string,
    outDir: string,
  ) {
    const handler = new FileHandler(join(outDir, `${name}.log`), 'w');
    handler.setFormatter(formatter);
    handler.addFilter(new InjectingFilter(this));
    root.addHandler(handler);
    this.server = createServer((req, res) => {
      const request = {
        method: req.method ?? '?',
        ip: String(req.headers['x-forwarded-for']),
        user: String(req.headers['x-user']),
      };
      const task = String(req.headers['x-task']);
      void this.processRequest(request, task).then(() => res.end('ok'));
    });
  }

  /** Stores the request context before doing anything else, then handles the request. */
  processRequest(request: Request, task: string): Promise<void> {
    return taskNameVar.run(task, () =>
      ctxMethod.run(request.method, () =>
        ctxIp.run(request.ip, () =>
          ctxUser.run(request.user, () =>
            ctxAppName.run(this.name, async () => {
              this.numRequests++;
              logger.debug('Request processing started');
              await useful();
              logger.debug('Request processing finished');
            }),
          ),
        ),
      ),
    );
  }
}

/** Recipe 12: two web apps in one process; async context feeds each app's own log. */
export const contextvars: Recipe = {
  number: 12,
  id: 'contextvars',
  title: 'Use of contextvars',
  async run({ outDir }) {
    // Records take taskName from the async context (Python: the asyncio task's name).
    enableTaskNames();
    root.setLevel(DEBUG);
    const apps = [new WebApp('app1', outDir), new WebApp('app2', outDir)];
    // A shared handler to capture all events.
    const handler = new FileHandler(join(outDir, 'app.log'), 'w');
    handler.setFormatter(formatter);
    root.addHandler(handler);

    const ports: number[] = [];
    for (const app of apps) {
      app.server.listen(0, '127.0.0.1');
      await once(app.server, 'listening');
      ports.push((app.server.address() as AddressInfo).port);
    }
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const send = (i: number): Promise<void> => {
      const { app, request } = choose(i);
      const r = REQUESTS[request]!;
      return new Promise((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port: ports[app],
            method: r.method,
            agent,
            headers: { 'x-forwarded-for': r.ip, 'x-user': r.user, 'x-task': `Request-${i + 1}` },
          },
          (res) => {
            res.resume();
            res.on('end', resolve);
          },
        );
        req.on('error', reject);
        req.end();
      });
    };
    // All requests at once: they interleave on the event loop as threads would.
    await Promise.all(Array.from({ length: COUNT }, (_, i) => send(i)));
    agent.destroy();
    for (const app of apps) app.server.close();
    for (const app of apps) {
      process.stdout.write(`${app.name} processed ${app.numRequests} requests\n`);
    }
  },
};
