// The logging scenario shared by the trace fixtures (CommonJS so that both module kinds load
// it). `lib` is { core, ctx } as the fixture loaded them; `api` is @opentelemetry/api.
'use strict';

/**
 * Logs outside any span, in an outer span, in a nested inner span (before and after an
 * await), back in the outer span, and from a timer started in the outer span; prints one
 * JSON line per record with the ids it carries and the ids it should carry.
 */
async function run(lib, api, mode, afterSetup) {
  const { core, ctx } = lib;
  const records = [];
  class Collect extends core.Handler {
    emit(record) {
      records.push(record);
    }
  }
  const logger = core.getLogger('trace');
  logger.setLevel(core.INFO);
  logger.propagate = false;
  const h = new Collect();
  let uninstall = null;
  if (mode === 'factory') uninstall = ctx.installTraceRecordFactory();
  else h.addFilter(new ctx.TraceContextFilter());
  logger.addHandler(h);
  if (afterSetup) afterSetup();

  const expected = [];
  const log = (msg, span) => {
    logger.info(msg);
    const sc = span ? span.spanContext() : null;
    expected.push({
      msg,
      otelTraceID: sc ? sc.traceId : '0',
      otelSpanID: sc ? sc.spanId : '0',
      otelTraceSampled: sc ? (sc.traceFlags & 1) === 1 : false,
    });
  };
  const tracer = api.trace.getTracer('fixture');
  log('outside', null);
  await tracer.startActiveSpan('outer', async (outer) => {
    log('outer', outer);
    await tracer.startActiveSpan('inner', async (inner) => {
      log('inner', inner);
      await new Promise((r) => setTimeout(r, 5));
      log('inner after await', inner);
      inner.end();
    });
    log('outer again', outer);
    await new Promise((r) => setTimeout(() => r(log('outer timer', outer)), 5));
    outer.end();
  });
  log('outside again', null);
  if (uninstall) uninstall();
  const got = records.map((r) => ({
    msg: r.msg,
    otelTraceID: r.otelTraceID,
    otelSpanID: r.otelSpanID,
    otelTraceSampled: r.otelTraceSampled,
  }));
  process.stdout.write(`${JSON.stringify({ got, expected })}\n`);
}

function startSdk() {
  const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
  const provider = new NodeTracerProvider();
  provider.register();
  return provider;
}

module.exports = { run, startSdk };
