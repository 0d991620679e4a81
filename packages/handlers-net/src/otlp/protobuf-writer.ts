/** A minimal protobuf writer (varint, fixed, length-delimited), enough for OTLP requests. */
export class ProtobufWriter {
  #buf: Buffer = Buffer.allocUnsafe(4096);
  #pos = 0;
  #stack: number[] = [];

  #ensure(n: number): void {
    if (this.#pos + n <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < this.#pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.#buf.copy(next, 0, 0, this.#pos);
    this.#buf = next;
  }

  #varint(v: number): void {
    this.#ensure(10);
    while (v > 0x7f) {
      this.#buf[this.#pos++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    this.#buf[this.#pos++] = v;
  }

  #varint64(v: bigint): void {
    this.#ensure(10);
    let x = BigInt.asUintN(64, v);
    while (x > 0x7fn) {
      this.#buf[this.#pos++] = Number(x & 0x7fn) | 0x80;
      x >>= 7n;
    }
    this.#buf[this.#pos++] = Number(x);
  }

  #tag(field: number, wire: number): void {
    this.#varint(field * 8 + wire);
  }

  uint32(field: number, v: number): this {
    this.#tag(field, 0);
    this.#varint(v >>> 0);
    return this;
  }

  int64(field: number, v: bigint): this {
    this.#tag(field, 0);
    this.#varint64(v);
    return this;
  }

  bool(field: number, v: boolean): this {
    this.#tag(field, 0);
    this.#varint(v ? 1 : 0);
    return this;
  }

  double(field: number, v: number): this {
    this.#tag(field, 1);
    this.#ensure(8);
    this.#buf.writeDoubleLE(v, this.#pos);
    this.#pos += 8;
    return this;
  }

  fixed64(field: number, v: bigint): this {
    this.#tag(field, 1);
    this.#ensure(8);
    this.#buf.writeBigUInt64LE(BigInt.asUintN(64, v), this.#pos);
    this.#pos += 8;
    return this;
  }

  fixed32(field: number, v: number): this {
    this.#tag(field, 5);
    this.#ensure(4);
    this.#buf.writeUInt32LE(v >>> 0, this.#pos);
    this.#pos += 4;
    return this;
  }

  bytes(field: number, v: Uint8Array): this {
    this.#tag(field, 2);
    this.#varint(v.length);
    this.#ensure(v.length);
    this.#buf.set(v, this.#pos);
    this.#pos += v.length;
    return this;
  }

  string(field: number, v: string): this {
    this.#tag(field, 2);
    const n = v.length < 128 && isAscii(v) ? v.length : Buffer.byteLength(v, 'utf8');
    this.#varint(n);
    this.#ensure(n);
    this.#buf.write(v, this.#pos, n, n === v.length ? 'latin1' : 'utf8');
    this.#pos += n;
    return this;
  }

  /** Starts an embedded message (ended by `end()`); its length is written when it ends. */
  begin(field: number): this {
    this.#tag(field, 2);
    // Reserve 5 bytes for the length (any message under 2^35 bytes), fixed up by end().
    this.#ensure(5);
    this.#stack.push(this.#pos);
    this.#pos += 5;
    return this;
  }

  /** Ends the embedded message begun last. */
  end(): this {
    const at = this.#stack.pop() as number;
    let len = this.#pos - at - 5;
    // A padded varint: 5 bytes, continuation bits set on the first four.
    for (let i = 0; i < 4; i++) {
      this.#buf[at + i] = (len & 0x7f) | 0x80;
      len = Math.floor(len / 128);
    }
    this.#buf[at + 4] = len & 0x7f;
    return this;
  }

  /** The bytes written so far. */
  finish(): Uint8Array {
    return Buffer.from(this.#buf.subarray(0, this.#pos));
  }
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}
