/**
 * The set of WHO LMS tables the gateway scores with, built from their texts (the runtime reads
 * the files: `src/entry/` on Node, a bundle on Workers).
 * @module
 */
import { GROWTH_TABLE_NAMES, type GrowthTableName } from './growth-indicators.js';
import { parseLmsTable, type LmsTable } from './lms-table.js';

/** Every table, by file stem. */
export type GrowthTables = Readonly<Record<GrowthTableName, LmsTable>>;

/**
 * Parses the seven tables from their texts (by file stem). Throws an Error naming the tables
 * that are missing or malformed: scoring with a partial set would silently skip indicators.
 */
export function parseGrowthTables(texts: Partial<Record<GrowthTableName, string>>): GrowthTables {
  const missing = GROWTH_TABLE_NAMES.filter((name) => texts[name] === undefined);
  if (missing.length > 0) throw new Error(`missing WHO growth tables: ${missing.map((n) => `${n}.txt`).join(', ')}`);
  const tables = {} as Record<GrowthTableName, LmsTable>;
  for (const name of GROWTH_TABLE_NAMES) tables[name] = parseLmsTable(name, texts[name]!);
  return tables;
}
