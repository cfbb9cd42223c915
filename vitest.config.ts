import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/** Files that replace modules (vi.mock): each runs with a module registry of its own. */
const MOCKING = [
  'tests/unit/store-location.test.ts',
  'tests/unit/renderer/history-saver.test.ts',
  'tests/unit/renderer/article-filter.test.ts',
  'tests/unit/electron/ipc-adapter.test.ts',
  'tests/unit/electron/main.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    // One file more than there are cores: many suites spend their time waiting on child processes and fsync.
    maxWorkers: availableParallelism() + 1,
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['tests/unit/**/*.test.ts', 'tests/contract/**/*.test.ts'],
          exclude: MOCKING,
          // A worker's files share the modules they import, loaded once: a fresh registry per file cost
          // minutes of module loading over the suite. No file here replaces a module or keeps state in one.
          isolate: false,
        },
      },
      { extends: true, test: { name: 'isolated', include: MOCKING } },
    ],
  },
});
