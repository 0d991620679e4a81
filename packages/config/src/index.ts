export { dictConfig, dictConfigSync } from './dict-config.js';
export type { DictConfigOptions } from './dict-config.js';
export { expandEnv } from './env-expand.js';
export { ConfigError } from './errors.js';
export { fileConfig } from './file-config.js';
export type { FileConfigOptions, FileConfigSource } from './file-config.js';
export { parsePythonLiteral } from './py-literal.js';
export type { ResolveOptions } from './resolver.js';
