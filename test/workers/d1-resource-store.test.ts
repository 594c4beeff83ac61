// The SQL store over D1, inside workerd, against the storage conformance suite.
import { createSqlResourceStore } from '../../src/storage/sql/sql-resource-store.js';
import { describeResourceStoreConformance } from '../conformance/resource-store.suite.js';
import { createFreshD1Driver } from './d1-harness.js';

describeResourceStoreConformance('SQL store on D1 (workerd)', {
  createStore: async () => createSqlResourceStore(await createFreshD1Driver()),
});
