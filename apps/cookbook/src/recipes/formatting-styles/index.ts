import { BraceMessage, DollarMessage, StyleAdapter } from '@logweave/adapters-context';
import { DEBUG, FdDestination, Formatter, getLogger, StreamHandler } from '@logweave/core';
import type { Recipe } from '../../recipe.js';

// The cookbook's short names for the message classes.
const __ = (fmt: string, args: unknown[] = [], kwargs: Record<string, unknown> = {}) =>
  new BraceMessage(fmt, args, kwargs);
const $$ = (fmt: string, kwargs: Record<string, unknown> = {}) => new DollarMessage(fmt, kwargs);

/** Recipe 16: `%`, `{` and `$` formatter styles, message objects and a StyleAdapter. */
export const formattingStyles: Recipe = {
  number: 16,
  id: 'formatting-styles',
  title: 'Use of alternative formatting styles',
  run() {
    const root = getLogger();
    root.setLevel(DEBUG);
    const handler = new StreamHandler(new FdDestination(2, { minLength: 0 }));
    root.addHandler(handler);
    const logger = getLogger('foo.bar');

    // Formatter styles: `{` and `$` for the layout of the whole line.
    handler.setFormatter(new Formatter('{asctime} {name} {levelname:8s} {message}', null, '{'));
    logger.debug('This is a DEBUG message');
    logger.critical('This is a CRITICAL message');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a string.Template placeholder
    handler.setFormatter(new Formatter('$asctime $name ${levelname} $message', null, '$'));
    logger.debug('This is a DEBUG message');
    logger.critical('This is a CRITICAL message');

    // Message objects: the message itself in `{}` or `$` style, formatted only when needed.
    handler.setFormatter(new Formatter('%(message)s'));
    logger.info(__('Message with {0} {name}', [2], { name: 'placeholders' }));
    const point = { x: 0.5, y: 0.5 };
    logger.info(__('Message with coordinates: ({point.x:.2f}, {point.y:.2f})', [], { point }));
    logger.info($$('Message with $num $what', { num: 2, what: 'placeholders' }));

    // A StyleAdapter: `{}` messages with positional arguments, formatted lazily.
    const styled = new StyleAdapter(getLogger('foo.styled'));
    styled.info('Hello, {}', 'world!');
    styled.debug('{:>6}|{:<6}|{:^6}|', 'right', 'left', 'mid');
  },
};
