/** A minimal protobuf writer (varint, fixed, length-delimited), enough for OTLP requests. */
export class ProtobufWriter {
  #buf: Uint8Array = new Uint8Array(256);
  #view = new DataView(this.#buf.buffer);
  #pos = 0;
  #stack: number[] = [];

  #ensure(n: number): void {
    if (this.#pos + n <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < this.#pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#buf.subarray(0, this.#pos));
    this.#buf = next;
    this.#view = new DataView(next.buffer);
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
    this.#view.setFloat64(this.#pos, v, true);
    this.#pos += 8;
    return this;
  }

  fixed64(field: number, v: bigint): this {
    this.#tag(field, 1);
    this.#ensure(8);
    this.#view.setBigUint64(this.#pos, BigInt.asUintN(64, v), true);
    this.#pos += 8;
    return this;
  }

  fixed32(field: number, v: number): this {
    this.#tag(field, 5);
    this.#ensure(4);
    this.#view.setUint32(this.#pos, v >>> 0, true);
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
    return this.bytes(field, Buffer.from(v, 'utf8'));
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
    return this.#buf.slice(0, this.#pos);
  }
}
