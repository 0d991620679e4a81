import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetLogging } from '../testing.js';
import { FileHandler } from './file-handler.js';
import { FILE_OPENED_TWICE } from './open-files.js';

describe('FileHandler when the same file is opened twice in one process', () => {
  let warnings: Error[];
  const onWarning = (w: Error) => warnings.push(w);
  const dir = () => mkdtempSync(join(tmpdir(), 'logweave-twice-'));
  const settle = () => new Promise((r) => setImmediate(r));

  beforeEach(() => {
    resetLogging();
    warnings = [];
    process.on('warning', onWarning);
  });
  afterEach(() => {
    process.off('warning', onWarning);
    resetLogging();
  });

  it('emits one LOGWEAVE_FILE_OPENED_TWICE warning, even through another spelling of the path', async () => {
    const d = dir();
    const a = new FileHandler(join(d, 'app.log'));
    symlinkSync(join(d, 'app.log'), join(d, 'alias.log'));
    const b = new FileHandler(join(d, 'alias.log'));
    const c = new FileHandler(join(d, '.', 'app.log'));
    await settle();
    expect(warnings.map((w) => (w as Error & { code?: string }).code)).toEqual([FILE_OPENED_TWICE]);
    expect(warnings[0]!.name).toBe('LoggingWarning');
    expect(warnings[0]!.message).toContain(
      `${join(d, 'alias.log')} is already open in another handler`,
    );
    for (const h of [a, b, c]) h.close();
  });

  it('says nothing for different files, for a file reopened after close, or with delay until opened', async () => {
    const d = dir();
    const a = new FileHandler(join(d, 'a.log'));
    const b = new FileHandler(join(d, 'b.log'));
    a.close();
    const again = new FileHandler(join(d, 'a.log'));
    const delayed = new FileHandler(join(d, 'b.log'), { delay: true });
    await settle();
    expect(warnings).toEqual([]);
    for (const h of [b, again, delayed]) h.close();
  });
});
