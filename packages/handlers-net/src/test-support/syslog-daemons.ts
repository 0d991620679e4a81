import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, tempDir, waitFor } from './ports.js';

/** One record as the daemon parsed it. */
export interface ParsedSyslog {
  input: string;
  facility: number;
  severity: number;
  hostname: string;
  appname: string;
  procid: string;
  msgid: string;
  sd: string;
  msg: string;
}

/** How a record reaches the daemon. */
export type EndpointKind =
  | 'udp'
  | 'tcp-nul'
  | 'tcp-lf'
  | 'tcp-octet'
  | 'unix-dgram'
  | 'unix-stream';
type Endpoints = Record<string, readonly [string, number] | string>;

/** A private syslog daemon listening on loopback ports and a unix socket in a temp dir. */
export interface SyslogDaemon {
  name: string;
  /** Where to send records of `rfc` over `kind`, or null when the daemon has no such input. */
  endpoint(kind: EndpointKind, rfc: 3164 | 5424): readonly [string, number] | string | null;
  /** The records parsed so far. */
  records(): ParsedSyslog[];
  /** Waits until at least `n` records arrived (or times out), then returns them all. */
  waitRecords(n: number, ms?: number): Promise<ParsedSyslog[]>;
  stop(): Promise<void>;
}

export const RSYSLOGD = '/usr/sbin/rsyslogd';
export const hasRsyslog = existsSync(RSYSLOGD);
export const NO_RSYSLOG = `${RSYSLOGD} is missing (apt-get install rsyslog): the rsyslog interop tests are skipped`;

/** The privately unpacked syslog-ng (.ci/syslog-ng-private.sh). */
export const SYSLOG_NG_ROOT = join(
  process.env.LOGWEAVE_PEERS_DIR ?? '/var/cache/logweave-peers',
  'syslog-ng',
);
const SYSLOG_NG = join(SYSLOG_NG_ROOT, 'usr/sbin/syslog-ng');
const SYSLOG_NG_LIB = join(SYSLOG_NG_ROOT, 'usr/lib/syslog-ng');
export const hasSyslogNg: boolean = (() => {
  if (!existsSync(SYSLOG_NG)) return false;
  const r = spawnSync(SYSLOG_NG, ['--version'], {
    env: { ...process.env, LD_LIBRARY_PATH: SYSLOG_NG_LIB },
    encoding: 'utf8',
  });
  return r.status === 0;
})();
export const NO_SYSLOG_NG = `syslog-ng is not unpacked in ${SYSLOG_NG_ROOT} (run .ci/syslog-ng-private.sh): the syslog-ng interop tests are skipped`;

function readJsonLines(file: string): ParsedSyslog[] {
  if (!existsSync(file)) return [];
  const out: ParsedSyslog[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const r = JSON.parse(line) as Record<string, string>;
    out.push({
      input: r.input ?? '',
      facility: Number(r.facility),
      severity: Number(r.severity),
      hostname: r.hostname ?? '',
      appname: r.appname ?? '',
      procid: r.procid ?? '',
      msgid: r.msgid ?? '',
      sd: r.sd ?? '',
      msg: r.msg ?? '',
    });
  }
  return out;
}

async function stopChild(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(t);
  }
  rmSync(dir, { recursive: true, force: true });
}

function daemon(
  name: string,
  child: ChildProcess,
  dir: string,
  out: string,
  endpoints: Endpoints,
  stderr: () => string,
): SyslogDaemon {
  return {
    name,
    endpoint: (kind, rfc) => endpoints[`${kind}/${rfc}`] ?? endpoints[kind] ?? null,
    records: () => readJsonLines(out),
    async waitRecords(n, ms = 10_000) {
      return waitFor(
        () => {
          const r = readJsonLines(out);
          return r.length >= n ? r : undefined;
        },
        ms,
        `${n} records at ${name} (have ${readJsonLines(out).length}; stderr: ${stderr()})`,
      );
    },
    stop: () => stopChild(child, dir),
  };
}

/** Waits until the daemon listens: a TCP connect to `port` succeeds and the socket exists. */
async function waitListening(
  port: number,
  socketPaths: string[],
  child: ChildProcess,
  stderr: () => string,
): Promise<void> {
  const { connect } = await import('node:net');
  await waitFor(
    () => {
      if (child.exitCode !== null)
        throw new Error(`daemon exited (${child.exitCode}): ${stderr()}`);
      return socketPaths.every((p) => existsSync(p)) ? true : undefined;
    },
    10_000,
    'the daemon socket',
  );
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`daemon never listened on ${port}: ${stderr()}`);
}

/** Starts a private rsyslogd with its own config on loopback ports and a unix socket in a temp dir. */
export async function startRsyslog(): Promise<SyslogDaemon> {
  const dir = tempDir('rsyslog');
  const ports = {
    udpPort: await freePort(),
    tcpPort: await freePort(),
    tcpNulPort: await freePort(),
  };
  const socketPath = join(dir, 'log.sock');
  const streamPath = join(dir, 'log-stream.sock');
  const out = join(dir, 'out.jsonl');
  const conf = join(dir, 'rsyslog.conf');
  writeFileSync(
    conf,
    `global(workDirectory="${dir}" maxMessageSize="64k")
module(load="imuxsock" SysSock.Use="off")
module(load="imudp")
module(load="imtcp")
module(load="imptcp")
input(type="imptcp" path="${streamPath}" name="unixstream" addtlFrameDelimiter="0")
input(type="imuxsock" Socket="${socketPath}" useSpecialParser="off" parseHostname="on" ratelimit.interval="0" createPath="off")
input(type="imudp" address="127.0.0.1" port="${ports.udpPort}" name="udp")
input(type="imtcp" address="127.0.0.1" port="${ports.tcpPort}" name="tcp")
input(type="imtcp" address="127.0.0.1" port="${ports.tcpNulPort}" name="tcpnul" addtlFrameDelimiter="0")
template(name="j" type="list" option.jsonf="on") {
  property(outname="input" name="inputname" format="jsonf")
  property(outname="facility" name="syslogfacility" format="jsonf")
  property(outname="severity" name="syslogseverity" format="jsonf")
  property(outname="hostname" name="hostname" format="jsonf")
  property(outname="appname" name="app-name" format="jsonf")
  property(outname="procid" name="procid" format="jsonf")
  property(outname="msgid" name="msgid" format="jsonf")
  property(outname="sd" name="structured-data" format="jsonf")
  property(outname="msg" name="msg" format="jsonf")
}
action(type="omfile" file="${out}" template="j" flushOnTXEnd="on" asyncWriting="off")
`,
  );
  const child = spawn(RSYSLOGD, ['-n', '-f', conf, '-i', join(dir, 'rsyslogd.pid')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d) => {
    err += String(d);
  });
  const stderr = () => err.slice(-2000);
  try {
    await waitListening(ports.tcpNulPort, [socketPath, streamPath], child, stderr);
  } catch (e) {
    await stopChild(child, dir);
    throw e;
  }
  const lo = '127.0.0.1';
  return daemon(
    'rsyslog',
    child,
    dir,
    out,
    {
      udp: [lo, ports.udpPort],
      'tcp-lf': [lo, ports.tcpPort],
      'tcp-octet': [lo, ports.tcpPort],
      'tcp-nul': [lo, ports.tcpNulPort],
      'unix-dgram': socketPath,
      'unix-stream': streamPath,
    },
    stderr,
  );
}

/**
 * Starts the private syslog-ng with its own config on loopback ports and unix sockets in a
 * temp dir. syslog-ng parses RFC 5424 only on inputs flagged `syslog-protocol`, and octet
 * counting only on its `syslog()` driver, so each format has its own inputs.
 */
export async function startSyslogNg(): Promise<SyslogDaemon> {
  const dir = tempDir('syslog-ng');
  const p = {
    udp3: await freePort(),
    tcp3: await freePort(),
    udp5: await freePort(),
    tcp5: await freePort(),
    oct5: await freePort(),
  };
  const sock = (n: string) => join(dir, `${n}.sock`);
  const out = join(dir, 'out.jsonl');
  const conf = join(dir, 'syslog-ng.conf');
  const lo = '127.0.0.1';
  const nl = 'no-multi-line';
  writeFileSync(
    conf,
    `@version: 3.38
options { stats-freq(0); keep-hostname(yes); use-dns(no); dns-cache(no); chain-hostnames(no); };
source s_udp3 { network(ip("${lo}") port(${p.udp3}) transport("udp") flags(${nl})); };
source s_tcp3 { network(ip("${lo}") port(${p.tcp3}) transport("tcp") flags(${nl})); };
source s_udp5 { network(ip("${lo}") port(${p.udp5}) transport("udp") flags(syslog-protocol, ${nl})); };
source s_tcp5 { network(ip("${lo}") port(${p.tcp5}) transport("tcp") flags(syslog-protocol, ${nl})); };
source s_oct5 { syslog(ip("${lo}") port(${p.oct5}) transport("tcp") flags(${nl})); };
source s_ud3 { unix-dgram("${sock('ud3')}" flags(${nl})); };
source s_ud5 { unix-dgram("${sock('ud5')}" flags(syslog-protocol, ${nl})); };
source s_us3 { unix-stream("${sock('us3')}" flags(${nl})); };
source s_us5 { unix-stream("${sock('us5')}" flags(syslog-protocol, ${nl})); };
destination d_json { file("${out}" template("$(format-json input=\${SOURCE} facility=int(\${FACILITY_NUM}) severity=int(\${LEVEL_NUM}) hostname=\${HOST} appname=\${PROGRAM} procid=\${PID} msgid=\${MSGID} sd=\${SDATA} msg=\${MSG})\\n") flush-lines(1)); };
log { source(s_udp3); source(s_tcp3); source(s_udp5); source(s_tcp5); source(s_oct5); source(s_ud3); source(s_ud5); source(s_us3); source(s_us5); destination(d_json); };
`,
  );
  const child = spawn(
    SYSLOG_NG,
    [
      '-F',
      '-f',
      conf,
      '-R',
      join(dir, 'persist'),
      '-p',
      join(dir, 'pid'),
      '-c',
      join(dir, 'ctl'),
      `--module-path=${join(SYSLOG_NG_LIB, '3.38')}`,
      '--no-caps',
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LD_LIBRARY_PATH: SYSLOG_NG_LIB },
    },
  );
  let err = '';
  child.stderr?.on('data', (d) => {
    err += String(d);
  });
  const stderr = () => err.slice(-2000);
  try {
    await waitListening(p.oct5, ['ud3', 'ud5', 'us3', 'us5'].map(sock), child, stderr);
  } catch (e) {
    await stopChild(child, dir);
    throw e;
  }
  return daemon(
    'syslog-ng',
    child,
    dir,
    out,
    {
      'udp/3164': [lo, p.udp3],
      'tcp-nul/3164': [lo, p.tcp3],
      'tcp-lf/3164': [lo, p.tcp3],
      'udp/5424': [lo, p.udp5],
      'tcp-nul/5424': [lo, p.tcp5],
      'tcp-lf/5424': [lo, p.tcp5],
      'tcp-octet/5424': [lo, p.oct5],
      'unix-dgram/3164': sock('ud3'),
      'unix-dgram/5424': sock('ud5'),
      'unix-stream/3164': sock('us3'),
      'unix-stream/5424': sock('us5'),
    },
    stderr,
  );
}
