import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { snapshotLogging } from '@logweave/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileConfig } from './file-config.js';
import {
  type DiffCase,
  type DiffResult,
  hasCPython,
  NO_CPYTHON,
  runCPython,
  runOurs,
} from './test-support/differential.js';
import { dictToIni, generateConfig } from './test-support/generate.js';

const fixtures = new URL('../test/fixtures/ini/', import.meta.url);
const root = mkdtempSync(join(tmpdir(), 'logweave-fileconfig-diff-'));
const CALLS = [
  'root',
  'simpleExample',
  'compiler',
  'compiler.parser',
  'compiler.parser.x',
  'mylogger',
  'app',
];

const docCases: { case: DiffCase; pending?: string }[] = [];
for (const f of readdirSync(fixtures).sort()) {
  const ini = readFileSync(new URL(f, fixtures), 'utf8');
  const pending = /^# PENDING: (.*)$/m.exec(ini)?.[1];
  docCases.push({
    case: {
      id: `ini:${f}`,
      kind: 'ini',
      ini,
      preexisting: ['app', 'app.sub', 'compiler'],
      calls: CALLS,
      workdir: '',
    },
    pending,
  });
}
const genCases: DiffCase[] = [];
for (let seed = 1001; seed <= 1060; seed++) {
  const g = generateConfig(seed);
  const cfg = g.configs[0] as Record<string, unknown>;
  genCases.push({
    id: `gen-ini:${seed}`,
    kind: 'ini',
    ini: dictToIni(cfg),
    disable_existing: (cfg.disable_existing_loggers as boolean | undefined) ?? true,
    preexisting: g.preexisting,
    calls: g.calls,
    workdir: '',
  });
}
const runnable = [...docCases.filter((d) => !d.pending).map((d) => d.case), ...genCases];

let python = new Map<string, DiffResult>();
let restore: () => void;
beforeAll(() => {
  restore = snapshotLogging();
  if (!hasCPython) return;
  const cases = runnable.map((c) => ({
    ...c,
    workdir: join(root, 'py', c.id.replace(/[:/]/g, '_')),
  }));
  python = new Map(runCPython(cases).map((r) => [r.id, r]));
});
afterAll(() => {
  restore();
  rmSync(root, { recursive: true, force: true });
});

async function compare(c: DiffCase): Promise<void> {
  const ours = await runOurs(
    { ...c, workdir: join(root, 'js', c.id.replace(/[:/]/g, '_')) },
    async (cc, names) => {
      await fileConfig(
        { text: cc.ini! },
        { names, disable_existing_loggers: cc.disable_existing ?? true },
      );
    },
  );
  const theirs = python.get(c.id)!;
  expect(ours.error === null, `ours: ${ours.error} / CPython: ${theirs.error}`).toBe(
    theirs.error === null,
  );
  expect(ours).toEqual({ ...theirs, error: ours.error });
}

describe('fileConfig() against CPython 3.11 (topology and output of a scripted series of calls)', () => {
  describe("the docs' and cookbook's INI examples", () => {
    for (const d of docCases) {
      if (d.pending) it.skip(`${d.case.id} (skipped: ${d.pending})`, () => {});
      else
        it.skipIf(!hasCPython)(
          hasCPython ? d.case.id : `${d.case.id} (skipped: ${NO_CPYTHON})`,
          () => compare(d.case),
        );
    }
  });
  describe('60 generated INI files (seeds 1001-1060, the dict generator written as INI)', () => {
    for (const c of genCases)
      it.skipIf(!hasCPython)(hasCPython ? c.id : `${c.id} (skipped: ${NO_CPYTHON})`, () =>
        compare(c),
      );
  });
});
