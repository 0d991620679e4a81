import { defineConfig } from 'vitest/config';

// One run over every workspace package; each package also runs alone with its own config.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
  },
});
