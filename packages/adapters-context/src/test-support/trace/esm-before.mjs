// ESM; the OpenTelemetry SDK is registered before logweave is imported.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { run, startSdk } = require('./scenario.cjs');
startSdk();
const api = await import('@opentelemetry/api');
const core = await import('@logweave/core');
const ctx = await import('@logweave/adapters-context');
await run({ core, ctx }, api, process.argv[2]);
