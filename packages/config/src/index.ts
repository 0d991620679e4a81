export { dictConfig, dictConfigSync } from './dict-config.js';
export type { DictConfigOptions } from './dict-config.js';
export { ConfigError } from './errors.js';
export { expandEnv } from './env-expand.js';
export { parsePythonLiteral } from './py-literal.js';
export type { ResolveOptions } from './resolver.js';
