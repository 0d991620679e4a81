/** The machine, Node and library versions a benchmark ran with, recorded by the runner itself. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { arch, cpus as cpuList, loadavg, release, totalmem, type } from 'node:os';

/** The packages whose versions are recorded, by display name. */
export const PACKAGES: Readonly<Record<string, string>> = {
  logweave: '@logweave/core',
  pino: 'pino',
  bunyan: 'bunyan',
  winston: 'winston',
  log4js: 'log4js',
  logtape: '@logtape/logtape',
  'logtape-file': '@logtape/file',
  'pino-roll': 'pino-roll',
  'rotating-file-stream': 'rotating-file-stream',
  'nng-ts': 'nng-ts',
  zeromq: 'zeromq',
};

/** Environment of a benchmark run. */
export interface Environment {
  /** ISO date of the run. */
  date: string;
  /** `os.cpus()[0].model`. */
  cpu: string;
  /** Logical cores. */
  cores: number;
  /** Total memory in GiB. */
  memoryGiB: number;
  /** `os.type() os.release() os.arch()`. */
  os: string;
  /** `process.version`. */
  node: string;
  /** Version of each package in {@link PACKAGES}, keyed by display name. */
  versions: Record<string, string>;
  /** 1-minute load average when the run started (above the core count means contention). */
  load: number;
  /** Short commit of the working tree, with `+dirty` when it has changes, if git knows it. */
  commit: string;
}

function packageVersion(name: string): string {
  try {
    const url = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
    return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  } catch {
    return 'missing';
  }
}

function gitCommit(): string {
  try {
    const cwd = new URL('.', import.meta.url);
    const run = (args: string[]): string =>
      execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const head = run(['rev-parse', '--short', 'HEAD']).trim();
    const dirty = run(['status', '--porcelain', '--untracked-files=no']).trim() !== '';
    return dirty ? `${head}+dirty` : head;
  } catch {
    return 'unknown';
  }
}

/** Collects the {@link Environment} of this process. */
export function environment(): Environment {
  const cpus = cpuList();
  const versions: Record<string, string> = {};
  for (const [display, name] of Object.entries(PACKAGES)) versions[display] = packageVersion(name);
  return {
    date: new Date().toISOString(),
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()} ${arch()}`,
    node: process.version,
    versions,
    load: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    commit: gitCommit(),
  };
}

/** The environment as Markdown bullet lines. */
export function renderEnvironment(env: Environment): string {
  const libs = Object.entries(env.versions)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return [
    `- Date: ${env.date}; commit ${env.commit}`,
    `- Machine: ${env.cpu}, ${env.cores} cores, ${env.memoryGiB} GiB, ${env.os}; load ${env.load} at start`,
    `- Node: ${env.node}`,
    `- Libraries: ${libs}`,
  ].join('\n');
}
