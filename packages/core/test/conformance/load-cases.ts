import { existsSync, readFileSync } from 'node:fs';

/** Every conformance case has these; each family adds its own input fields. */
export interface ConformanceCase {
  id: string;
  family: string;
}

const FILES = ['public.json', 'holdout.json'];

/**
 * The cases of one family from public.json, plus holdout.json when it is present beside it,
 * and the number of cases the files' headers promise for that family.
 */
export function loadCases<C extends ConformanceCase>(
  family: string,
): { cases: C[]; count: number } {
  const cases: C[] = [];
  let count = 0;
  for (const file of FILES) {
    const url = new URL(`../fixtures/conformance/${file}`, import.meta.url);
    if (!existsSync(url)) continue;
    const data = JSON.parse(readFileSync(url, 'utf8')) as {
      counts: Record<string, number>;
      cases: (ConformanceCase & Record<string, unknown>)[];
    };
    count += data.counts[family] ?? 0;
    for (const c of data.cases) if (c.family === family) cases.push(c as unknown as C);
  }
  return { cases, count };
}
