/**
 * How a syslog message is delimited on a stream socket (TCP or a unix stream socket):
 * - `'nul'`: the message followed by a NUL byte, as CPython's `SysLogHandler` sends it
 *   (`append_nul`); receivers need NUL as a frame delimiter (rsyslog `AddtlFrameDelimiter="0"`).
 * - `'lf'`: the message followed by LF (RFC 6587 "non-transparent framing", what most
 *   receivers expect by default).
 * - `'octet-counting'`: `<length> <message>` (RFC 6587 section 3.4.1, RFC 5425), which carries
 *   any byte, newlines included, unchanged.
 */
export type SyslogFraming = 'nul' | 'lf' | 'octet-counting';

const LF = 0x0a;
const NUL = 0x00;

/**
 * Escapes the delimiter bytes of the character-delimited framings inside a message, so that
 * a message can never end its frame early and forge a second record
 * (`"a\n<13>1 forged"` stays one record): LF becomes `#012` and NUL `#000`, the escapes
 * rsyslog and syslog-ng themselves use for control characters. Returns `payload` itself
 * when there is nothing to escape.
 */
export function escapeFrameDelimiters(payload: Buffer): Buffer {
  let n = 0;
  for (let i = 0; i < payload.length; i++) {
    const b = payload[i];
    if (b === LF || b === NUL) n++;
  }
  if (n === 0) return payload;
  const out = Buffer.allocUnsafe(payload.length + 3 * n);
  let j = 0;
  for (let i = 0; i < payload.length; i++) {
    const b = payload[i] as number;
    if (b === LF || b === NUL) {
      out[j++] = 0x23; // '#'
      out[j++] = 0x30; // '0'
      out[j++] = b === LF ? 0x31 : 0x30;
      out[j++] = b === LF ? 0x32 : 0x30;
    } else {
      out[j++] = b;
    }
  }
  return out;
}

/**
 * Frames one encoded syslog message (`<PRI>...`, without a trailing NUL) for a stream socket.
 * `'nul'` and `'lf'` escape the delimiters inside the message ({@link escapeFrameDelimiters});
 * `'octet-counting'` leaves it untouched.
 */
export function frameSyslogMessage(payload: Buffer, framing: SyslogFraming): Buffer {
  if (framing === 'octet-counting') {
    return Buffer.concat([Buffer.from(`${payload.length} `, 'latin1'), payload]);
  }
  const body = escapeFrameDelimiters(payload);
  const out = Buffer.allocUnsafe(body.length + 1);
  body.copy(out, 0);
  out[body.length] = framing === 'lf' ? LF : NUL;
  return out;
}
