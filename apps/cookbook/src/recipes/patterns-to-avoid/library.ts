import { getLogger, NullHandler } from '@logweave/core';

// A library configures nothing but a NullHandler on its top-level logger: what its records
// become is the application's choice.
const log = getLogger('mylib');
log.addHandler(new NullHandler());

export function checkDisk(freePercent: number): void {
  if (freePercent < 10) log.warning('disk almost full: %d%% free', freePercent);
}
