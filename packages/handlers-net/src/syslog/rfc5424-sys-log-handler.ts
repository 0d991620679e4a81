import { RFC5424Formatter, type RFC5424FormatterOptions } from './rfc5424-formatter.js';
import { SysLogHandler, type SysLogHandlerOptions } from './sys-log-handler.js';

/** Options of {@link RFC5424SysLogHandler}: the handler's and the formatter's. */
export interface RFC5424SysLogHandlerOptions
  extends SysLogHandlerOptions,
    RFC5424FormatterOptions {}

/**
 * A {@link SysLogHandler} that sends RFC 5424 messages (the cookbook's "Syslog with RFC 5424"
 * recipe): an {@link RFC5424Formatter} as its formatter, no trailing NUL on datagrams, and
 * RFC 6587 octet counting on streams unless `framing` says otherwise.
 *
 * ```ts check
 * const h = new RFC5424SysLogHandler({ address: ['127.0.0.1', 514], socktype: 'tcp', appName: 'myapp' });
 * getLogger('app').addHandler(h);
 * getLogger('app').info('logged in', kw({ extra: { msgid: 'LOGIN', structured_data: { 'auth@32473': { user: 'ann' } } } }));
 * ```
 */
export class RFC5424SysLogHandler extends SysLogHandler {
  constructor(options: RFC5424SysLogHandlerOptions = {}) {
    super({ ...options, framing: options.framing ?? 'octet-counting' });
    this.append_nul = false;
    this.setFormatter(new RFC5424Formatter(options));
  }
}
