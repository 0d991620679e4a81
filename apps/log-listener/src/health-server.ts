import { createServer, type Server } from 'node:http';
import type { ListenerMetrics } from './listener-metrics.js';

/**
 * The health and metrics endpoint: `GET /healthz` answers `200 ok` while the listener accepts
 * records (`503 draining` during shutdown), `GET /metrics` the counters in Prometheus text
 * format. Anything else is a 404.
 */
export class HealthServer {
  readonly server: Server;

  constructor(readonly metrics: ListenerMetrics) {
    this.server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
      } else if (path === '/healthz') {
        const ok = !this.metrics.draining;
        res
          .writeHead(ok ? 200 : 503, { 'content-type': 'text/plain; charset=utf-8' })
          .end(ok ? 'ok\n' : 'draining\n');
      } else if (path === '/metrics') {
        res
          .writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
          .end(this.metrics.render());
      } else {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      }
    });
  }

  /** Starts listening; resolves with the base URL. */
  listen(port: number, host: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const a = this.server.address();
        const p = typeof a === 'object' && a !== null ? a.port : port;
        resolve(`http://${host.includes(':') ? `[${host}]` : host}:${p}`);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
