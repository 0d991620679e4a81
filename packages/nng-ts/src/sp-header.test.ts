import { describe, expect, it } from 'vitest';
import { peerOf } from './protocol-ids.js';
import { encodeSpHeader, parseSpHeader, SpHeaderError } from './sp-header.js';

describe('encodeSpHeader()', () => {
  it('writes the SP magic, version 0 and the protocol number big-endian (NNG TCP transport spec)', () => {
    // sp-tcp-mapping: 0x00 'S' 'P' 0x00, protocol (16 bits, network order), reserved 0x0000. pub0 is 2*16+0.
    expect([...encodeSpHeader('pub0')]).toEqual([0x00, 0x53, 0x50, 0x00, 0x00, 0x20, 0x00, 0x00]);
  });
});

describe('parseSpHeader()', () => {
  it('round-trips every protocol and pairs each with its peer', () => {
    for (const name of [
      'pair0',
      'pub0',
      'sub0',
      'req0',
      'rep0',
      'push0',
      'pull0',
      'bus0',
    ] as const) {
      expect(parseSpHeader(encodeSpHeader(name))).toBe(name);
      expect(peerOf(peerOf(name))).toBe(name);
    }
  });

  it.each([
    ['an HTTP request', Buffer.from('GET / HT')],
    ['a short header', Buffer.from([0, 0x53, 0x50])],
    ['non-zero reserved bytes', Buffer.from([0, 0x53, 0x50, 0, 0, 0x20, 0, 1])],
    ['an unknown protocol', Buffer.from([0, 0x53, 0x50, 0, 0x12, 0x34, 0, 0])],
  ])('rejects %s with SpHeaderError', (_what, bytes) => {
    expect(() => parseSpHeader(bytes)).toThrow(SpHeaderError);
  });
});
