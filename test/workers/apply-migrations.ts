// Runs in workerd before each test file: brings the D1 database to the schema of migrations/.
// applyD1Migrations skips migrations already applied, so running it again is harmless.
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
