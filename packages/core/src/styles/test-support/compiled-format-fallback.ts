// Child-process fixture for compiled-format.test.ts: runs with code generation disabled.
import { makeLogRecord } from '../../record.js';
import { compileFields, INT_FAST, SLOW, STR_FN, STR_RAW } from '../compiled-format.js';
import { StringTemplateStyle } from '../string-template-style.js';

let codegen = true;
try {
  new Function('return 1');
} catch {
  codegen = false;
}
const render = compileFields(
  ['[', '|', '|', '|', ']'],
  [
    { key: 'name', mode: STR_RAW },
    { key: 'levelname', mode: STR_FN, str: (s: string) => s.padEnd(8) },
    { key: 'lineno', mode: INT_FAST },
    { key: 'msg', mode: SLOW },
  ],
  (_r, i, v) => `<${i}:${String(v)}>`,
);
const out: string[] = [
  render(makeLogRecord({ name: 'a', levelname: 'INFO', lineno: 7, msg: 'm' })),
];
try {
  new StringTemplateStyle('$name $nosuch $').format(makeLogRecord({ name: 'a' }));
} catch (e) {
  out.push(`${(e as { pythonType: string }).pythonType}: ${(e as Error).message}`);
}
process.stdout.write(JSON.stringify({ codegen, out }));
