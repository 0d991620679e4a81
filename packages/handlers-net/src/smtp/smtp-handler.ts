import { Handler, type LogRecord } from '@logweave/core';
import { SMTPMailer, type SMTPMailerOptions } from './smtp-mailer.js';

/** Options of {@link SMTPHandler} beyond CPython's parameters. */
export type SMTPHandlerOptions = Pick<SMTPMailerOptions, 'maxPending' | 'onDrop'>;

/**
 * CPython's `logging.handlers.SMTPHandler`: one mail per record, through `nodemailer`. The
 * mail goes out in the background, so a slow or silent server never blocks the logging call;
 * every network step has the `timeout`, and failures are counted (`dropped`).
 *
 * ```ts check
 * const h = new SMTPHandler(['localhost', 25], 'app@example.com', ['ops@example.com'], 'App error');
 * h.setLevel('ERROR');
 * getLogger().addHandler(h);
 * ```
 *
 * Override points: `getSubject(record)`, `format(record)` (the body), `makeMail(record)`.
 */
export class SMTPHandler extends Handler {
  /** The sender. */
  fromaddr: string;
  /** The recipients. */
  toaddrs: string[];
  /** The subject (see `getSubject`). */
  subject: string;
  /** The mail sender (host, port, credentials, timeouts, drop accounting). */
  readonly mailer: SMTPMailer;

  /**
   * CPython's signature `SMTPHandler(mailhost, fromaddr, toaddrs, subject, credentials=None,
   * secure=None, timeout=5.0)`, plus {@link SMTPHandlerOptions}.
   */
  constructor(
    mailhost: string | readonly [string, number],
    fromaddr: string,
    toaddrs: string | readonly string[],
    subject: string,
    credentials: readonly [string, string] | null = null,
    secure: object | readonly unknown[] | null = null,
    timeout = 5.0,
    options: SMTPHandlerOptions = {},
  ) {
    super();
    this.fromaddr = fromaddr;
    this.toaddrs = typeof toaddrs === 'string' ? [toaddrs] : [...toaddrs];
    this.subject = subject;
    this.mailer = new SMTPMailer(
      { mailhost, credentials, secure, timeout, ...options },
      'SMTPHandler',
    );
  }

  /** Records not mailed (server unreachable, refused, timed out, too many in flight). */
  get dropped(): number {
    return this.mailer.drops.dropped;
  }

  /** The subject of the mail for `record` (CPython's override point). */
  getSubject(_record: LogRecord): string {
    return this.subject;
  }

  /** Sends one mail: the formatted record as its body. */
  override emit(record: LogRecord): void {
    try {
      this.mailer.send({
        from: this.fromaddr,
        to: this.toaddrs,
        subject: this.getSubject(record),
        text: this.format(record),
      });
    } catch (e) {
      this.handleError(record, e);
    }
  }

  /** Resolves when no mail is in flight. */
  drain(): Promise<void> {
    return this.mailer.drain();
  }

  /** Closes the connection once the mails in flight are done. */
  override close(): void {
    this.mailer.close();
    super.close();
  }
}
