/**
 * After the database rejected a unit's batch (a guard row or a primary key), finds out why, in
 * the order the REST layer relies on: a version expectation, a search guard or a read guard that
 * no longer holds is a {@link WriteConflictError} (a lost race, worth retrying: a conditional
 * create that lost then finds the winner); only when none explains it is a failing integrity
 * guard reported as its {@link IntegrityError}.
 * @module
 */
import { findExpectationConflict } from '../expectations.js';
import { findIntegrityViolation } from '../integrity.js';
import { WriteConflictError, type IntegrityError, type SearchGuard, type UnitOfWork } from '../port.js';
import { idQuery } from './search-conditions.js';
import { sqlIntegrityState } from './integrity-sql.js';
import type { SqlDriver } from './sql-driver.js';

/** The error a rejected batch of `unit` stands for. */
export async function explainConflict(
  driver: SqlDriver,
  unit: UnitOfWork,
): Promise<WriteConflictError | IntegrityError> {
  const current = await currentVersions(driver, [...unit.writes, ...(unit.reads ?? [])]);
  const index = findExpectationConflict(unit.writes, (w) => current.get(`${w.resourceType}/${w.id}`));
  if (index !== undefined) return new WriteConflictError(`precondition failed for write ${index}`, index);
  const stale = (unit.reads ?? []).find((r) => current.get(`${r.resourceType}/${r.id}`) !== r.versionId);
  if (stale)
    return new WriteConflictError(`${stale.resourceType}/${stale.id} is no longer at version ${stale.versionId}`);
  for (const guard of unit.guards ?? []) {
    if (await guardMatches(driver, guard)) return new WriteConflictError('a search guard matched an existing resource');
  }
  const violation = unit.integrity ? findIntegrityViolation(unit, await sqlIntegrityState(driver, unit)) : undefined;
  return violation ?? new WriteConflictError('the unit conflicted with a concurrent write');
}

/** Current version ids (deleted or not) of the named resources. */
async function currentVersions(
  driver: SqlDriver,
  keys: readonly { resourceType: string; id: string }[],
): Promise<Map<string, string>> {
  const current = new Map<string, string>();
  for (const key of keys) {
    const name = `${key.resourceType}/${key.id}`;
    if (current.has(name)) continue;
    const rows = await driver.all<{ version_id: number }>({
      sql: 'SELECT version_id FROM resource_current WHERE resource_type = ? AND id = ?',
      params: [key.resourceType, key.id],
    });
    if (rows[0]) current.set(name, String(rows[0].version_id));
  }
  return current;
}

async function guardMatches(driver: SqlDriver, guard: SearchGuard): Promise<boolean> {
  const ids = idQuery(guard.resourceType, guard.conditions, { depth: 0, spanBounds: false });
  const rows = await driver.all<{ hit: number }>({ sql: `SELECT EXISTS (${ids.sql}) AS hit`, params: ids.params });
  return Number(rows[0]?.hit ?? 0) === 1;
}
