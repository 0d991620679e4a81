export { DEFAULT_LOGGING_CONFIG_PORT, listen, sendConfig, stopListening } from './config-server.js';
export type {
  ConfigListener,
  ListenOptions,
  SendConfigOptions,
  VerifyFunction,
} from './config-server.js';
export { collectRefs, dictConfig, dictConfigSync } from './dict-config.js';
export type { DictConfigOptions } from './dict-config.js';
export { expandEnv } from './env-expand.js';
export { ConfigError } from './errors.js';
export { fileConfig } from './file-config.js';
export type { FileConfigOptions, FileConfigSource } from './file-config.js';
export { lint } from './lint.js';
export type { LintFinding, LintOptions } from './lint.js';
export { loadConfigFile, parseConfigText } from './load-config-file.js';
export type { LoadedConfig } from './load-config-file.js';
export { parsePythonLiteral } from './py-literal.js';
export type { ResolveOptions } from './resolver.js';
export { dictConfigSchema } from './schema.js';
export { watchConfig } from './watch-config.js';
export type { ConfigWatcher, WatchConfigOptions } from './watch-config.js';
