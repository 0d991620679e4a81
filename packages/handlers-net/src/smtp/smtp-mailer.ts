import { createTransport, type Transporter } from 'nodemailer';
import { DropAccounting, type NetDropReport } from '../drop-accounting.js';

/** How to reach the mail server: CPython's `SMTPHandler` parameters. */
export interface SMTPMailerOptions {
  /** The server, `host` or `[host, port]`. Port 25 (CPython's `smtplib.SMTP_PORT`) by default. */
  mailhost: string | readonly [string, number];
  /** `[username, password]` to log in with. */
  credentials?: readonly [string, string] | null;
  /**
   * CPython's `secure`: any value (even `[]`) makes the handler use STARTTLS before logging in;
   * here an object of Node TLS options (`{ rejectUnauthorized: false }`...). Only used with
   * credentials, as in CPython. @default null
   */
  secure?: object | readonly unknown[] | null;
  /** Connect, greeting and socket timeouts, in seconds. @default 5.0 */
  timeout?: number;
  /** Mails in flight beyond which new ones are dropped (counted). @default 64 */
  maxPending?: number;
  /** Receives loss reports (once per state change). @default a line on stderr */
  onDrop?: (report: NetDropReport) => void;
}

/** One mail to send. */
export interface Mail {
  from: string;
  to: readonly string[];
  subject: string;
  text: string;
  date?: Date;
}

/**
 * Sends mails with `nodemailer` in the background: at most `maxPending` at once, each bounded
 * by the timeouts, failures counted in a {@link DropAccounting}. Shared by the SMTP handlers.
 */
export class SMTPMailer {
  readonly mailhost: string;
  readonly mailport: number | null;
  readonly username: string | null;
  readonly password: string | null;
  readonly secure: object | readonly unknown[] | null;
  readonly timeout: number;
  readonly drops: DropAccounting;
  /** Records (not mails) delivered so far. */
  delivered = 0;
  readonly #maxPending: number;
  #transport: Transporter | null = null;
  #pending = 0;
  #waiters: (() => void)[] = [];

  constructor(options: SMTPMailerOptions, target: string) {
    if (Array.isArray(options.mailhost)) {
      [this.mailhost, this.mailport] = options.mailhost as [string, number];
    } else {
      this.mailhost = options.mailhost as string;
      this.mailport = null;
    }
    const c = options.credentials;
    this.username = c ? c[0] : null;
    this.password = c ? c[1] : null;
    this.secure = options.secure ?? null;
    this.timeout = options.timeout ?? 5.0;
    this.#maxPending = options.maxPending ?? 64;
    this.drops = new DropAccounting(
      `${target}(${this.mailhost}:${this.mailport ?? 25})`,
      options.onDrop,
    );
  }

  #transporter(): Transporter {
    if (this.#transport) return this.#transport;
    const ms = this.timeout * 1000;
    const login = this.username !== null;
    const tls = login && this.secure !== null;
    this.#transport = createTransport({
      host: this.mailhost,
      port: this.mailport ?? 25,
      secure: false,
      // CPython never upgrades unless it logs in with `secure` set.
      ignoreTLS: !tls,
      requireTLS: tls,
      tls: tls && !Array.isArray(this.secure) ? (this.secure as object) : undefined,
      auth: login ? { user: this.username as string, pass: this.password ?? '' } : undefined,
      connectionTimeout: ms,
      greetingTimeout: ms,
      socketTimeout: ms,
      dnsTimeout: ms,
    });
    return this.#transport;
  }

  /** Sends `mail`, carrying `records` records, in the background; never throws for I/O. */
  send(mail: Mail, records = 1): void {
    if (this.#pending >= this.#maxPending) {
      this.drops.drop('too many mails in flight', records);
      return;
    }
    this.#pending++;
    this.#transporter()
      .sendMail({
        from: mail.from,
        to: mail.to.join(','),
        subject: mail.subject,
        text: mail.text,
        date: mail.date ?? new Date(),
      })
      .then(
        () => {
          this.delivered += records;
          this.drops.delivered();
        },
        (e: unknown) => this.drops.drop('send failed', records, e),
      )
      .finally(() => {
        this.#pending--;
        if (this.#pending === 0) for (const w of this.#waiters.splice(0)) w();
      });
  }

  /** Resolves when no mail is in flight. */
  drain(): Promise<void> {
    if (this.#pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Closes the transport once the mails in flight are done. */
  close(): void {
    const t = this.#transport;
    if (t) void this.drain().then(() => t.close());
  }
}
