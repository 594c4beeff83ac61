/**
 * The gateway as the Node entry composes it over an open database: the metrics and their timed
 * SQL driver, the outbox, the growth tables, the mappings, the national register look-up and the
 * batched request log. `npm start` serves it; the HTTP benchmarks serve the same composition, so
 * that what they measure is what runs.
 * @module
 */
import { createGateway } from '../gateway/create-gateway.js';
import { sqlReadiness } from '../gateway/sql-readiness.js';
import { createSqlOutboxQueue } from '../exchange/sql-outbox-queue.js';
import { createFhirRegisterLookup } from '../exchange/lookup/fhir-register-lookup.js';
import { createGatewayMetrics } from '../http/ops/gateway-metrics.js';
import { createSqlResourceStore } from '../storage/sql/sql-resource-store.js';
import { timeSqlDriver } from '../storage/sql/timed-sql-driver.js';
import { withJwksFile } from './auth-keys-file.js';
import { createBatchedLineWriter } from './batched-line-writer.js';
import { readGrowthTablesDir } from './growth-tables-dir.js';
import { readMappingSources } from './mapping-files.js';
import type { NodeStorage } from './node-storage.js';
import { nodeViewerAssets } from './node-viewer-assets.js';

/** Builds the gateway over `storage` with the Node entry's runtime parts. */
export async function createNodeGateway(env: Record<string, string | undefined>, storage: NodeStorage) {
  const metrics = createGatewayMetrics();
  const driver = timeSqlDriver(storage.driver, (operation, seconds) =>
    metrics.database.observe({ operation }, seconds),
  );
  const store = createSqlResourceStore(driver);
  const outbox = createSqlOutboxQueue(driver);
  const gateway = await createGateway(store, withJwksFile(env), {
    metrics,
    readiness: sqlReadiness(driver, storage.migrationsTable),
    viewerAssets: nodeViewerAssets(),
    growth: readGrowthTablesDir(env),
    mappingSources: readMappingSources(),
    outbox,
    registerLookup: createFhirRegisterLookup,
    logWrite: createBatchedLineWriter(),
  });
  return { ...gateway, store, outbox };
}
