import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError, messageOf } from './errors.js';

/** A configuration file read from disk: a dictConfig dictionary, or INI text for fileConfig. */
export type LoadedConfig =
  | { readonly kind: 'dict'; readonly config: unknown }
  | { readonly kind: 'ini'; readonly text: string };

/**
 * Reads a configuration file by its extension: `.json`, `.yaml`/`.yml` (dictConfig
 * dictionaries), `.ini`/`.conf`/`.cfg` (fileConfig INI). Other extensions are tried as
 * JSON, then as INI.
 */
export function loadConfigFile(path: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError('', `cannot read ${path}: ${messageOf(e)}`, { cause: e });
  }
  return parseConfigText(text, extname(path).toLowerCase(), path);
}

/** Parses configuration text as {@link loadConfigFile} does, given the file's extension. */
export function parseConfigText(text: string, ext: string, name = 'configuration'): LoadedConfig {
  if (ext === '.ini' || ext === '.conf' || ext === '.cfg') return { kind: 'ini', text };
  if (ext === '.yaml' || ext === '.yml') {
    try {
      return { kind: 'dict', config: parseYaml(text) };
    } catch (e) {
      throw new ConfigError('', `${name} is not valid YAML: ${messageOf(e)}`, { cause: e });
    }
  }
  try {
    return { kind: 'dict', config: JSON.parse(text) };
  } catch (e) {
    if (ext === '.json')
      throw new ConfigError('', `${name} is not valid JSON: ${messageOf(e)}`, { cause: e });
    return { kind: 'ini', text };
  }
}
