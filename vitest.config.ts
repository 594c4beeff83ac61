import { defineConfig } from 'vitest/config';

// Two projects: `node` (unit, integration, conformance on Node) and `workers` (inside workerd
// with D1, configured in test/workers/vitest.config.ts). `vitest run` runs both.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          setupFiles: ['test/setup/emitted-fhir.ts'],
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/workers/**', 'node_modules/**'],
        },
      },
      'test/workers/vitest.config.ts',
    ],
  },
});
