/**
 * `npm run seed -- --children N [--per-bundle K]`: generates patronage data (scripts/seed-data.ts)
 * through the real write path — the gateway app in-process: validation, integrity checks, index
 * rows, write reactions (the child's visit plan) — into the database the environment names
 * (`DATABASE_URL` for PostgreSQL, else `DATABASE_PATH`). One transaction Bundle per K families
 * (default 1). Deterministic for a given N.
 */
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../src/config/config.js';
import { createGateway } from '../src/gateway/create-gateway.js';
import { openNodeStorage } from '../src/entry/node-storage.js';
import { createSqlResourceStore } from '../src/storage/sql/sql-resource-store.js';
import { seedThroughApp } from './seed-data.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** `--name N` from the command line, a positive whole number (`fallback` when absent). */
function countArgument(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} takes a positive whole number`);
  return value;
}

const children = countArgument('--children', 100);
const familiesPerBundle = countArgument('--per-bundle', 1);
const { databasePath } = parseConfig(process.env);
const storage = await openNodeStorage(process.env, databasePath, MIGRATIONS_DIR);
try {
  const { app } = await createGateway(createSqlResourceStore(storage.driver), {
    ...process.env,
    LOAD_DEMO_DATA: 'false',
  });
  const started = performance.now();
  const resources = await seedThroughApp(app, { children, familiesPerBundle });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `seeded ${children} children, ${resources} resources into ${storage.description} in ${seconds.toFixed(1)} s ` +
      `(${(resources / seconds).toFixed(0)} resources/s)`,
  );
} finally {
  await storage.close();
}
