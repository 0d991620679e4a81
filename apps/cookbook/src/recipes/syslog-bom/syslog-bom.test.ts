import { describe, expect, it } from 'vitest';
import { hasPython, runPython, runRecipe } from '../../test-support/run-recipe.js';

// The same record through CPython's SysLogHandler, to a UDP socket of its own: the reference bytes.
const pythonTwin = `
import logging, logging.handlers, socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(('127.0.0.1', 0))
h = logging.handlers.SysLogHandler(address=s.getsockname(), facility='local0')
h.append_nul = False
h.setFormatter(logging.Formatter('1 - myhost myapp - - - \\ufeff%(message)s'))
log = logging.getLogger('bom'); log.addHandler(h); log.setLevel(logging.INFO)
log.info('Unicode section: h\\u00e9llo w\\u00f6rld \\u2713')
print(s.recv(65536).hex())
`;

describe('recipe 23: BOM into SysLogHandler messages', () => {
  it('the wire bytes are <PRI>, the ASCII part, EF BB BF, then the UTF-8 text', () => {
    const r = runRecipe('syslog-bom');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('ASCII part: <134>1 - myhost myapp - - - \n');
    expect(r.stdout).toContain('BOM at byte 28: efbbbf\n');
    expect(r.stdout).toContain('UTF-8 part: Unicode section: héllo wörld ✓\n');
  });

  it.skipIf(!hasPython)(
    hasPython
      ? 'the bytes equal those CPython sends for the same record'
      : 'CPython comparison (skipped: python3 is not on PATH)',
    () => {
      const r = runRecipe('syslog-bom');
      const py = runPython(pythonTwin, process.cwd());
      expect(py?.status, py?.stderr).toBe(0);
      const hex = /wire bytes \(\d+\): ([0-9a-f]+)/.exec(r.stdout)?.[1];
      expect(hex).toBe(py?.stdout.trim());
    },
  );
});
