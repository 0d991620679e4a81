// Child of logging-error.test.ts: records around a logging error, on stderr (a pipe or a
// file, chosen by the parent), as CPython's
//   logging.basicConfig(format=...); logging.warning('first'); ...
import { basicConfig, warning } from '@logweave/core';

const format =
  process.argv[2] === 'field' ? '%(levelname)s:%(nosuch)s' : '%(levelname)s:%(message)s';
basicConfig({ format });
warning('first');
warning('second %d', 'x');
warning('third');
