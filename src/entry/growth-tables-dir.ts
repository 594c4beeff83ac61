/**
 * Node: reads the WHO growth LMS tables from the directory `WHO_GROWTH_DIR` (the seven
 * `*anthro.txt` files). Unset, unreadable or malformed: growth scoring is off, and the reason is
 * said at start-up; the gateway still starts (decision 025).
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GROWTH_TABLE_NAMES, type GrowthTableName } from '../plans/growth/growth-indicators.js';
import { GROWTH_OFF_BY_DEFAULT, type GrowthSetup } from '../plans/growth/growth-setup.js';
import { parseGrowthTables } from '../plans/growth/growth-tables.js';

/** The growth setup from `env.WHO_GROWTH_DIR`. */
export function readGrowthTablesDir(env: Record<string, string | undefined>): GrowthSetup {
  const dir = env.WHO_GROWTH_DIR?.trim();
  if (!dir) return GROWTH_OFF_BY_DEFAULT;
  try {
    const texts: Partial<Record<GrowthTableName, string>> = {};
    for (const name of GROWTH_TABLE_NAMES) texts[name] = readFileSync(join(dir, `${name}.txt`), 'utf8');
    return { tables: parseGrowthTables(texts) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { off: `the WHO growth tables in WHO_GROWTH_DIR could not be read: ${reason}` };
  }
}
