/**
 * {@link ResourceStore} over any {@link SqlDriver}, in the neutral SQL that SQLite, D1 and
 * PostgreSQL share. Preconditions become guard rows checked inside the same atomic batch.
 * @module
 */
import {
  type HistoryPage,
  type HistoryQuery,
  type ResourceStore,
  type ResourceWrite,
  type StoredVersion,
  type UnitOfWork,
  type WriteMethod,
} from '../port.js';
import type { SqlDriver, SqlStatement, SqlValue } from './sql-driver.js';
import { unitIndexStatements } from './index-write-sql.js';
import {
  CURRENT_COLUMNS,
  CURRENT_UPSERT,
  VERSION_COLUMNS,
  groupedWriteStatements,
  lastUpdatedMs,
  pushRow,
  readGuardStatements,
} from './grouped-writes.js';
import { guardStatement as searchGuardStatement } from './search-query.js';
import { searchSql } from './sql-search.js';
import { explainConflict } from './explain-conflict.js';
import { integrityStatements } from './integrity-sql.js';
import { outboxStatements } from './outbox-sql.js';
import { createSqlPlanActivityIndex } from './plan-activity-query.js';

/** A row of `resource_current` or `resource_history`. */
export interface VersionRow {
  resource_type: string;
  id: string;
  version_id: number;
  last_updated: string;
  deleted: number;
  method: string;
  content: string | null;
}

/** The canonical form of a stored version id. */
const VERSION_ID = /^[1-9][0-9]*$/;

const COLUMNS = 'resource_type, id, version_id, last_updated, deleted, method, content';
// Built once: a text built per call is hashed afresh by the driver's statement cache on every read.
const READ_CURRENT = `SELECT ${COLUMNS} FROM resource_current WHERE resource_type = ? AND id = ?`;
const READ_VERSION = `SELECT ${COLUMNS} FROM resource_history WHERE resource_type = ? AND id = ? AND version_id = ?`;
const GUARD_INSERT = 'INSERT INTO write_guard';
const CLEAR_GUARDS = { sql: 'DELETE FROM write_guard', params: [] };

/** Creates a store over `driver`. The schema of `migrations/` must already be applied. */
export function createSqlResourceStore(driver: SqlDriver): ResourceStore {
  return {
    async readCurrent(resourceType, id) {
      const rows = await driver.all<VersionRow>({
        sql: READ_CURRENT,
        params: [resourceType, id],
      });
      return rows[0] ? toStoredVersion(rows[0]) : undefined;
    },
    async readVersion(resourceType, id, versionId) {
      // Version ids are compared as the strings we issued ("1", "2", …): "01" or "1.0" is no version.
      if (!VERSION_ID.test(versionId)) return undefined;
      const numeric = Number(versionId);
      if (!Number.isSafeInteger(numeric)) return undefined;
      const rows = await driver.all<VersionRow>({
        sql: READ_VERSION,
        params: [resourceType, id, numeric],
      });
      return rows[0] ? toStoredVersion(rows[0]) : undefined;
    },
    history: (query) => readHistory(driver, query),
    commit: (unit) => commitUnit(driver, unit),
    search: (query) => searchSql(driver, query),
    planActivities: createSqlPlanActivityIndex(driver),
  };
}

async function readHistory(driver: SqlDriver, query: HistoryQuery): Promise<HistoryPage> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const add = (clause: string, value: SqlValue | undefined) => {
    if (value === undefined) return;
    where.push(clause);
    params.push(value);
  };
  add('resource_type = ?', query.resourceType);
  add('id = ?', query.id);
  add('last_updated >= ?', query.since);
  add('last_updated <= ?', query.before);
  // seq is AUTOINCREMENT and SQLite/D1 commit one writer at a time, so every version at or
  // below the newest seq seen now is already committed: the bound pins the page set.
  const upTo = query.upTo ?? (await newestSeq(driver));
  add('seq <= ?', upTo);
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [countRows, rows] = await Promise.all([
    driver.all<{ total: number }>({ sql: `SELECT COUNT(*) AS total FROM resource_history ${filter}`, params }),
    driver.all<VersionRow>({
      sql: `SELECT ${COLUMNS} FROM resource_history ${filter} ORDER BY seq DESC LIMIT ? OFFSET ?`,
      params: [...params, query.count, query.offset],
    }),
  ]);
  return { total: Number(countRows[0]?.total ?? 0), versions: rows.map(toStoredVersion), upTo };
}

async function newestSeq(driver: SqlDriver): Promise<number> {
  const rows = await driver.all<{ seq: number | null }>({
    sql: 'SELECT MAX(seq) AS seq FROM resource_history',
    params: [],
  });
  return Number(rows[0]?.seq ?? 0);
}

async function commitUnit(driver: SqlDriver, unit: UnitOfWork): Promise<void> {
  if (unit.writes.length === 0) return;
  const statements = (unit.guards ?? []).map(searchGuardStatement);
  statements.push(...readGuardStatements(unit.reads ?? []));
  const distinct = new Set(unit.writes.map((w) => `${w.resourceType}/${w.id}`)).size === unit.writes.length;
  statements.push(...(distinct ? groupedWriteStatements(unit.writes) : unit.writes.flatMap(writeStatements)));
  statements.push(...unitIndexStatements(unit.writes));
  // Guard rows are only needed until the batch ends; a unit of plain creates inserts none.
  const clear = statements.some((s) => s.sql.startsWith(GUARD_INSERT));
  // Integrity guards see the state after the writes, and insert a row only to fail.
  statements.push(...integrityStatements(unit.integrity));
  statements.push(...outboxStatements(unit.outbox));
  if (clear) statements.push(CLEAR_GUARDS);
  try {
    await driver.batch(statements);
  } catch (error) {
    if (!driver.isConstraintViolation(error)) throw error;
    throw await explainConflict(driver, unit);
  }
}

/**
 * Guard row (version expectations), then the current row, then the history row: in this order
 * per write. An `absent` expectation is the primary key: its current row is a plain INSERT.
 */
function writeStatements(write: ResourceWrite): SqlStatement[] {
  const values: SqlValue[] = [];
  pushRow(values, write);
  const insertCurrent = `INSERT INTO resource_current (${CURRENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;
  const current = { sql: insertCurrent, params: [...values, lastUpdatedMs(write)] };
  const history = {
    sql: `INSERT INTO resource_history (${VERSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    params: values,
  };
  if (write.expect.kind === 'absent') return [current, history];
  return [
    {
      sql:
        `${GUARD_INSERT} (ok) SELECT CASE WHEN EXISTS (SELECT 1 FROM resource_current ` +
        'WHERE resource_type = ? AND id = ? AND version_id = ?) THEN 1 ELSE 0 END',
      params: [write.resourceType, write.id, Number(write.expect.versionId)],
    },
    { sql: `${insertCurrent} ${CURRENT_UPSERT}`, params: current.params },
    history,
  ];
}

/** Converts a `resource_current`/`resource_history` row. */
export function toStoredVersion(row: VersionRow): StoredVersion {
  const version: StoredVersion = {
    resourceType: row.resource_type,
    id: row.id,
    versionId: String(row.version_id),
    lastUpdated: row.last_updated,
    deleted: Boolean(row.deleted),
    method: row.method as WriteMethod,
  };
  if (row.content !== null) defineStoredContent(version, row.content);
  return version;
}

/**
 * Keeps the stored text as `json` and parses `resource` on first access: a read answers with the
 * text and never needs the object. Assigning `resource` replaces it and drops the stale text.
 * The accessors are shared functions, not closures made per read.
 */
function defineStoredContent(version: StoredVersion, content: string): void {
  Object.defineProperty(version, 'json', { value: content, enumerable: false, configurable: true });
  Object.defineProperty(version, 'resource', {
    enumerable: true,
    configurable: true,
    get: parseStoredContent,
    set: replaceStoredContent,
  });
}

function parseStoredContent(this: StoredVersion): fhir4.Resource {
  const resource = JSON.parse(this.json!) as fhir4.Resource;
  settleResource(this, resource);
  return resource;
}

function replaceStoredContent(this: StoredVersion, resource: fhir4.Resource | undefined): void {
  Object.defineProperty(this, 'json', { value: undefined, enumerable: false, configurable: true });
  settleResource(this, resource);
}

function settleResource(version: StoredVersion, resource: fhir4.Resource | undefined): void {
  Object.defineProperty(version, 'resource', { value: resource, enumerable: true, writable: true, configurable: true });
}
