import { basicConfig, INFO, info } from '@logweave/core';
import type { Recipe } from '../../recipe.js';
import { JSONEncoder } from './json-encoder.js';

/** Sets become lists, as the cookbook's `Encoder.default` turns a set into a tuple. */
export class Encoder extends JSONEncoder {
  override default(o: unknown): unknown {
    if (o instanceof Set) return [...o];
    return super.default(o);
  }
}

/** A message whose string form is `message >>> {json}`; formatted only when a handler emits. */
export class StructuredMessage {
  constructor(
    readonly message: string,
    readonly kwargs: Record<string, unknown>,
    readonly encoder: JSONEncoder = new JSONEncoder(),
  ) {}

  toString(): string {
    return `${this.message} >>> ${this.encoder.encode(this.kwargs)}`;
  }
}

const _ = (message: string, kwargs: Record<string, unknown>, encoder?: JSONEncoder) =>
  new StructuredMessage(message, kwargs, encoder); // optional, to improve readability

/** Recipe 24: structured messages rendered as JSON when the record is formatted. */
export const structuredLogging: Recipe = {
  number: 24,
  id: 'structured-logging',
  title: 'Implementing structured logging',
  packages: ['core'],
  run() {
    basicConfig({ level: INFO, format: '%(message)s' });
    info(_('message 1', { foo: 'bar', bar: 'baz', num: 123, fnum: 123.456 }));
    // The customised encoder: sets and non-ASCII text.
    info(_('message 2', { set_value: new Set([1, 2, 3]), snowman: '\u2603' }, new Encoder()));
  },
};
