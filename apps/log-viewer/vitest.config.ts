import { packageProject } from '../../vitest.shared.ts';

export default packageProject('log-viewer', { timeoutMs: 120_000 });
