// The open-visit index (test/conformance/plan-activity.suite.ts) on D1, inside workerd.
import { createSqlResourceStore } from '../../src/storage/sql/sql-resource-store.js';
import { describePlanActivityIndex } from '../conformance/plan-activity.suite.js';
import { createFreshD1Driver } from './d1-harness.js';

describePlanActivityIndex('D1 (workerd)', async () => {
  const driver = await createFreshD1Driver();
  return { driver, store: createSqlResourceStore(driver) };
});
