import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { snapshotLogging } from '@logweave/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DiffCase,
  type DiffResult,
  hasCPython,
  NO_CPYTHON,
  runCPython,
  runOurs,
} from './differential.js';

/** A documented example: a case, or the reason it is skipped. */
export interface DocCase {
  case: DiffCase;
  pending?: string;
}

/** One differential suite against CPython (see {@link describeDifferential}). */
export interface DifferentialSuite {
  /** The suite's title. */
  title: string;
  /** Prefix of its temporary directory. */
  tmpPrefix: string;
  /** Title and cases of the documented examples. */
  docs: { title: string; cases: DocCase[] };
  /** Title and cases of the generated configurations. */
  generated: { title: string; cases: DiffCase[] };
  /** The user module CPython imports (for `()` factories and `ext://`), if any. */
  cpythonUser?: Parameters<typeof runCPython>[1];
  /** How our side applies a case (default: `dictConfig` of each of its configs). */
  apply?: Parameters<typeof runOurs>[1];
  /** Names our side resolves (the user module's objects). */
  names?: Parameters<typeof runOurs>[2];
}

const dirOf = (id: string) => id.replace(/[:/]/g, '_');

/**
 * Runs every case through CPython once (one process, before the tests), then each case through
 * ours, each in its own working directory, and expects the same topology and output: equal
 * results, and an error on our side exactly where CPython raised one.
 */
export function describeDifferential(s: DifferentialSuite): void {
  const root = mkdtempSync(join(tmpdir(), s.tmpPrefix));
  const runnable = [
    ...s.docs.cases.filter((d) => !d.pending).map((d) => d.case),
    ...s.generated.cases,
  ];
  let python = new Map<string, DiffResult>();
  let restore: () => void;
  beforeAll(() => {
    restore = snapshotLogging();
    if (!hasCPython) return;
    const cases = runnable.map((c) => ({ ...c, workdir: join(root, 'py', dirOf(c.id)) }));
    python = new Map(runCPython(cases, s.cpythonUser).map((r) => [r.id, r]));
  });
  afterAll(() => {
    restore();
    rmSync(root, { recursive: true, force: true });
  });

  async function compare(c: DiffCase): Promise<void> {
    const ours = await runOurs({ ...c, workdir: join(root, 'js', dirOf(c.id)) }, s.apply, s.names);
    const theirs = python.get(c.id)!;
    expect(ours.error === null, `ours: ${ours.error} / CPython: ${theirs.error}`).toBe(
      theirs.error === null,
    );
    expect(ours).toEqual({ ...theirs, error: ours.error });
  }

  const title = (id: string) => (hasCPython ? id : `${id} (skipped: ${NO_CPYTHON})`);
  describe(s.title, () => {
    describe(s.docs.title, () => {
      for (const d of s.docs.cases) {
        if (d.pending) it.skip(`${d.case.id} (skipped: ${d.pending})`, () => {});
        else it.skipIf(!hasCPython)(title(d.case.id), () => compare(d.case));
      }
    });
    describe(s.generated.title, () => {
      for (const c of s.generated.cases) it.skipIf(!hasCPython)(title(c.id), () => compare(c));
    });
  });
}
