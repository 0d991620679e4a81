// CommonJS; logweave is required before the SDK is registered.
'use strict';
const core = require('@logweave/core');
const ctx = require('@logweave/adapters-context');
const api = require('@opentelemetry/api');
const { run, startSdk } = require('./scenario.cjs');
run({ core, ctx }, api, process.argv[2], startSdk);
