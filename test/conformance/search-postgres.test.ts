// The search conformance suite (with the result parameters and the differential against the
// in-memory oracle) on the SQL store over PostgreSQL: the test server, or PGlite without it.
import { createSqlResourceStore } from '../../src/storage/sql/sql-resource-store.js';
import { vi } from 'vitest';
import { postgresDrivers, postgresKind, serverReachable } from './postgres-harness.js';
import { describeSearchConformance } from './search.suite.js';

const drivers = postgresDrivers();
// PGlite runs PostgreSQL in WebAssembly on this process's thread: each statement costs more.
if (!serverReachable) vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

describeSearchConformance(`SQL store on ${postgresKind}`, {
  createStore: async () => createSqlResourceStore(await drivers.open()),
});
