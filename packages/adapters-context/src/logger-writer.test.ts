import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Formatter, getLogger, INFO, type Logger, resetLogging, WARNING } from '@logweave/core';
import { afterEach, describe, expect, it } from 'vitest';
import { BufferingLoggerWriter, LoggerWriter, redirectStream } from './logger-writer.js';
import { ListHandler } from './test-support/list-handler.js';

afterEach(() => resetLogging());

function setup(name: string): { logger: Logger; h: ListHandler } {
  const logger = getLogger(name);
  logger.setLevel(INFO);
  logger.propagate = false;
  const h = new ListHandler();
  h.setFormatter(new Formatter('%(levelname)s %(message)s'));
  logger.addHandler(h);
  return { logger, h };
}

describe('LoggerWriter', () => {
  it('logs each write split at newlines; a lone newline logs nothing', () => {
    const { logger, h } = setup('lw.plain');
    const w = new LoggerWriter(logger, WARNING);
    w.write('one');
    w.write('\n');
    w.write('two\nthree\r\n');
    w.write('par');
    w.write('tial\n');
    expect(h.lines).toEqual([
      'WARNING one',
      'WARNING two',
      'WARNING three',
      'WARNING par',
      'WARNING tial',
    ]);
  });
});

describe('BufferingLoggerWriter', () => {
  it('joins partial writes and logs the rest at end()', async () => {
    const { logger, h } = setup('lw.buf');
    const w = new BufferingLoggerWriter(logger);
    w.write('par');
    w.write('tial\nwho');
    w.write('le\nlast');
    expect(h.lines).toEqual(['INFO partial', 'INFO whole']);
    w.end();
    await once(w, 'finish');
    expect(h.lines).toEqual(['INFO partial', 'INFO whole', 'INFO last']);
  });

  it('decodes UTF-8 split across Buffer writes', () => {
    const { logger, h } = setup('lw.utf8');
    const w = new BufferingLoggerWriter(logger);
    const bytes = Buffer.from('héllo ✓\n');
    for (const b of bytes) w.write(Buffer.from([b]));
    expect(h.lines).toEqual(['INFO héllo ✓']);
  });

  it('logs a line longer than maxLineLength in pieces (bounded memory)', () => {
    const { logger, h } = setup('lw.long');
    const w = new BufferingLoggerWriter(logger, INFO, { maxLineLength: 4 });
    w.write('abcdefghij');
    w.write('k\n');
    expect(h.lines).toEqual(['INFO abcd', 'INFO efgh', 'INFO ijk']);
  });

  it("logs a child process' stdout and stderr line by line", async () => {
    const { logger, h } = setup('lw.child');
    const child = spawn(process.execPath, [
      '-e',
      "process.stdout.write('out 1\\nout'); setTimeout(() => { process.stdout.write(' 2\\n'); process.stderr.write('err 1\\n'); }, 20);",
    ]);
    const out = child.stdout.pipe(new BufferingLoggerWriter(logger, INFO));
    const err = child.stderr.pipe(new BufferingLoggerWriter(logger, WARNING));
    await Promise.all([once(out, 'finish'), once(err, 'finish')]);
    expect(h.lines.sort()).toEqual(['INFO out 1', 'INFO out 2', 'WARNING err 1']);
  });
});

describe('redirectStream()', () => {
  it('sends process.stdout writes to the writer until restored (console.log: see recipe 37)', () => {
    const { logger, h } = setup('lw.redirect');
    const restore = redirectStream(process.stdout, new BufferingLoggerWriter(logger));
    try {
      process.stdout.write('via stdout 1\n');
      process.stdout.write('direct\n', 'utf8', () => {});
    } finally {
      restore();
    }
    expect(h.lines).toEqual(['INFO via stdout 1', 'INFO direct']);
  });
});
