#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { sendConfig } from './config-server.js';
import { messageOf } from './errors.js';
import { iniToDict } from './file-config.js';
import { IniFile } from './ini-parser.js';
import { lint } from './lint.js';
import { loadConfigFile } from './load-config-file.js';
import { Resolver } from './resolver.js';
import { createHmac } from 'node:crypto';

const USAGE = `usage:
  logweave-config send FILE [--port 9030] [--host 127.0.0.1] [--hmac-key-env VAR]
      send a JSON/YAML/INI configuration to a configuration server (ours or CPython's
      logging.config.listen); with --hmac-key-env the bytes are prefixed with their
      HMAC-SHA256 under the key in that environment variable
  logweave-config lint FILE [--json]
      report loggers that would be disabled, dangling names, misspelt keys and sections
      ignored under incremental; exits 1 when there are errors`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined) throw new Error(`${name} needs a value`);
  args.splice(i, 2);
  return v;
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  const cmd = args.shift();
  try {
    if (cmd === 'send') {
      const port = Number(option(args, '--port') ?? 9030);
      const host = option(args, '--host') ?? '127.0.0.1';
      const keyVar = option(args, '--hmac-key-env');
      const file = args[0];
      if (!file) throw new Error('send needs a FILE');
      const loaded = loadConfigFile(file);
      const body =
        loaded.kind === 'dict' ? JSON.stringify(loaded.config) : readFileSync(file, 'utf8');
      let sign: ((b: Buffer) => Buffer) | undefined;
      if (keyVar) {
        const key = process.env[keyVar];
        if (!key) throw new Error(`environment variable ${keyVar} is not set`);
        sign = (b) => Buffer.concat([createHmac('sha256', key).update(b).digest(), b]);
      }
      await sendConfig(body, { port, host, sign });
      process.stdout.write(`sent ${file} to ${host}:${port}\n`);
      return 0;
    }
    if (cmd === 'lint') {
      const json = args.includes('--json');
      const file = args.filter((a) => a !== '--json')[0];
      if (!file) throw new Error('lint needs a FILE');
      const loaded = loadConfigFile(file);
      const config =
        loaded.kind === 'dict'
          ? loaded.config
          : iniToDict(new IniFile(loaded.text), new Resolver(), true).config;
      const findings = lint(config, { existingLoggers: [] });
      if (json) process.stdout.write(`${JSON.stringify(findings, null, 2)}\n`);
      else {
        for (const f of findings)
          process.stdout.write(
            `${file}: ${f.severity} ${f.code} at ${f.path || '(top)'}: ${f.message}${f.hint ? ` (${f.hint})` : ''}\n`,
          );
        if (findings.length === 0) process.stdout.write(`${file}: no findings\n`);
      }
      return findings.some((f) => f.severity === 'error') ? 1 : 0;
    }
    process.stderr.write(`${USAGE}\n`);
    return cmd === undefined || cmd === '--help' || cmd === '-h' ? 0 : 2;
  } catch (e) {
    process.stderr.write(`logweave-config: ${messageOf(e)}\n`);
    return 2;
  }
}

const invoked = process.argv[1] ?? '';
if (/logweave-config$|cli\.[jt]s$/.test(invoked)) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
