import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { parsePythonLiteral } from './py-literal.js';

const names = new Map<string, unknown>([
  ['sys.stdout', 'STDOUT'],
  ['ERROR', 40],
]);

describe('parsePythonLiteral()', () => {
  it.each([
    ['()', []],
    ['(sys.stdout,)', ['STDOUT']],
    ["('python.log', 'w')", ['python.log', 'w']],
    ['(10, ERROR)', [10, 40]],
    [
      "('localhost', 'from@abc', ['user1@abc', 'user2@xyz'], 'Logger Subject')",
      ['localhost', 'from@abc', ['user1@abc', 'user2@xyz'], 'Logger Subject'],
    ],
    ["{'timeout': 10.0, 'secure': True, 'x': None}", { timeout: 10, secure: true, x: null }],
    ["(('localhost', 514), 1)", [['localhost', 514], 1]],
    ['(-1, +2, 0x1F, 0o17, 0b101, 1_000, 1e3, .5)', [-1, 2, 31, 15, 5, 1000, 1000, 0.5]],
    ["r'\\d+' \"x\" '''y'''", '\\d+xy'],
    ["'tab\\there\\x41\\u00e9\\n'", 'tab\thereAé\n'],
    ['(1)', 1],
  ])('%s', (text, expected) => {
    expect(parsePythonLiteral(text, 'handler_h.args', names)).toEqual(expected);
  });

  it.each([
    ["__import__('os').system('touch /tmp/pwned')", /name '__import__' is not allowed/],
    ["open('/etc/passwd')", /name 'open' is not allowed/],
    ['sys.stdout.write("x")', /name 'sys.stdout.write' is not allowed/],
    ['(1 + 2,)', /unexpected "\+ 2,\)"|expected ','/],
    ['[x for x in ()]', /name 'x' is not allowed|expected/],
    ['lambda: 0', /name 'lambda' is not allowed/],
    ["'unterminated", /unterminated string/],
    ['('.repeat(200), /nesting too deep/],
  ])('rejects %s without evaluating anything', (text, reason) => {
    let err: unknown;
    try {
      parsePythonLiteral(text, 'handler_h.args', names);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).path).toBe('handler_h.args');
    expect((err as ConfigError).message).toMatch(reason);
  });
});
