import { spawn, spawnSync } from 'node:child_process';

/** True when `python3` runs (CPython's own SocketHandler is the ninth producer). */
export const hasPython = spawnSync('python3', ['--version']).status === 0;

const PRODUCER = `
import logging, logging.handlers, sys
port, count = int(sys.argv[1]), int(sys.argv[2])
class Handler(logging.handlers.SocketHandler):
    # CPython's default connect/send timeout is 1 s, after which SocketHandler drops the
    # record silently; on a heavily loaded test machine the listener may take longer.
    def makeSocket(self, timeout=60):
        return super().makeSocket(timeout)
h = Handler('127.0.0.1', port)
log = logging.getLogger('load.py')
log.propagate = False
log.setLevel(logging.INFO)
log.addHandler(h)
for i in range(count):
    log.info('seq %d', i)
h.close()
print('done', count)
`;

/** Runs CPython's `logging.handlers.SocketHandler` sending `count` pickled records `seq <n>` on `load.py`. */
export function runPythonProducer(
  port: number,
  count: number,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('python3', ['-c', PRODUCER, String(port), String(count)]);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
