// The package's runtime entry: tsc's ESM output (dist/*.js, ~70 files) joined by esbuild
// into dist/bundle/. Resolving and evaluating one file instead of seventy is most of a cold
// `import '@logweave/core'` (apps/bench, scenario `import`). Types stay tsc's (dist/*.d.ts);
// the source maps chain through tsc's to src/*.ts.
//
// Two entries share one chunk: index.js (the package) and worker-entry.js (the thread of a
// WorkerQueueHandler, found next to the module that starts it). The worker's target module
// imports '@logweave/core' and so meets the same classes (LogRecord, Handler) as the entry.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const outdir = join(dist, 'bundle');

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: {
    index: join(dist, 'index.js'),
    'worker-entry': join(dist, 'queues', 'worker-entry.js'),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Class and function names are visible (handler reprs, exception texts): kept as written.
  keepNames: true,
  sourcemap: 'linked',
  sourcesContent: false,
  chunkNames: 'chunk-[hash]',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

// Every output sits directly in dist/bundle/: the worker entry is located relative to the
// module that starts the worker (`new URL('./worker-entry.js', import.meta.url)`).
const outputs = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'));
const nested = outputs.filter((f) => dirname(join(root, f)) !== outdir);
if (nested.length > 0)
  throw new Error(`bundle: outputs outside dist/bundle/: ${nested.join(', ')}`);
for (const name of ['index.js', 'worker-entry.js']) {
  if (!outputs.some((f) => f.endsWith(`/bundle/${name}`))) throw new Error(`bundle: no ${name}`);
}
