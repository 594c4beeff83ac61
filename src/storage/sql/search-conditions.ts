/**
 * Renders the search IR's conditions as neutral SQL over the index tables. Each condition is an
 * `id IN (subquery)` on the outer resource alias, so the resource rows are joined last. The
 * semantics mirror src/search/match-values.ts (the oracle) value for value.
 * @module
 */
import type { Condition, RangeValue, SearchValue } from '../../search/search-request.js';
import { PREFIX_END } from '../../search/match-values.js';
import type { IndexKind } from '../../search/index-rows.js';
import { indexSource } from './derived-index.js';
import { dateValueSql } from './search-date-sql.js';
import type { SqlValue } from './sql-driver.js';

/** A fragment of SQL and its bound values, in order. */
export interface Fragment {
  sql: string;
  params: SqlValue[];
}

/**
 * `SELECT alias.id …` for the resources of `type` matching all conditions, from the index tables
 * only (deleted resources keep no index rows). One positive condition drives. Behind a driver that
 * names resources ({@link isSelective}: a reference to an id, business identifiers), each other
 * parameter is probed per driven row through the per-resource index; otherwise each is an
 * uncorrelated `id IN (…)` list that the database builds once through the value index and may
 * drive from instead.
 */
export function idQuery(type: string, conditions: readonly Condition[], level: RenderLevel): Fragment {
  const alias = `r${level.depth}`;
  const driver = pickDriver(conditions);
  const rest = conditions.filter((_c, i) => i !== driver);
  const probing = driver >= 0 && isSelective(conditions[driver]!);
  const head: Fragment =
    driver >= 0
      ? driverSql(alias, type, conditions[driver] as ParamCondition, level)
      : {
          sql: `SELECT ${alias}.id FROM resource_current ${alias} WHERE ${alias}.resource_type = ? AND ${alias}.deleted = 0`,
          params: [type],
        };
  const restSql = rest.map((c) =>
    probing && c.kind === 'param' && PROBED_TABLES.has(c.table)
      ? probeSql(alias, type, c, level)
      : conditionSql(alias, type, c, level),
  );
  return join([head, ...restSql], ' AND ');
}

/**
 * A condition whose matches are a handful of resources, whatever the data: a reference to a
 * resource by id (`subject=Patient/x`, a patient's records) or business identifiers with a value.
 * As an `id IN (…)` list, another condition of the search was read whole however few rows the
 * driver had: `Observation?subject=Patient/x&code=8302-2` listed every body height on the server
 * to keep the child's one (0.24 ms at 1,000 children, growing with them; 0.04 ms probed, decision 045).
 */
function isSelective(condition: Condition): boolean {
  if (condition.kind !== 'param' || condition.negate || condition.values.length === 0) return false;
  if (condition.table === 'reference')
    return condition.values.every((v) => v.kind === 'reference' && v.id !== undefined);
  return namesIdentifiers(condition);
}

/** `identifier` with a value in every alternative (`s|a`, `a`, `|a`; not `s|`). */
function namesIdentifiers(condition: ParamCondition): boolean {
  return (
    condition.table === 'token' &&
    condition.code === 'identifier' &&
    condition.values.every((v) => v.kind === 'token' && v.code !== undefined)
  );
}

/**
 * Tables whose probe SQLite plans on the resource's own rows (`id = ?` in the index it picks) with
 * or without statistics. A date, number or quantity range stays a list: without statistics SQLite
 * probed a date by scanning its range in `search_date_high` for every driven row.
 */
const PROBED_TABLES: ReadonlySet<IndexKind> = new Set(['token', 'reference', 'uri', 'string']);

/** `[NOT] EXISTS` an index row of the driven resource that matches: a probe of `(resource_type, id, code, …)`. */
function probeSql(alias: string, type: string, condition: ParamCondition, level: RenderLevel): Fragment {
  const values = alternativesSql(type, condition, level);
  return {
    sql:
      `${condition.negate ? 'NOT ' : ''}EXISTS (SELECT 1 FROM ${indexSource(type, condition.table, condition.code)} i ` +
      `WHERE i.resource_type = ? AND i.id = ${alias}.id AND i.code = ? AND (${values.sql}))`,
    params: [type, condition.code, ...values.params],
  };
}

/**
 * How deep a (chained or `_has`) id query is nested, and whether date ranges get their implied
 * span bounds (search-date-sql.ts; extra bound values, so a statement near D1's limit goes without).
 */
export interface RenderLevel {
  depth: number;
  spanBounds: boolean;
}

const deeper = (level: RenderLevel): RenderLevel => ({ ...level, depth: level.depth + 1 });

type ParamCondition = Extract<Condition, { kind: 'param' }>;

/** Equality-like tables first: they usually narrow the most. */
const DRIVER_RANK: Record<string, number> = {
  token: 0,
  reference: 0,
  uri: 0,
  string: 1,
  quantity: 2,
  number: 2,
  date: 3,
};

/** Identifiers first, then references to ids, then by {@link DRIVER_RANK}; the first of a rank wins. */
function driverRank(condition: ParamCondition): number {
  if (!isSelective(condition)) return DRIVER_RANK[condition.table]!;
  return condition.table === 'token' ? -2 : -1;
}

function pickDriver(conditions: readonly Condition[]): number {
  let best = -1;
  conditions.forEach((c, i) => {
    if (c.kind !== 'param' || c.negate) return;
    const current = conditions[best];
    if (best < 0 || (current?.kind === 'param' && driverRank(c) < driverRank(current))) best = i;
  });
  return best;
}

function driverSql(alias: string, type: string, condition: ParamCondition, level: RenderLevel): Fragment {
  if (isIdentifierList(condition)) return identifierListSql(alias, type, condition);
  const values = alternativesSql(type, condition, level);
  return {
    // One row per resource at most: its matches are distinct ids already, and a DISTINCT would make
    // the database hash or sort every match of a range before the page's LIMIT (one-row-parameters.ts).
    sql: `SELECT ${condition.oneRowPerResource ? '' : 'DISTINCT '}${alias}.id FROM ${indexSource(type, condition.table, condition.code)} ${alias} WHERE ${alias}.resource_type = ? AND ${alias}.code = ? AND (${values.sql})`,
    params: [type, condition.code, ...values.params],
  };
}

/**
 * Several exact business identifiers (`identifier=s|a,s|b,…`: the ingest's identity look-ups,
 * a client matching a batch of IINs). Each value matches a resource or two, but asked for the
 * matches in id order, SQLite walks every identifier row of the type in that order unless its
 * statistics tell it how few rows one value has, and sampled statistics (`analysis_limit`) are
 * read from the index's first resource types only: at 100,000 Patients, four IINs took 20–30 ms
 * that way, and with full statistics 0.1 ms (decision 045). Here the plan does not depend on
 * them: the values are looked up in the value index (`value IN (…)`, each pair checked after),
 * and the ids found are read from `resource_current`, whose key gives them in id order. Only
 * `identifier` takes this form: its values are selective by design, where a list of common codes
 * (`status=a,b`) is better walked in id order, as the statistics decide.
 */
function isIdentifierList(condition: ParamCondition): boolean {
  return !condition.negate && condition.values.length > 1 && namesIdentifiers(condition);
}

function identifierListSql(alias: string, type: string, condition: ParamCondition): Fragment {
  const codes = condition.values.map((value) => (value as Extract<SearchValue, { kind: 'token' }>).code!);
  const pairs = join(
    condition.values.map((value) => tokenSql(value as Extract<SearchValue, { kind: 'token' }>)),
    ' OR ',
  );
  const source = indexSource(type, condition.table, condition.code);
  return {
    sql:
      `SELECT ${alias}.id FROM resource_current ${alias} WHERE ${alias}.resource_type = ? AND ${alias}.deleted = 0 ` +
      `AND ${alias}.id IN (SELECT id FROM ${source} i WHERE resource_type = ? AND code = ? ` +
      `AND value IN (${codes.map(() => '?').join(', ')}) AND (${pairs.sql}))`,
    params: [type, type, condition.code, ...codes, ...pairs.params],
  };
}

function conditionSql(alias: string, type: string, condition: Condition, level: RenderLevel): Fragment {
  // The alias: a derived source is a subquery, and PostgreSQL wants a name for each in FROM.
  const list = (table: IndexKind, code: string) =>
    `SELECT id FROM ${indexSource(type, table, code)} i WHERE resource_type = ? AND code = ?`;
  switch (condition.kind) {
    case 'missing':
      return {
        sql: `${alias}.id ${condition.missing ? 'NOT IN' : 'IN'} (${list(condition.table, condition.code)})`,
        params: [type, condition.code],
      };
    case 'has': {
      const inner = idQuery(condition.sourceType, condition.where, deeper(level));
      return {
        sql:
          `${alias}.id IN (SELECT target_id FROM search_reference WHERE target_type = ? AND resource_type = ? ` +
          `AND code = ? AND id IN (${inner.sql}))`,
        params: [type, condition.sourceType, condition.referenceCode, ...inner.params],
      };
    }
    case 'param': {
      const values = alternativesSql(type, condition, level);
      return {
        sql: `${alias}.id ${condition.negate ? 'NOT IN' : 'IN'} (${list(condition.table, condition.code)} AND (${values.sql}))`,
        params: [type, condition.code, ...values.params],
      };
    }
  }
}

/** The parameter's alternatives (`a,b,c`), OR-ed. */
function alternativesSql(type: string, condition: ParamCondition, level: RenderLevel): Fragment {
  return join(
    condition.values.map((value) => valueSql({ type, code: condition.code, level }, condition.table, value)),
    ' OR ',
  );
}

/** Where a value is rendered: the parameter it belongs to and the nesting level. */
interface ValueScope {
  type: string;
  code: string;
  level: RenderLevel;
}

function valueSql(scope: ValueScope, table: string, value: SearchValue): Fragment {
  if (table === 'date' && (value.kind === 'date' || value.kind === 'all')) {
    return dateValueSql({ resourceType: scope.type, code: scope.code, spanBounds: scope.level.spanBounds }, value);
  }
  switch (value.kind) {
    case 'token':
      return tokenSql(value);
    case 'token-text':
      return prefixSql('text', value.text);
    case 'string':
      if (value.mode === 'exact') return { sql: 'exact = ?', params: [value.value] };
      if (value.mode === 'contains')
        return { sql: "value LIKE ? ESCAPE '\\'", params: [`%${escapeLike(value.value)}%`] };
      return prefixSql('value', value.value);
    case 'date':
      throw new Error(`date value on ${table}`);
    case 'number':
      return numberSql('value', value);
    case 'quantity':
      return quantitySql(value);
    case 'uri':
      if (value.match === 'below') return prefixSql('value', value.value);
      if (value.match === 'above') return { sql: 'substr(?, 1, length(value)) = value', params: [value.value] };
      return { sql: 'value = ?', params: [value.value] };
    case 'reference':
      if (value.url !== undefined) return { sql: 'url = ?', params: [value.url] };
      if (value.targetType !== undefined) {
        return { sql: '(target_type = ? AND target_id = ?)', params: [value.targetType, value.id ?? null] };
      }
      return { sql: 'target_id = ?', params: [value.id ?? null] };
    case 'chain':
      return chainSql(value, scope.level);
    case 'all':
      return join(
        value.values.map((v) => valueSql(scope, table, v)),
        ' AND ',
        true,
      );
  }
  throw new Error(`no SQL for ${table} value`);
}

function tokenSql(value: Extract<SearchValue, { kind: 'token' }>): Fragment {
  const parts: Fragment[] = [];
  if (value.code !== undefined) parts.push({ sql: 'value = ?', params: [value.code] });
  if (value.system === null) parts.push({ sql: 'system IS NULL', params: [] });
  else if (value.system !== undefined) parts.push({ sql: 'system = ?', params: [value.system] });
  return parts.length ? join(parts, ' AND ', true) : { sql: '0 = 1', params: [] };
}

function prefixSql(column: string, prefix: string): Fragment {
  return { sql: `(${column} >= ? AND ${column} < ?)`, params: [prefix, prefix + PREFIX_END] };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function numberSql(column: string, range: RangeValue): Fragment {
  switch (range.prefix) {
    case 'eq':
    case 'ap':
      return { sql: `(${column} >= ? AND ${column} < ?)`, params: [range.low, range.high] };
    case 'ne':
      return { sql: `NOT (${column} >= ? AND ${column} < ?)`, params: [range.low, range.high] };
    case 'gt':
    case 'sa':
      return { sql: `${column} > ?`, params: [range.value] };
    case 'lt':
    case 'eb':
      return { sql: `${column} < ?`, params: [range.value] };
    case 'ge':
      return { sql: `${column} >= ?`, params: [range.value] };
    case 'le':
      return { sql: `${column} <= ?`, params: [range.value] };
  }
}

function quantitySql(value: Extract<SearchValue, { kind: 'quantity' }>): Fragment {
  if (value.canonical) {
    const compare = numberSql('canonical_value', { ...value.canonical, prefix: value.prefix });
    return join([{ sql: 'canonical_unit = ?', params: [value.canonical.unit] }, compare], ' AND ', true);
  }
  const parts: Fragment[] = [];
  if (value.system !== undefined) parts.push({ sql: 'system = ?', params: [value.system] });
  if (value.unit !== undefined) parts.push({ sql: 'unit = ?', params: [value.unit] });
  parts.push(numberSql('value', value));
  return join(parts, ' AND ', true);
}

function chainSql(value: Extract<SearchValue, { kind: 'chain' }>, level: RenderLevel): Fragment {
  const perType = value.targetTypes.map((targetType) => {
    const inner = idQuery(targetType, value.where, deeper(level));
    return { sql: `(target_type = ? AND target_id IN (${inner.sql}))`, params: [targetType, ...inner.params] };
  });
  return perType.length ? join(perType, ' OR ', true) : { sql: '0 = 1', params: [] };
}

/** Joins fragments with `separator`, optionally parenthesised. */
export function join(parts: readonly Fragment[], separator: string, parenthesise = false): Fragment {
  const sql = parts.map((p) => p.sql).join(separator);
  return { sql: parenthesise ? `(${sql})` : sql, params: parts.flatMap((p) => p.params) };
}
