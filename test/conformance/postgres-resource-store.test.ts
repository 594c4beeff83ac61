// The SQL store on PostgreSQL (the test server, or PGlite when it is not reachable) against the
// storage conformance suite, which includes the integrity and read guard suites.
import { createSqlResourceStore } from '../../src/storage/sql/sql-resource-store.js';
import { postgresDrivers, postgresKind } from './postgres-harness.js';
import { describeResourceStoreConformance } from './resource-store.suite.js';

const drivers = postgresDrivers();

describeResourceStoreConformance(`SQL store on ${postgresKind}`, {
  createStore: async () => createSqlResourceStore(await drivers.open()),
});
