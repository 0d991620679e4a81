/**
 * The package's error classes. Configuration mistakes throw at configuration time; errors
 * while handling a record go to the handler's `handleError` as everywhere in logweave.
 */

/**
 * Python's `LookupError` from `ContextVar.get()`: the variable has no value in the current
 * context and no default.
 */
export class ContextVarLookupError extends Error {
  override name = 'LookupError';
}

/** Python's `ValueError`/`RuntimeError` for a `Token` passed to the wrong `reset()`, or twice. */
export class TokenError extends Error {
  override name = 'ValueError';
}

/** A bad option given to one of the package's constructors (names the option). */
export class ContextConfigError extends Error {
  override name = 'ContextConfigError';
}
