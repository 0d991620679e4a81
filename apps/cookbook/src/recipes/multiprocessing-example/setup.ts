// Module state every process of recipe 22 starts with. On POSIX, Python forks its
// processes, so the parent's 'setup' logger already exists in each child; Node starts
// children afresh, so each process creates it here, as the fork would have.
import { getLogger } from '@logweave/core';

/** The main process's logger, which the children's configurations must keep quiet. */
export const setupLogger = getLogger('setup');
