// The SQL store on PostgreSQL (the test server, or PGlite when it is not reachable) against the
// storage conformance suite, which includes the integrity and read guard suites.
import { createSqlResourceStore } from '../../src/storage/sql/sql-resource-store.js';
import { vi } from 'vitest';
import { postgresDrivers, postgresKind, serverReachable } from './postgres-harness.js';
import { describeResourceStoreConformance } from './resource-store.suite.js';

const drivers = postgresDrivers();
// PGlite runs PostgreSQL in WebAssembly on this process's thread: each statement costs more.
if (!serverReachable) vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

describeResourceStoreConformance(`SQL store on ${postgresKind}`, {
  createStore: async () => createSqlResourceStore(await drivers.open()),
});
