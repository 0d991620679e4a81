/** `syslog-tcp`: `info('hello world')` as RFC 3164 syslog over TCP to a receiver process (see lib/syslog-setups.ts). */
import { runScenario } from '../lib/harness.js';
import { syslogSetups } from '../lib/syslog-setups.js';

await runScenario(syslogSetups(true));
