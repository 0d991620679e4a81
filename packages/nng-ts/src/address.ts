import { AddressInvalid } from './errors.js';

/** Where a dialer connects or a listener binds, parsed from an NNG URL. */
export type Address =
  | { transport: 'tcp'; host: string; port: number }
  | { transport: 'ipc'; path: string };

/**
 * Parses `tcp://host:port`, `tcp://[::1]:port`, `tcp://*:port` (all interfaces; port 0 picks a
 * free port) and `ipc:///absolute/path` (or `ipc://relative/path`), as NNG spells them.
 */
export function parseAddress(url: string): Address {
  const m = /^([a-z0-9]+):\/\/(.*)$/.exec(url);
  if (m === null) throw new AddressInvalid(`not an NNG URL: ${JSON.stringify(url)}`);
  const [, scheme, rest] = m as unknown as [string, string, string];
  if (scheme === 'ipc') {
    if (rest === '') throw new AddressInvalid(`ipc URL without a path: ${JSON.stringify(url)}`);
    return { transport: 'ipc', path: rest };
  }
  if (scheme === 'tcp' || scheme === 'tcp4' || scheme === 'tcp6') {
    const hp = /^(?:\[([^\]]*)\]|([^:/[\]]*)):(\d{1,5})$/.exec(rest);
    if (hp === null) throw new AddressInvalid(`tcp URL needs host:port: ${JSON.stringify(url)}`);
    const port = Number(hp[3]);
    if (port > 65535) throw new AddressInvalid(`tcp port out of range: ${JSON.stringify(url)}`);
    let host = hp[1] ?? hp[2] ?? '';
    if (host === '*') host = '';
    return { transport: 'tcp', host, port };
  }
  throw new AddressInvalid(
    `unsupported transport ${JSON.stringify(scheme)} in ${JSON.stringify(url)} (tcp:// and ipc:// are)`,
  );
}

/** The URL of an address, with `[...]` around IPv6 hosts. */
export function formatAddress(a: Address): string {
  if (a.transport === 'ipc') return `ipc://${a.path}`;
  const host = a.host.includes(':') ? `[${a.host}]` : a.host === '' ? '*' : a.host;
  return `tcp://${host}:${a.port}`;
}
