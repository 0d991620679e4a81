import { describe, expect, it } from 'vitest';
import { ListenerConfigError, parseListenerConfig } from './listener-config.js';

const logging = { version: 1 };

describe('parseListenerConfig()', () => {
  it('fills the defaults of each source and of the endpoint', () => {
    const c = parseListenerConfig(
      { sources: { tcp: {}, zeromq: { uri: 'tcp://127.0.0.1:5557' } }, http: {}, logging },
      '/etc/lw',
    );
    expect(c.sources).toEqual({
      tcp: {
        host: undefined,
        port: undefined,
        path: undefined,
        maxFrameSize: undefined,
        maxConnections: undefined,
        frameTimeout: undefined,
      },
      zeromq: { uri: 'tcp://127.0.0.1:5557', socketType: 'pull', bind: true, hwm: undefined },
    });
    expect(c.http).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(c.shutdownTimeout).toBe(10_000);
    expect(c.baseDir).toBe('/etc/lw');
  });

  it.each([
    [{ sources: { tcp: {} } }, 'logging must be a dictConfig mapping'],
    [{ sources: {}, logging }, 'sources must name at least one of tcp, udp, zeromq, nng'],
    [
      { sources: { tcp: { port: 70000 } }, logging },
      'sources.tcp.port must be a port number (0..65535), not 70000',
    ],
    [
      { sources: { tcp: { prot: 1 } }, logging },
      'sources.tcp.prot is not a known option (known: host, port, path, maxFrameSize, maxConnections, frameTimeout)',
    ],
    [{ sources: { zeromq: {} }, logging }, 'sources.zeromq.uri must be a non-empty string'],
    [
      { sources: { zeromq: { uri: 'tcp://x:1', socketType: 'pub' } }, logging },
      'sources.zeromq.socketType must be pull or sub',
    ],
    [
      { sources: { udp: {} }, logging, shutdownTimeout: -1 },
      'shutdownTimeout must be a positive number, not -1',
    ],
    [
      { sources: { udp: {} }, logging, extra: 1 },
      'extra is not a known section (known: sources, http, shutdownTimeout, logging)',
    ],
    [[], 'the listener configuration must be a mapping'],
  ])('refuses %j with a message naming the item', (raw, message) => {
    expect(() => parseListenerConfig(raw)).toThrow(new ListenerConfigError(message));
  });
});
