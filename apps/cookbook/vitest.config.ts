import { packageProject } from '../../vitest.shared.ts';

export default packageProject('cookbook', { timeoutMs: 150_000 });
