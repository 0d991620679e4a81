import { getLogger } from '@logweave/core';

// A second module with its own child logger; its ERROR record also passes the console handler.
const log = getLogger('spam_application.report');

export function writeReport(rows: number): void {
  log.debug('writing a report of %d rows', rows);
  if (rows === 0) log.error('report is empty: nothing to write');
}
