import { readdirSync, readFileSync } from 'node:fs';
import { fileConfig } from './file-config.js';
import type { DiffCase } from './test-support/differential.js';
import { type DocCase, describeDifferential } from './test-support/differential-suite.js';
import { dictToIni, generateConfig } from './test-support/generate.js';

const fixtures = new URL('../test/fixtures/ini/', import.meta.url);
const CALLS = [
  'root',
  'simpleExample',
  'compiler',
  'compiler.parser',
  'compiler.parser.x',
  'mylogger',
  'app',
];

const docCases: DocCase[] = [];
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

describeDifferential({
  title: 'fileConfig() against CPython 3.11 (topology and output of a scripted series of calls)',
  tmpPrefix: 'logweave-fileconfig-diff-',
  docs: { title: "the docs' and cookbook's INI examples", cases: docCases },
  generated: {
    title: '60 generated INI files (seeds 1001-1060, the dict generator written as INI)',
    cases: genCases,
  },
  apply: async (c, names) => {
    await fileConfig(
      { text: c.ini! },
      { names, disable_existing_loggers: c.disable_existing ?? true },
    );
  },
});
