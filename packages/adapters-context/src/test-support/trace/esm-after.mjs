// ESM; logweave is imported (and the filter made) before the SDK is registered.
import { createRequire } from 'node:module';
import * as core from '@logweave/core';
import * as ctx from '@logweave/adapters-context';
import * as api from '@opentelemetry/api';

const require = createRequire(import.meta.url);
const { run, startSdk } = require('./scenario.cjs');
// The SDK arrives only after run() has made the filter, before any span starts.
await run({ core, ctx }, api, process.argv[2], startSdk);
