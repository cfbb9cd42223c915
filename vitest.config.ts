import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/contract/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // One file more than there are cores: many suites spend their time waiting on child processes and fsync.
    maxWorkers: availableParallelism() + 1,
  },
});
