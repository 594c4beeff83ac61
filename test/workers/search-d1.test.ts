// The search conformance suite on the SQL store over D1, inside workerd. Each store is a freshly
// reset database, so the suite's stores are used one after another, never side by side.
import { createSqlResourceStore } from '../../src/storage/sql/sql-resource-store.js';
import { describeSearchConformance } from '../conformance/search.suite.js';
import { createFreshD1Driver } from './d1-harness.js';

describeSearchConformance('SQL store on D1 (workerd)', {
  createStore: async () => createSqlResourceStore(await createFreshD1Driver()),
  derivedQueries: 600,
});
