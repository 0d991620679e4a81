import { readdirSync, readFileSync } from 'node:fs';
import * as user from '../test/fixtures/user/custom.js';
import type { DiffCase } from './test-support/differential.js';
import { type DocCase, describeDifferential } from './test-support/differential-suite.js';
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

const docCases: DocCase[] = [];
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

describeDifferential({
  title: 'dictConfig() against CPython 3.11 (topology and output of a scripted series of calls)',
  tmpPrefix: 'logweave-config-diff-',
  docs: { title: "the docs' and cookbook's dictConfig examples", cases: docCases },
  generated: { title: '200 generated configurations (seeds 1-200)', cases: genCases },
  cpythonUser: { module: new URL('user/custom.py', fixtures).pathname, names: userNames },
  names: ourNames,
});
