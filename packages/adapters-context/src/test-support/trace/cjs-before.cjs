// CommonJS; the OpenTelemetry SDK is registered before logweave is required.
'use strict';
const { run, startSdk } = require('./scenario.cjs');
startSdk();
const api = require('@opentelemetry/api');
const core = require('@logweave/core');
const ctx = require('@logweave/adapters-context');
run({ core, ctx }, api, process.argv[2]);
