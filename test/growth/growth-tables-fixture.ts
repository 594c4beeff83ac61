/**
 * The WHO LMS tables of test/fixtures/who-growth, read once for the tests of the growth engine.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GROWTH_TABLE_NAMES, type GrowthTableName } from '../../src/plans/growth/growth-indicators.js';
import { parseGrowthTables, type GrowthTables } from '../../src/plans/growth/growth-tables.js';

/** The fixture directory, as `WHO_GROWTH_DIR` for a test server. */
export const WHO_GROWTH_FIXTURES = fileURLToPath(new URL('../fixtures/who-growth', import.meta.url));

let tables: GrowthTables | undefined;

/** The parsed fixture tables. */
export function fixtureGrowthTables(): GrowthTables {
  if (tables) return tables;
  const texts: Partial<Record<GrowthTableName, string>> = {};
  for (const name of GROWTH_TABLE_NAMES) texts[name] = readFileSync(`${WHO_GROWTH_FIXTURES}/${name}.txt`, 'utf8');
  tables = parseGrowthTables(texts);
  return tables;
}
