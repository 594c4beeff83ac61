// The search conformance suite (with the result parameters and the differential against the
// in-memory oracle) on the SQL store over PostgreSQL: the test server, or PGlite without it.
import { createSqlResourceStore } from '../../src/storage/sql/sql-resource-store.js';
import { postgresDrivers, postgresKind } from './postgres-harness.js';
import { describeSearchConformance } from './search.suite.js';

const drivers = postgresDrivers();

describeSearchConformance(`SQL store on ${postgresKind}`, {
  createStore: async () => createSqlResourceStore(await drivers.open()),
});
