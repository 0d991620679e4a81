/**
 * `import`: the cold `import` of one library's main entry, timed in this fresh process (what
 * a CLI or a serverless function pays on every start). Deliberately imports nothing itself:
 * every library starts from the same state (Node's bootstrap only), and the harness is not
 * loaded, so none of its builtins are preloaded for the library measured.
 *
 * Protocol as the other scenarios: `node dist/scenarios/import.js <library> 1 <outfile>` prints
 * one JSON line (`ns` = the import's wall time); `outfile` is never written.
 */
const ENTRIES: Readonly<Record<string, string>> = {
  logweave: '@logweave/core',
  pino: 'pino',
  bunyan: 'bunyan',
  winston: 'winston',
  log4js: 'log4js',
  logtape: '@logtape/logtape',
};

const [library, linesText] = process.argv.slice(2);
const entry = library === undefined ? undefined : ENTRIES[library];
if (entry === undefined || linesText !== '1') {
  process.stderr.write(`usage: <${Object.keys(ENTRIES).join('|')}> 1 <outfile>\n`);
  process.exit(2);
}
const start = process.hrtime.bigint();
const mod: unknown = await import(entry);
const ns = Number(process.hrtime.bigint() - start);
if (mod === null || typeof mod !== 'object') throw new Error(`${entry} exported nothing`);
process.stdout.write(
  `${JSON.stringify({ library, lines: 1, ns, warmup: 0, rssBytes: process.memoryUsage.rss() })}\n`,
);
