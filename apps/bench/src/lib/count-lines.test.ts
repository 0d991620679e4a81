import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countLines } from './count-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-count-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('countLines()', () => {
  it('countLines() counts newline bytes across read chunks', async () => {
    const file = join(dir, 'big.log');
    const line = `${'x'.repeat(99)}\n`;
    writeFileSync(file, line.repeat(30_000)); // 3 MB: several 1 MiB chunks
    expect(await countLines(file)).toEqual({ lines: 30_000, bytes: 3_000_000 });
  });
  it('countLines() does not count an unterminated last line', async () => {
    const file = join(dir, 'partial.log');
    writeFileSync(file, 'a\nb\nc');
    expect(await countLines(file)).toEqual({ lines: 2, bytes: 5 });
  });
  it('countLines() of a missing file is zero lines', async () => {
    expect(await countLines(join(dir, 'missing.log'))).toEqual({ lines: 0, bytes: 0 });
  });
});
