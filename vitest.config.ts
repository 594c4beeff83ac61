import { defineConfig } from 'vitest/config';

// Two projects: `node` (unit, integration, conformance on Node) and `workers` (inside workerd
// with D1, configured in test/workers/vitest.config.ts). `vitest run` runs both.
export default defineConfig({
  test: {
    // vitest runs availableParallelism() - 1 files at once: one on a two-core CI machine. Most
    // integration files spend their time waiting on the server they started, so two at once
    // roughly halve the wall time there without starving either.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          setupFiles: ['test/setup/emitted-fhir.ts'],
          globalSetup: ['test/setup/build-node-server.ts'],
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/workers/**', 'node_modules/**'],
        },
      },
      'test/workers/vitest.config.ts',
    ],
  },
});
