import { defaultServerConditions } from 'vite';
import { defineProject } from 'vitest/config';

/**
 * Per-package vitest project. Workspace packages resolve to their `src/` through the
 * `@logweave/source` export condition, so tests never need a build.
 */
export function packageProject(name: string, options: { timeoutMs?: number } = {}) {
  return defineProject({
    ssr: { resolve: { conditions: ['@logweave/source', ...defaultServerConditions] } },
    resolve: { conditions: ['@logweave/source', ...defaultServerConditions] },
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
      testTimeout: options.timeoutMs ?? 20_000,
      hookTimeout: 20_000,
    },
  });
}
