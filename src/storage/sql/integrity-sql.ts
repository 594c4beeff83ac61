/**
 * Integrity guards in SQL. They run after the unit's writes and index rows in the same batch, so
 * they see the state the unit leaves (its own writes count), and each inserts a row into
 * `write_guard` only when it fails: `ok = 0` violates the CHECK and aborts the batch, while a
 * passing check writes nothing (decision 001). After a rejected batch, {@link sqlIntegrityState}
 * reads what src/storage/integrity.ts needs to name the failing guard.
 * @module
 */
import { IDENTIFIER_CODE, NON_HOLDING_REFERRER, type IntegrityState } from '../integrity.js';
import type { IdentifierGuard, IntegrityGuards, ResourceKey, UnitOfWork } from '../port.js';
import { MAX_BOUND_PARAMS } from './index-write-sql.js';
import type { SqlDriver, SqlStatement } from './sql-driver.js';

const FAIL_WHEN = 'INSERT INTO write_guard (ok) SELECT 0 WHERE';
/** Relative literal references only: an absolute URL (with a scheme) may name another server. */
const RELATIVE = "url NOT LIKE '%:%'";
// An AuditEvent's references do not hold a record in place (NON_HOLDING_REFERRER).
const HOLDING = `resource_type <> '${NON_HOLDING_REFERRER}'`;

/** Guard statements of `integrity`, to run after the writes of the unit. */
export function integrityStatements(integrity: IntegrityGuards | undefined): SqlStatement[] {
  if (!integrity) return [];
  return [
    ...existsStatements(distinctKeys(integrity.references ?? [])),
    ...unreferencedStatements(distinctKeys(integrity.unreferenced ?? [])),
    ...identifierStatements(integrity.identifiers ?? []),
  ];
}

function distinctKeys(keys: readonly ResourceKey[]): ResourceKey[] {
  const pairs = new Map(keys.map((k) => [`${k.resourceType}/${k.id}`, { resourceType: k.resourceType, id: k.id }]));
  return [...pairs.values()];
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const pairs = (n: number) => new Array(n).fill('(?, ?)').join(', ');

/** Fails when fewer of the listed resources are current and not deleted than were listed. */
function existsStatements(targets: readonly ResourceKey[]): SqlStatement[] {
  return chunks(targets, Math.floor((MAX_BOUND_PARAMS - 1) / 2)).map((chunk) => ({
    sql:
      `${FAIL_WHEN} (SELECT COUNT(*) FROM resource_current WHERE deleted = 0 AND ` +
      `(resource_type, id) IN (VALUES ${pairs(chunk.length)})) < ?`,
    params: [...chunk.flatMap((k) => [k.resourceType, k.id]), chunk.length],
  }));
}

/** Fails when any current resource holds a relative reference to one of the targets. */
function unreferencedStatements(targets: readonly ResourceKey[]): SqlStatement[] {
  return chunks(targets, Math.floor(MAX_BOUND_PARAMS / 2)).map((chunk) => ({
    sql:
      `${FAIL_WHEN} EXISTS (SELECT 1 FROM search_reference WHERE ` +
      `(target_type, target_id) IN (VALUES ${pairs(chunk.length)}) AND ${RELATIVE} AND ${HOLDING})`,
    params: chunk.flatMap((k) => [k.resourceType, k.id]),
  }));
}

const HOLDER =
  'EXISTS (SELECT 1 FROM search_token WHERE resource_type = ? AND code = ? AND value = ? AND system = ? AND id <> ?)';

/** Fails when a resource of the type other than the guard's own carries the identifier. */
function identifierStatements(guards: readonly IdentifierGuard[]): SqlStatement[] {
  return chunks(guards, Math.floor(MAX_BOUND_PARAMS / 5)).map((chunk) => ({
    sql: `${FAIL_WHEN} ${chunk.map(() => HOLDER).join(' OR ')}`,
    params: chunk.flatMap((g) => [g.resourceType, IDENTIFIER_CODE, g.value, g.system, g.id]),
  }));
}

/**
 * Reads, before explaining a rejected batch, everything {@link IntegrityState} answers for the
 * guards of `unit`: which targets are live, who refers to each deleted target, who holds each
 * identifier. The answers are prefetched so that the check itself stays synchronous.
 */
export async function sqlIntegrityState(driver: SqlDriver, unit: UnitOfWork): Promise<IntegrityState> {
  const limit = 64 + unit.writes.length;
  const live = await liveKeys(driver, distinctKeys(unit.integrity?.references ?? []));
  const referrers = await referrersByTarget(driver, distinctKeys(unit.integrity?.unreferenced ?? []), limit);
  const holders = await holdersByIdentifier(driver, unit.integrity?.identifiers ?? [], limit);
  return {
    isLive: (target) => live.has(keyOf(target)),
    referrersOf: (target, max) => (referrers.get(keyOf(target)) ?? []).slice(0, max),
    holdersOf: (guard, max) => (holders.get(identifierKey(guard)) ?? []).slice(0, max),
  };
}

type KeyRow = { resource_type: string; id: string };
const keyOf = (k: ResourceKey) => `${k.resourceType}/${k.id}`;
const identifierKey = (g: IdentifierGuard) => JSON.stringify([g.resourceType, g.system, g.value]);

async function liveKeys(driver: SqlDriver, targets: readonly ResourceKey[]): Promise<Set<string>> {
  const live = new Set<string>();
  for (const chunk of chunks(targets, Math.floor(MAX_BOUND_PARAMS / 2))) {
    const rows = await driver.all<KeyRow>({
      sql:
        'SELECT resource_type, id FROM resource_current WHERE deleted = 0 AND ' +
        `(resource_type, id) IN (VALUES ${pairs(chunk.length)})`,
      params: chunk.flatMap((k) => [k.resourceType, k.id]),
    });
    for (const row of rows) live.add(`${row.resource_type}/${row.id}`);
  }
  return live;
}

async function referrersByTarget(
  driver: SqlDriver,
  targets: readonly ResourceKey[],
  limit: number,
): Promise<Map<string, ResourceKey[]>> {
  const referrers = new Map<string, ResourceKey[]>();
  for (const target of targets) {
    const rows = await driver.all<KeyRow>({
      sql:
        'SELECT DISTINCT resource_type, id FROM search_reference ' +
        `WHERE target_type = ? AND target_id = ? AND ${RELATIVE} AND ${HOLDING} LIMIT ?`,
      params: [target.resourceType, target.id, limit],
    });
    referrers.set(
      keyOf(target),
      rows.map((r) => ({ resourceType: r.resource_type, id: r.id })),
    );
  }
  return referrers;
}

async function holdersByIdentifier(
  driver: SqlDriver,
  guards: readonly IdentifierGuard[],
  limit: number,
): Promise<Map<string, string[]>> {
  const holders = new Map<string, string[]>();
  for (const guard of guards) {
    if (holders.has(identifierKey(guard))) continue;
    const rows = await driver.all<{ id: string }>({
      sql: 'SELECT DISTINCT id FROM search_token WHERE resource_type = ? AND code = ? AND value = ? AND system = ? LIMIT ?',
      params: [guard.resourceType, IDENTIFIER_CODE, guard.value, guard.system, limit],
    });
    holders.set(
      identifierKey(guard),
      rows.map((r) => r.id),
    );
  }
  return holders;
}
