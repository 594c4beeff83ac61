/**
 * Rebuilds the search index rows of every current resource, without new versions: for data
 * stored before the index existed (migration 0002) or after the parameter registry changed.
 * @module
 */
import type { SearchIndexRows } from '../../search/index-rows.js';
import type { ResourceWrite } from '../port.js';
import { unitIndexStatements } from './index-write-sql.js';
import type { SqlDriver } from './sql-driver.js';

/** Re-extracts and replaces the index rows of all current resources; returns how many. */
export async function reindexSqlStore(
  driver: SqlDriver,
  extract: (resource: fhir4.Resource) => SearchIndexRows,
  chunkSize = 500,
): Promise<number> {
  let after: [string, string] = ['', ''];
  let total = 0;
  for (;;) {
    const rows = await driver.all<{ resource_type: string; id: string; content: string }>({
      sql:
        'SELECT resource_type, id, content FROM resource_current WHERE deleted = 0 AND content IS NOT NULL ' +
        'AND (resource_type > ? OR (resource_type = ? AND id > ?)) ORDER BY resource_type, id LIMIT ?',
      params: [after[0], after[0], after[1], chunkSize],
    });
    if (rows.length === 0) return total;
    const writes: ResourceWrite[] = rows.map((row) => {
      const resource = JSON.parse(row.content) as fhir4.Resource;
      // `expect` other than absent makes unitIndexStatements delete the old rows first.
      return {
        resourceType: row.resource_type,
        id: row.id,
        versionId: '0',
        lastUpdated: '',
        method: 'PUT',
        resource,
        index: extract(resource),
        expect: { kind: 'version', versionId: '0' },
      };
    });
    await driver.batch(unitIndexStatements(writes));
    total += rows.length;
    const last = rows[rows.length - 1]!;
    after = [last.resource_type, last.id];
  }
}
