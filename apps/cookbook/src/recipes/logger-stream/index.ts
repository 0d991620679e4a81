import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { BufferingLoggerWriter, LoggerWriter, redirectStream } from '@logweave/adapters-context';
import { basicConfig, DEBUG, getLogger, INFO, WARNING } from '@logweave/core';
import type { Recipe } from '../../recipe.js';

/** What the child process prints (the same text for the Python twin). */
export const CHILD_SCRIPT =
  "process.stdout.write('child: line one\\nchild: li'); setTimeout(() => process.stdout.write('ne two\\n'), 20); process.stderr.write('child: a warning\\n');";

/** Recipe 37: a logger as an output stream, the buffering variant, and redirection. */
export const loggerStream: Recipe = {
  number: 37,
  id: 'logger-stream',
  title: 'How to treat a logger like an output stream',
  async run() {
    // basicConfig's handler writes to file descriptor 2 itself, so redirecting
    // process.stderr below does not loop back into the logger.
    basicConfig({ level: DEBUG });
    const logger = getLogger('demo');
    const infoFp = new LoggerWriter(logger, INFO);
    const debugFp = new LoggerWriter(logger, DEBUG);
    // print('An INFO message', file=info_fp): one write for the text, one for the newline.
    infoFp.write('An INFO message');
    infoFp.write('\n');
    debugFp.write('A DEBUG message');
    debugFp.write('\n');

    // sys.stdout = LoggerWriter(...): console.log and process.stdout.write become records.
    const restoreOut = redirectStream(process.stdout, new LoggerWriter(logger, INFO));
    const restoreErr = redirectStream(process.stderr, new BufferingLoggerWriter(logger, WARNING));
    try {
      console.log('Hello, world!');
      // Partial writes are joined into whole lines by the buffering writer.
      process.stderr.write('part');
      process.stderr.write('ial line\nsecond');
      process.stderr.write(' line\n');
    } finally {
      restoreErr();
      restoreOut();
    }

    // A child process' output, line by line, at a level per stream.
    const child = spawn(process.execPath, ['-e', CHILD_SCRIPT]);
    const out = child.stdout.pipe(new BufferingLoggerWriter(getLogger('demo.child'), INFO));
    await once(out, 'finish');
    const err = child.stderr.pipe(new BufferingLoggerWriter(getLogger('demo.child'), WARNING));
    if (!err.writableFinished) await once(err, 'finish');
  },
};
