/**
 * The benchmark runner. For each scenario, for each repetition, for each library (in an order
 * rotated every repetition): spawn `node dist/scenarios/<scenario>.js <library> <lines> <file>`
 * as a fresh process, read its timing, count the lines it wrote, delete the file. Then print
 * medians and ratios as a text table, as Markdown, or (`--json`) as JSON.
 *
 *   node dist/run.js [--scenario basic,interp] [--library pino,logweave] [--reps 5]
 *                    [--lines 100000] [--quick] [--json] [--timeout 120]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countLines } from './lib/count-lines.js';
import { type Environment, environment, renderEnvironment } from './lib/env.js';
import type { ChildResult } from './lib/harness.js';
import { SCENARIOS, type ScenarioInfo } from './lib/registry.js';
import { median, spread } from './lib/stats.js';
import { renderMarkdown, renderText, type Table } from './lib/table.js';

/** Command-line options. */
export interface Options {
  /** Scenario names to run (all when empty). */
  scenarios: string[];
  /** Libraries to run (all of each scenario's when empty). */
  libraries: string[];
  /** Repetitions per (scenario, library). */
  reps: number;
  /** Lines per run (times the scenario's `linesFactor`). */
  lines: number;
  /** Print JSON instead of tables. */
  json: boolean;
  /** Seconds before a child is killed and its run marked FAILED. */
  timeout: number;
}

/** One child run. */
export interface Sample {
  /** 1-based repetition. */
  rep: number;
  /** Whether the run finished and its output was verified. */
  ok: boolean;
  /** Why it failed, if it did. */
  error?: string;
  /** Calls made in the timed region. */
  lines: number;
  /** Timed region in nanoseconds (NaN if the child failed). */
  ns: number;
  /** Lines counted in the output file. */
  counted: number;
  /** Bytes in the output file. */
  bytes: number;
}

/** The summary of one (scenario, library). */
export interface LibraryResult {
  /** Library name. */
  library: string;
  /** `ok`, or `FAILED` when any repetition failed. */
  status: 'ok' | 'FAILED';
  /** First failure reason. */
  error?: string;
  /** Median ns per call over the repetitions. */
  nsPerCall: number;
  /** Median calls per second. */
  perSecond: number;
  /** (max - min) / median of the per-call times. */
  spread: number;
  /** Average bytes per output line (throughput scenarios). */
  bytesPerLine: number;
  /** Every repetition. */
  samples: Sample[];
}

/** Parses the command line (see the module comment). */
export function parseOptions(argv: readonly string[]): Options {
  const options: Options = {
    scenarios: [],
    libraries: [],
    reps: 5,
    lines: 100_000,
    json: false,
    timeout: 120,
  };
  let quick = false;
  let reps: number | undefined;
  let lines: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split('=', 2) : [arg];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const count = (): number => {
      const n = Number(value());
      if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${flag} needs a positive integer`);
      return n;
    };
    switch (flag) {
      case '--scenario':
        options.scenarios.push(...value().split(','));
        break;
      case '--library':
        options.libraries.push(...value().split(','));
        break;
      case '--reps':
        reps = count();
        break;
      case '--lines':
        lines = count();
        break;
      case '--timeout':
        options.timeout = count();
        break;
      case '--quick':
        quick = true;
        break;
      case '--json':
        options.json = true;
        break;
      default:
        throw new Error(`unknown option ${arg}`);
    }
  }
  if (quick) {
    options.reps = 1;
    options.lines = 2_000;
  }
  if (reps !== undefined) options.reps = reps;
  if (lines !== undefined) options.lines = lines;
  const known = new Set(SCENARIOS.map((s) => s.name));
  for (const s of options.scenarios) {
    if (!known.has(s)) throw new Error(`unknown scenario ${s} (known: ${[...known].join(', ')})`);
  }
  return options;
}

/** `list` rotated left by `by` places. */
export function rotate<T>(list: readonly T[], by: number): T[] {
  const k = list.length === 0 ? 0 : by % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

const SCENARIO_DIR = fileURLToPath(new URL('./scenarios/', import.meta.url));

interface ChildOutcome {
  result?: ChildResult;
  error?: string;
}

function runChild(
  scenario: ScenarioInfo,
  library: string,
  lines: number,
  outfile: string,
  timeoutSec: number,
): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [join(SCENARIO_DIR, `${scenario.name}.js`), library, String(lines), outfile],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutSec * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) return resolve({ error: `timed out after ${timeoutSec}s` });
      if (code !== 0) {
        const why = stderr.trim().split('\n').slice(-3).join(' | ') || `signal ${signal}`;
        return resolve({ error: `exit ${code ?? signal}: ${why}`.slice(0, 300) });
      }
      const last = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve({ result: JSON.parse(last) as ChildResult });
      } catch {
        resolve({ error: `unreadable child output: ${last.slice(0, 200)}` });
      }
    });
  });
}

/** The files of a rotated set: `<stem>.log` and the backups named after it (not warm-up files). */
function rotatedSet(outfile: string): string[] {
  const dir = dirname(outfile);
  const name = basename(outfile);
  const stem = name.replace(/\.log$/, '');
  return readdirSync(dir)
    .filter((n) => (n === name || n.startsWith(`${stem}.`)) && !n.includes('.warm'))
    .map((n) => join(dir, n));
}

/** Warm-up files a rotating library left (`<stem>.log.warm…`). */
function warmSet(outfile: string): string[] {
  const dir = dirname(outfile);
  const stem = basename(outfile).replace(/\.log$/, '');
  return readdirSync(dir)
    .filter((n) => n.startsWith(`${stem}.`) && n.includes('.warm'))
    .map((n) => join(dir, n));
}

async function measure(
  scenario: ScenarioInfo,
  library: string,
  lines: number,
  rep: number,
  dir: string,
  timeoutSec: number,
): Promise<Sample> {
  const outfile = join(dir, `${scenario.name}-${library}-${rep}.log`);
  const outcome = await runChild(scenario, library, lines, outfile, timeoutSec);
  let counted = 0;
  let bytes = 0;
  for (const f of scenario.countRotated ? rotatedSet(outfile) : [outfile]) {
    const c = await countLines(f);
    counted += c.lines;
    bytes += c.bytes;
    rmSync(f, { force: true });
  }
  rmSync(`${outfile}.warm`, { force: true });
  if (scenario.countRotated) for (const f of warmSet(outfile)) rmSync(f, { force: true });
  const sample: Sample = { rep, ok: false, lines, ns: Number.NaN, counted, bytes };
  const r = outcome.result;
  if (r === undefined) {
    sample.error = outcome.error ?? 'no result';
    return sample;
  }
  sample.ns = r.ns;
  if (r.lines !== lines) sample.error = `child made ${r.lines} calls, expected ${lines}`;
  else if (scenario.kind === 'throughput' && counted !== lines) {
    sample.error = `${counted} lines in the file, expected ${lines}`;
  } else if (scenario.kind === 'disabled' && counted !== 0) {
    sample.error = `${counted} lines written by disabled calls`;
  } else if (scenario.kind === 'format' && r.check !== 'ok') {
    sample.error = `output check: ${r.check ?? 'missing'}`;
  } else sample.ok = true;
  return sample;
}

function summarise(library: string, samples: Sample[]): LibraryResult {
  const failed = samples.find((s) => !s.ok);
  const perCall = samples.filter((s) => s.ok).map((s) => s.ns / s.lines);
  const nsPerCall = failed ? Number.NaN : median(perCall);
  const lines = samples.reduce((a, s) => a + s.counted, 0);
  const bytes = samples.reduce((a, s) => a + s.bytes, 0);
  const result: LibraryResult = {
    library,
    status: failed ? 'FAILED' : 'ok',
    nsPerCall,
    perSecond: 1e9 / nsPerCall,
    spread: failed ? Number.NaN : spread(perCall),
    bytesPerLine: lines > 0 ? bytes / lines : Number.NaN,
    samples,
  };
  if (failed?.error !== undefined) result.error = failed.error;
  return result;
}

/** Runs one scenario: every repetition of every library, interleaved. */
export async function runScenarioSet(
  scenario: ScenarioInfo,
  options: Options,
  dir: string,
  log: (line: string) => void,
): Promise<LibraryResult[]> {
  const libraries = scenario.libraries.filter(
    (l) => options.libraries.length === 0 || options.libraries.includes(l),
  );
  const lines = options.lines * scenario.linesFactor;
  const samples = new Map<string, Sample[]>(libraries.map((l) => [l, []]));
  for (let rep = 1; rep <= options.reps; rep++) {
    for (const library of rotate(libraries, rep - 1)) {
      const s = await measure(scenario, library, lines, rep, dir, options.timeout);
      samples.get(library)!.push(s);
      const what = s.ok ? `${fmtInt(1e9 / (s.ns / s.lines))}/s` : `FAILED: ${s.error}`;
      log(`[${scenario.name} ${rep}/${options.reps}] ${library}: ${what}`);
    }
  }
  return libraries.map((l) => summarise(l, samples.get(l)!));
}

function fmtInt(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—';
}

function fmtNum(n: number, digits: number): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '—';
}

function fmtRatio(n: number): string {
  return Number.isFinite(n) ? `${n.toFixed(2)}x` : '—';
}

function fmtPct(n: number): string {
  return Number.isFinite(n) ? `${Math.round(n * 100)}%` : '—';
}

function status(r: LibraryResult): string {
  if (r.status === 'ok') return 'ok';
  const why = r.error ?? '';
  return `FAILED: ${why.length > 70 ? `${why.slice(0, 69)}…` : why}`;
}

/** The result table of one scenario; its columns depend on the scenario's kind. */
export function scenarioTable(scenario: ScenarioInfo, results: readonly LibraryResult[]): Table {
  const base = results.find((r) => r.library === scenario.baseline);
  const weave = results.find((r) => r.library === 'logweave');
  if (scenario.kind === 'throughput') {
    return {
      header: [
        'library',
        'lines/s (median)',
        'spread',
        `x ${scenario.baseline}`,
        'logweave ÷ this',
        'bytes/line',
        'status',
      ],
      align: ['left', 'right', 'right', 'right', 'right', 'right', 'left'],
      rows: results.map((r) => [
        r.library,
        fmtInt(r.perSecond),
        fmtPct(r.spread),
        fmtRatio(base ? r.perSecond / base.perSecond : Number.NaN),
        fmtRatio(weave ? weave.perSecond / r.perSecond : Number.NaN),
        fmtNum(r.bytesPerLine, 0),
        status(r),
      ]),
    };
  }
  const per = scenario.kind === 'disabled' ? 'ns/call' : 'ns/record';
  const vs =
    scenario.kind === 'disabled' ? `cost ÷ ${scenario.baseline}` : `time ÷ ${scenario.baseline}`;
  return {
    header: ['library', `${per} (median)`, 'spread', vs, 'status'],
    align: ['left', 'right', 'right', 'right', 'left'],
    rows: results.map((r) => [
      r.library,
      fmtNum(r.nsPerCall, r.nsPerCall < 10 ? 2 : 1),
      fmtPct(r.spread),
      fmtRatio(base ? r.nsPerCall / base.nsPerCall : Number.NaN),
      status(r),
    ]),
  };
}

/** Everything a run produced. */
export interface Report {
  /** Machine, Node and library versions. */
  environment: Environment;
  /** The options the run used. */
  options: Options;
  /** Per scenario: its description and per-library results. */
  scenarios: { scenario: ScenarioInfo; lines: number; results: LibraryResult[] }[];
}

/** The report as Markdown: environment bullets, then one table per scenario. */
export function renderReportMarkdown(report: Report): string {
  const parts = [
    renderEnvironment(report.environment),
    `- Runs: ${report.options.reps} repetition${report.options.reps === 1 ? '' : 's'} per library, interleaved, each in a fresh process`,
  ];
  for (const { scenario, lines, results } of report.scenarios) {
    parts.push(
      `\n### ${scenario.name}: ${scenario.title} (${lines.toLocaleString('en-US')} calls)\n`,
      renderMarkdown(scenarioTable(scenario, results)),
    );
  }
  return parts.join('\n');
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  const selected = SCENARIOS.filter(
    (s) => options.scenarios.length === 0 || options.scenarios.includes(s.name),
  );
  const dir = mkdtempSync(join(tmpdir(), 'logweave-bench-'));
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const report: Report = { environment: environment(), options, scenarios: [] };
  try {
    for (const scenario of selected) {
      const results = await runScenarioSet(scenario, options, dir, log);
      const lines = options.lines * scenario.linesFactor;
      report.scenarios.push({ scenario, lines, results });
      if (!options.json) {
        process.stdout.write(
          `\n${scenario.name}: ${scenario.title} (${lines.toLocaleString('en-US')} calls)\n`,
        );
        process.stdout.write(`${renderText(scenarioTable(scenario, results))}\n`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    process.stdout.write(`\n--- Markdown ---\n\n${renderReportMarkdown(report)}\n`);
  }
  const failed = report.scenarios.some((s) => s.results.some((r) => r.status === 'FAILED'));
  return failed ? 1 : 0;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main();
}
