// Tests that run inside workerd (the Workers runtime) with a local D1 database, through
// @cloudflare/vitest-pool-workers. The root vitest.config.ts runs this file as the `workers`
// project; `npm run test:workers` runs it alone.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const fromRoot = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export default defineConfig(async () => {
  const migrations = await readD1Migrations(fromRoot('migrations'));
  return {
    // Paths below are relative to this folder, whether run alone or as a project of the root config.
    root: fileURLToPath(new URL('.', import.meta.url)),
    plugins: [
      cloudflareTest({
        // The real entry and wrangler.toml: same D1 binding, vars and compatibility date as deployed.
        main: fromRoot('src/entry/worker.ts'),
        wrangler: { configPath: fromRoot('wrangler.toml') },
        // Test-only binding: the migrations, applied by apply-migrations.ts inside workerd.
        // WHO_GROWTH: an R2 bucket for the growth tables, empty unless a test puts them (decision 025).
        miniflare: { bindings: { TEST_MIGRATIONS: migrations }, r2Buckets: ['WHO_GROWTH'] },
      }),
    ],
    test: {
      name: 'workers',
      include: ['**/*.test.ts'],
      setupFiles: ['./apply-migrations.ts'],
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  };
});
