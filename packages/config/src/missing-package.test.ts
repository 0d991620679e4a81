import { createRequire } from 'node:module';
import { snapshotLogging } from '@logweave/core';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { dictConfig } from './dict-config.js';
import { ConfigError } from './errors.js';
import { fileConfig } from './file-config.js';
import { fullSnapshot } from './test-support/snapshot.js';

// The handler packages are installed here (dev dependencies); this file makes them absent,
// as for a user who installed @logweave/config alone: however the resolver imports them.
const absent = () => {
  throw new Error("Cannot find package '@logweave/handlers-…'");
};
vi.mock('@logweave/handlers-file', () => {
  throw new Error("Cannot find package '@logweave/handlers-file'");
});
vi.mock('@logweave/handlers-net', () => {
  throw new Error("Cannot find package '@logweave/handlers-net'");
});
const req = createRequire(import.meta.url);
for (const spec of ['@logweave/handlers-file', '@logweave/handlers-net']) {
  try {
    vi.doMock(req.resolve(spec), absent);
  } catch {
    // Not built: the resolver falls back to the bare specifier, mocked above.
  }
}

const restore = snapshotLogging();
afterAll(() => restore());

describe('a class whose package is not installed', () => {
  it.each([
    ['logging.handlers.RotatingFileHandler', '@logweave/handlers-file'],
    ['logging.handlers.TimedRotatingFileHandler', '@logweave/handlers-file'],
    ['logging.handlers.WatchedFileHandler', '@logweave/handlers-file'],
    ['logging.handlers.SocketHandler', '@logweave/handlers-net'],
    ['logging.handlers.DatagramHandler', '@logweave/handlers-net'],
    ['logging.handlers.SysLogHandler', '@logweave/handlers-net'],
    ['logging.handlers.HTTPHandler', '@logweave/handlers-net'],
    ['logging.handlers.SMTPHandler', '@logweave/handlers-net'],
  ])(
    '%s: dictConfig rejects it at handlers.h.class naming %s to install, changing nothing',
    async (cls, pkg) => {
      const before = fullSnapshot();
      const e = await dictConfig({ version: 1, handlers: { h: { class: cls } } }).then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).message).toContain('handlers.h.class');
      expect((e as ConfigError).message).toContain(`npm install ${pkg}`);
      expect(fullSnapshot()).toEqual(before);
    },
  );

  it('fileConfig names the package too', async () => {
    const ini = `[loggers]\nkeys=root\n[handlers]\nkeys=h\n[formatters]\nkeys=\n[logger_root]\nhandlers=h\n[handler_h]\nclass=handlers.RotatingFileHandler\nargs=('x.log',)\n`;
    const e = await fileConfig({ text: ini }).then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).message).toContain('npm install @logweave/handlers-file');
  });
});
