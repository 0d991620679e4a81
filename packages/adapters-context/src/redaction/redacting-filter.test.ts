import { Formatter, getLogger, kw, type Logger, resetLogging } from '@logweave/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ContextConfigError } from '../errors.js';
import { ListHandler } from '../test-support/list-handler.js';
import { parseRedactPath } from './redact-path.js';
import { RedactingFilter } from './redacting-filter.js';

afterEach(() => resetLogging());

function setup(name: string, fmt = '%(message)s'): { logger: Logger; h: ListHandler } {
  const logger = getLogger(name);
  logger.setLevel('DEBUG');
  logger.propagate = false;
  const h = new ListHandler();
  h.setFormatter(new Formatter(fmt));
  logger.addHandler(h);
  return { logger, h };
}

describe('parseRedactPath()', () => {
  it('parses keys, indices, quoted keys, * and **', () => {
    expect(parseRedactPath('a.b[0]["x.y"][*].*.**.c')).toEqual([
      { kind: 'key', key: 'a' },
      { kind: 'key', key: 'b' },
      { kind: 'key', key: '0' },
      { kind: 'key', key: 'x.y' },
      { kind: 'any' },
      { kind: 'any' },
      { kind: 'deep' },
      { kind: 'key', key: 'c' },
    ]);
  });

  it.each([
    ['', 'empty'],
    ['a..b', 'empty key'],
    ['a.', 'ends with a dot'],
    ['a[', "unclosed '['"],
    ['a[x]', 'expected an index'],
    ['*secret', "'*' must be a whole key"],
    ['a.**', "'**' cannot be the last"],
  ])('rejects %j (%s)', (path, why) => {
    expect(() => parseRedactPath(path)).toThrow(ContextConfigError);
    expect(() => parseRedactPath(path)).toThrow(why);
  });
});

describe('RedactingFilter', () => {
  it('censors paths in extra, at any depth with **, with * and array indices', () => {
    const { logger, h } = setup('r.paths');
    logger.addFilter(
      new RedactingFilter({
        paths: ['**.password', 'user.token', '*.apiKey', 'cards[*].number', 'list[1]'],
      }),
    );
    const extra = {
      password: 'p0',
      user: { name: 'ann', token: 't1', deep: { deeper: { password: 'p3' } } },
      svc: { apiKey: 'k1', nested: { apiKey: 'not-one-level' } },
      cards: [{ number: '4111', cvc: 1 }, { number: '5500' }],
      list: ['a', 'b', 'c'],
    };
    const before = structuredClone(extra);
    logger.info('x', kw({ extra }));
    const r = h.records[0]!;
    expect(r.password).toBe('[REDACTED]');
    expect(r.user).toEqual({
      name: 'ann',
      token: '[REDACTED]',
      deep: { deeper: { password: '[REDACTED]' } },
    });
    expect(r.svc).toEqual({ apiKey: '[REDACTED]', nested: { apiKey: 'not-one-level' } });
    expect(r.cards).toEqual([{ number: '[REDACTED]', cvc: 1 }, { number: '[REDACTED]' }]);
    expect(r.list).toEqual(['a', '[REDACTED]', 'c']);
    expect(extra).toEqual(before);
    // Unchanged branches are shared, not copied.
    expect((r.svc as typeof extra.svc).nested).toBe(extra.svc.nested);
  });

  it('censors keys matching patterns at any depth, with a censor function given the path', () => {
    const { logger, h } = setup('r.patterns', '%(message)s %(req)s');
    logger.addFilter(
      new RedactingFilter({
        patterns: [/token/i, /^pass(word|phrase)$/],
        censor: (v, path) => `<${path.join('.')}:${String(v).length}>`,
      }),
    );
    logger.info(
      'm',
      kw({ extra: { req: { headers: { 'X-Auth-Token': 'abcdef' }, passphrase: 'xy' } } }),
    );
    expect(h.records[0]!.req).toEqual({
      headers: { 'X-Auth-Token': '<req.headers.X-Auth-Token:6>' },
      passphrase: '<req.passphrase:2>',
    });
  });

  it('censors positional arguments and the mapping argument without touching the caller', () => {
    const { logger, h } = setup('r.args');
    logger.addFilter(new RedactingFilter({ paths: ['password', '**.secret'] }));
    const arg = { user: 'ann', password: 'hunter22' };
    logger.info('login %s', arg);
    logger.info('%(user)s %(password)s', { user: 'bob', password: 'pw12' });
    logger.info('list %s', [{ secret: 's1' }]);
    expect(arg.password).toBe('hunter22');
    expect(h.lines).toEqual([
      "login { user: 'ann', password: '[REDACTED]' }",
      'bob [REDACTED]',
      "list [ { secret: '[REDACTED]' } ]",
    ]);
  });

  it('redacts the error: its own properties, and censored strings in its text', () => {
    const { logger, h } = setup('r.exc');
    logger.addFilter(new RedactingFilter({ paths: ['**.password'] }));
    const err = Object.assign(new Error('login failed for pw s3cr3t-pw'), {
      config: { password: 's3cr3t-pw' },
    });
    logger.error('oops', kw({ exc_info: err, extra: { password: 's3cr3t-pw' } }));
    const text = h.lines[0]!;
    expect(text).not.toContain('s3cr3t-pw');
    expect(text).toContain('Error: login failed for pw [REDACTED]');
    expect(err.message).toBe('login failed for pw s3cr3t-pw');
    expect(err.config.password).toBe('s3cr3t-pw');
    const redacted = h.records[0]!.exc_info as Error & { config: unknown };
    expect(redacted).toBeInstanceOf(Error);
    expect(redacted.config).toEqual({ password: '[REDACTED]' });
  });

  it('applies text patterns to the message and stack text', () => {
    const { logger, h } = setup('r.text');
    logger.addFilter(new RedactingFilter({ textPatterns: [/[\w.]+@[\w.]+/] }));
    logger.info('mail %s and %s', 'a@b.com', 'c@d.org');
    expect(h.lines).toEqual(['mail [REDACTED] and [REDACTED]']);
  });

  it('as a handler filter, returns a copy: the other handlers see the original', () => {
    const { logger, h } = setup('r.handler', '%(token)s');
    const other = new ListHandler();
    other.setFormatter(new Formatter('%(token)s'));
    logger.addHandler(other);
    h.addFilter(new RedactingFilter({ paths: ['token'] }));
    logger.info('x', kw({ extra: { token: 'tok1' } }));
    expect(h.lines).toEqual(['[REDACTED]']);
    expect(other.lines).toEqual(['tok1']);
  });

  it('turns cycles into [Circular], objects below maxDepth into [Too deep]', () => {
    const { logger, h } = setup('r.cycle');
    logger.addFilter(new RedactingFilter({ patterns: [/secret/], maxDepth: 3 }));
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    logger.info('x', kw({ extra: { a, deep: { l1: { l2: { l3: { secret: 's' } } } } } }));
    const r = h.records[0]!;
    expect(r.a).toEqual({ name: 'a', self: '[Circular]' });
    expect(r.deep).toEqual({ l1: { l2: '[Too deep]' } });
    expect(a.self).toBe(a);
  });

  it('keeps prototypes of class instances and redacts Map entries', () => {
    const { logger, h } = setup('r.proto');
    logger.addFilter(new RedactingFilter({ paths: ['**.pin'] }));
    class Account {
      id = 1;
      pin = '1234';
    }
    const m = new Map<string, unknown>([
      ['pin', '9999'],
      ['ok', 1],
    ]);
    logger.info('x', kw({ extra: { acct: new Account(), m } }));
    const r = h.records[0]!;
    expect(r.acct).toBeInstanceOf(Account);
    expect(r.acct).toMatchObject({ id: 1, pin: '[REDACTED]' });
    expect([...(r.m as Map<string, unknown>)]).toEqual([
      ['pin', '[REDACTED]'],
      ['ok', 1],
    ]);
    expect(m.get('pin')).toBe('9999');
  });

  it('rejects an empty configuration and non-RegExp patterns', () => {
    expect(() => new RedactingFilter({})).toThrow(ContextConfigError);
    expect(() => new RedactingFilter({ patterns: ['x' as unknown as RegExp] })).toThrow(
      'is not a RegExp',
    );
  });

  it('returns the record itself when nothing matched', () => {
    const f = new RedactingFilter({ paths: ['a.b'] });
    const { logger, h } = setup('r.same');
    logger.info('x', kw({ extra: { a: { c: 1 } } }));
    const r = h.records[0]!;
    expect(f.filter(r)).toBe(r);
  });
});
