import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { snapshotLogging } from '@logweave/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as user from '../test/fixtures/user/custom.js';
import {
  type DiffCase,
  type DiffResult,
  hasCPython,
  NO_CPYTHON,
  runCPython,
  runOurs,
} from './test-support/differential.js';
import { generateConfig } from './test-support/generate.js';

const fixtures = new URL('../test/fixtures/', import.meta.url);
const userNames = JSON.parse(readFileSync(new URL('user/names.json', fixtures), 'utf8')) as Record<
  string,
  string
>;
const ourNames = Object.fromEntries(
  Object.entries(userNames).map(([py, js]) => [py, (user as Record<string, unknown>)[js]]),
);

interface Fixture {
  configs: unknown[];
  preexisting?: string[];
  calls?: string[];
  pending?: string;
}

const root = mkdtempSync(join(tmpdir(), 'logweave-config-diff-'));
const DEFAULT_CALLS = [
  'root',
  'app',
  'app.sub',
  'simpleExample',
  'foo',
  'foo.bar.baz',
  'django',
  'django.request',
  'myapp',
  'mylogger',
  'parent',
  'parent.child',
];

const docCases: { case: DiffCase; pending?: string }[] = [];
for (const f of readdirSync(new URL('dict/', fixtures)).sort()) {
  const fx = JSON.parse(readFileSync(new URL(`dict/${f}`, fixtures), 'utf8')) as Fixture;
  docCases.push({
    case: {
      id: `doc:${f}`,
      kind: 'dict',
      configs: fx.configs,
      preexisting: fx.preexisting ?? ['app', 'app.sub', 'existing'],
      calls: fx.calls ?? DEFAULT_CALLS,
      workdir: '',
    },
    pending: fx.pending,
  });
}
const genCases: DiffCase[] = [];
for (let seed = 1; seed <= 200; seed++) {
  const g = generateConfig(seed);
  genCases.push({
    id: `gen:${seed}`,
    kind: 'dict',
    configs: g.configs,
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
  python = new Map(
    runCPython(cases, {
      module: new URL('user/custom.py', fixtures).pathname,
      names: userNames,
    }).map((r) => [r.id, r]),
  );
});
afterAll(() => {
  restore();
  rmSync(root, { recursive: true, force: true });
});

async function compare(c: DiffCase): Promise<void> {
  const ours = await runOurs(
    { ...c, workdir: join(root, 'js', c.id.replace(/[:/]/g, '_')) },
    undefined,
    ourNames,
  );
  const theirs = python.get(c.id)!;
  expect(ours.error === null, `ours: ${ours.error} / CPython: ${theirs.error}`).toBe(
    theirs.error === null,
  );
  expect(ours).toEqual({ ...theirs, error: ours.error });
}

describe('dictConfig() against CPython 3.11 (topology and output of a scripted series of calls)', () => {
  describe("the docs' and cookbook's dictConfig examples", () => {
    for (const d of docCases) {
      if (d.pending) it.skip(`${d.case.id} (skipped: ${d.pending})`, () => {});
      else
        it.skipIf(!hasCPython)(
          hasCPython ? d.case.id : `${d.case.id} (skipped: ${NO_CPYTHON})`,
          () => compare(d.case),
        );
    }
  });
  describe('200 generated configurations (seeds 1-200)', () => {
    for (const c of genCases)
      it.skipIf(!hasCPython)(hasCPython ? c.id : `${c.id} (skipped: ${NO_CPYTHON})`, () =>
        compare(c),
      );
  });
});
