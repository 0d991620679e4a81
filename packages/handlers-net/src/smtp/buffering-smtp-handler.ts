import { BufferingHandler, Formatter } from '@logweave/core';
import { SMTPMailer, type SMTPMailerOptions } from './smtp-mailer.js';

/** Options of {@link BufferingSMTPHandler}. */
export interface BufferingSMTPHandlerOptions extends SMTPMailerOptions {
  /** The sender. */
  fromaddr: string;
  /** The recipients. */
  toaddrs: string | readonly string[];
  /** The subject of every mail. */
  subject: string;
  /** Records per mail. */
  capacity: number;
}

/**
 * The cookbook's `BufferingSMTPHandler` ("Sending logging messages to email, with
 * buffering"): keeps records until `capacity` of them are buffered, then mails them all in
 * one message, one formatted record per line (`%(asctime)s %(levelname)-5s %(message)s`
 * unless a formatter is set). `flush()` (and `close()`) mail what is left.
 *
 * ```ts check
 * const h = new BufferingSMTPHandler({
 *   mailhost: ['localhost', 25], fromaddr: 'app@example.com', toaddrs: ['ops@example.com'],
 *   subject: 'App log', capacity: 10,
 * });
 * getLogger().addHandler(h);
 * ```
 */
export class BufferingSMTPHandler extends BufferingHandler {
  fromaddr: string;
  toaddrs: string[];
  subject: string;
  /** The mail sender (host, port, credentials, timeouts, drop accounting). */
  readonly mailer: SMTPMailer;

  constructor(options: BufferingSMTPHandlerOptions) {
    super(options.capacity);
    this.fromaddr = options.fromaddr;
    this.toaddrs = typeof options.toaddrs === 'string' ? [options.toaddrs] : [...options.toaddrs];
    this.subject = options.subject;
    this.mailer = new SMTPMailer(options, 'BufferingSMTPHandler');
    this.setFormatter(new Formatter('%(asctime)s %(levelname)-5s %(message)s'));
  }

  /** Records not mailed. */
  get dropped(): number {
    return this.mailer.drops.dropped;
  }

  /** Mails the buffered records (one per line, CRLF-separated as the recipe) and empties the buffer. */
  override flush(): void {
    if (this.buffer.length === 0) return;
    const records = this.buffer;
    this.buffer = [];
    try {
      let text = '';
      for (const r of records) text += `${this.format(r)}\r\n`;
      this.mailer.send(
        { from: this.fromaddr, to: this.toaddrs, subject: this.subject, text },
        records.length,
      );
    } catch (e) {
      this.handleError(records[0] as (typeof records)[0], e);
    }
  }

  /** Resolves when no mail is in flight. */
  drain(): Promise<void> {
    return this.mailer.drain();
  }

  /** Mails what is left, then closes the connection once the mails in flight are done. */
  override close(): void {
    super.close();
    this.mailer.close();
  }
}
