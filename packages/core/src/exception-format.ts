const { inspect, types } = process.getBuiltinModule('node:util');

/**
 * Renders an error (or any thrown value) as the text `Formatter.formatException` returns.
 *
 * Layout, modelled on CPython's `traceback.print_exception`:
 * - an `Error` renders as its V8 `stack` (which starts with `Name: message`, then the
 *   `    at …` frames), or `Name: message` when it has no stack;
 * - its `cause` chain renders cause first, then CPython's separator
 *   `The above exception was the direct cause of the following exception:`, then the effect;
 *   without a `cause`, an implicit context (Python's `__context__`, set by logweave's own
 *   errors raised while handling another) renders the same way with
 *   `During handling of the above exception, another exception occurred:`; an error
 *   already rendered (a cycle) is not rendered again;
 * - an `AggregateError`'s `errors` render nested below it in CPython 3.11's exception-group
 *   layout (`+-+---- 1 ----`, `|` margins), at most 15 members and 10 levels deep;
 * - a thrown non-Error value renders as `Thrown value: <util.inspect of it>`;
 * - `true` (Python's `exc_info=True` with no active exception) renders as `NoneType: None`;
 * - a Python-style `[type, value, traceback]` triple renders its `value`.
 * The result has no trailing newline (CPython strips one).
 */
export function formatExceptionText(value: unknown): string {
  if (value === true) return 'NoneType: None';
  if (Array.isArray(value) && value.length === 3) value = value[1];
  const ctx: PrintContext = { depth: 0, needClose: false, seen: new Set() };
  const s = formatChain(value, ctx);
  return s.endsWith('\n') ? s.slice(0, -1) : s;
}

/** Most members of one group rendered (CPython's `max_group_width`). */
const MAX_GROUP_WIDTH = 15;
/** Deepest group nesting rendered (CPython's `max_group_depth`). */
const MAX_GROUP_DEPTH = 10;
const CAUSE_MESSAGE = '\nThe above exception was the direct cause of the following exception:\n\n';
const CONTEXT_MESSAGE = '\nDuring handling of the above exception, another exception occurred:\n\n';

interface PrintContext {
  depth: number;
  needClose: boolean;
  seen: Set<unknown>;
}

function isError(v: unknown): v is Error {
  return v instanceof Error || types.isNativeError(v);
}

function get(obj: object, key: string): unknown {
  try {
    return (obj as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function members(err: Error): unknown[] | null {
  const errors = get(err, 'errors');
  return Array.isArray(errors) ? errors : null;
}

function headerLine(err: Error): string {
  try {
    return Error.prototype.toString.call(err);
  } catch {
    try {
      return String(err);
    } catch {
      return '<unprintable error>';
    }
  }
}

/** The text of one error without its cause or members: its stack, or `Name: message`. */
function blockText(v: unknown): string {
  if (!isError(v)) return `Thrown value: ${safeInspect(v)}\n`;
  const stack = get(v, 'stack');
  const text = typeof stack === 'string' && stack.length > 0 ? stack : headerLine(v);
  return text.endsWith('\n') ? text : `${text}\n`;
}

function safeInspect(v: unknown): string {
  try {
    return inspect(v, { depth: 2, breakLength: Number.POSITIVE_INFINITY, colors: false });
  } catch {
    return '<uninspectable value>';
  }
}

function indent(ctx: PrintContext): string {
  return ' '.repeat(2 * ctx.depth);
}

/** `textwrap.indent(text, prefix)` for every line, as CPython's `_ExceptionPrintContext.emit`. */
function emit(ctx: PrintContext, text: string, marginChar = '|'): string {
  if (ctx.depth === 0) return text;
  const prefix = `${indent(ctx)}${marginChar} `;
  let out = '';
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const stop = nl < 0 ? text.length : nl + 1;
    out += prefix + text.slice(start, stop);
    start = stop;
  }
  return out;
}

function formatChain(value: unknown, ctx: PrintContext): string {
  // Collect the chain effect-first, then print it cause-first.
  const chain: { value: unknown; link: string | null }[] = [];
  let v: unknown = value;
  ctx.seen.add(v);
  for (;;) {
    let next: unknown;
    let link: string | null = null;
    if (isError(v)) {
      next = get(v, 'cause');
      if (next !== undefined && next !== null) {
        link = CAUSE_MESSAGE;
      } else {
        next = get(v, '__context__');
        if (next !== undefined && next !== null) link = CONTEXT_MESSAGE;
      }
    }
    const follow = link !== null && !ctx.seen.has(next);
    chain.push({ value: v, link: follow ? link : null });
    if (!follow) break;
    ctx.seen.add(next);
    v = next;
  }
  let out = '';
  for (let i = chain.length - 1; i >= 0; i--) {
    const item = chain[i]!;
    if (item.link !== null) out += emit(ctx, item.link);
    out += formatOne(item.value, ctx);
  }
  return out;
}

function formatOne(v: unknown, ctx: PrintContext): string {
  const group = isError(v) ? members(v) : null;
  if (group === null) return emit(ctx, blockText(v));
  if (ctx.depth > MAX_GROUP_DEPTH) {
    return emit(ctx, `... (max_group_depth is ${MAX_GROUP_DEPTH})\n`);
  }
  const isTopLevel = ctx.depth === 0;
  if (isTopLevel) ctx.depth++;
  const text = blockText(v);
  const nl = text.indexOf('\n');
  let out = emit(ctx, text.slice(0, nl + 1), isTopLevel ? '+' : '|');
  out += emit(ctx, text.slice(nl + 1));
  const num = group.length;
  const n = num <= MAX_GROUP_WIDTH ? num : MAX_GROUP_WIDTH + 1;
  ctx.needClose = false;
  for (let i = 0; i < n; i++) {
    const last = i === n - 1;
    if (last) ctx.needClose = true;
    const truncated = i >= MAX_GROUP_WIDTH;
    const title = truncated ? '...' : String(i + 1);
    out += `${indent(ctx)}${i === 0 ? '+-' : '  '}+---------------- ${title} ----------------\n`;
    ctx.depth++;
    if (!truncated) {
      const member = group[i];
      if (ctx.seen.has(member)) {
        // Already printed (a cycle through the group): name it only.
        out += emit(ctx, `${isError(member) ? headerLine(member) : safeInspect(member)}\n`);
      } else {
        out += formatChain(member, ctx);
      }
    } else {
      const remaining = num - MAX_GROUP_WIDTH;
      out += emit(ctx, `and ${remaining} more exception${remaining > 1 ? 's' : ''}\n`);
    }
    if (last && ctx.needClose) {
      out += `${indent(ctx)}+------------------------------------\n`;
      ctx.needClose = false;
    }
    ctx.depth--;
  }
  if (isTopLevel) ctx.depth = 0;
  return out;
}
