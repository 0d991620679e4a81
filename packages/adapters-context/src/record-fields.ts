import { LogRecord } from '@logweave/core';
import { ContextConfigError } from './errors.js';

/**
 * The precedence rule for a record's extra fields, highest first:
 *
 * 1. call-site `extra` (`kw({ extra })`),
 * 2. adapters (`ContextAdapter`; a child adapter over its parent),
 * 3. the async context (`ContextFilter`),
 * 4. logger defaults (`DefaultsFilter`).
 *
 * Layers 1 and 2 are on the record when it is made (`makeRecord`); the filters then only fill
 * what is missing, and each filter remembers the layer that set a field, so a context value
 * replaces a default whatever order the filters run in, and never replaces `extra`.
 * @internal
 */
export const LAYER_DEFAULTS = 1;
/** @internal */
export const LAYER_CONTEXT = 2;

const LAYERS = Symbol.for('logweave.fieldLayers');

type Layered = { [LAYERS]?: Record<string, number> };

/** The attribute names every LogRecord has (filters never overwrite them). */
let recordKeys: ReadonlySet<string> | undefined;

/** @internal The names a filter may not use as extra fields: a LogRecord's own attributes. */
export function reservedRecordKeys(): ReadonlySet<string> {
  if (recordKeys === undefined) {
    const sample = new LogRecord('', 0, '', 0, '', null, null);
    recordKeys = new Set([...Object.keys(sample), 'message', 'asctime']);
  }
  return recordKeys;
}

/** @internal Throws when `field` is a LogRecord attribute (`name`, `msg`, `levelno` ...). */
export function checkFieldName(field: string, option: string): void {
  if (typeof field !== 'string' || field === '') {
    throw new ContextConfigError(`${option}: a field name must be a non-empty string`);
  }
  if (reservedRecordKeys().has(field)) {
    throw new ContextConfigError(
      `${option}: '${field}' is a LogRecord attribute; context fields may not replace it`,
    );
  }
}

/**
 * @internal Sets `record[field] = value` when the field is absent or was set by a lower layer
 * than `layer`. A field already on the record with no layer mark came from `extra`, an
 * adapter or a context filter (which never needs a mark: only defaults can be outranked),
 * and is kept.
 */
export function fillField(record: LogRecord, field: string, value: unknown, layer: number): void {
  const r = record as LogRecord & Layered;
  if (Object.hasOwn(r, field)) {
    const layers = r[LAYERS];
    const had = layers?.[field];
    if (had === undefined || had >= layer) return;
    layers![field] = layer;
    r[field] = value;
    return;
  }
  r[field] = value;
  if (layer === LAYER_CONTEXT) return;
  // A symbol key: invisible to for-in, Object.keys and JSON, so never written out.
  const layers = r[LAYERS];
  if (layers === undefined) r[LAYERS] = { [field]: layer };
  else layers[field] = layer;
}
