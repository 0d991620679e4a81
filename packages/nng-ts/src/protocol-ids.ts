/**
 * Scalability-protocol numbers as sent in the SP connection header (NNG's `NNI_PROTO(major, minor)`:
 * major * 16 + minor). Each protocol names the peer protocol it accepts.
 */
export const Protocol = {
  pair0: 0x10,
  pair1: 0x11,
  pub0: 0x20,
  sub0: 0x21,
  req0: 0x30,
  rep0: 0x31,
  push0: 0x50,
  pull0: 0x51,
  surveyor0: 0x62,
  respondent0: 0x63,
  bus0: 0x70,
} as const;

/** A protocol name, such as `'pub0'`. */
export type ProtocolName = keyof typeof Protocol;

const peers: Record<ProtocolName, ProtocolName> = {
  pair0: 'pair0',
  pair1: 'pair1',
  pub0: 'sub0',
  sub0: 'pub0',
  req0: 'rep0',
  rep0: 'req0',
  push0: 'pull0',
  pull0: 'push0',
  surveyor0: 'respondent0',
  respondent0: 'surveyor0',
  bus0: 'bus0',
};

/** The protocol a socket of protocol `name` must be connected to. */
export function peerOf(name: ProtocolName): ProtocolName {
  return peers[name];
}

/** The protocol name for a protocol number, or undefined when unknown. */
export function protocolName(id: number): ProtocolName | undefined {
  for (const [name, value] of Object.entries(Protocol))
    if (value === id) return name as ProtocolName;
  return undefined;
}
