import type { ProtocolName } from '../protocol-ids.js';
import { Rep0 } from './rep0.js';

/**
 * RESPONDENT (respondent0): `recv()` a survey, then `send()` the answer, routed back to the
 * surveyor that asked (the same backtrace rules as REP). `send()` without a survey received
 * rejects with BadState.
 */
export class Respondent0 extends Rep0 {
  // The wire behaviour is REP's; only the protocol number differs.
  override readonly protocol: ProtocolName = 'respondent0';
}
