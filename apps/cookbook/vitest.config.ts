import { packageProject } from '../../vitest.shared.ts';

export default packageProject('cookbook', { timeoutMs: 60_000 });
