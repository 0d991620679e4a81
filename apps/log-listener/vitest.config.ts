import { packageProject } from '../../vitest.shared.ts';

export default packageProject('log-listener', { timeoutMs: 90_000 });
