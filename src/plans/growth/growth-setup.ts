/**
 * Whether the gateway scores growth: the WHO tables, or why scoring is off. The runtime's entry
 * builds it (the tables are operator-supplied reference data, decision 025).
 * @module
 */
import type { GrowthTables } from './growth-tables.js';

/** The tables to score with, or the reason scoring is off (said once at start-up). */
export type GrowthSetup = { tables: GrowthTables } | { off: string };

/** Scoring off because no tables were configured. */
export const GROWTH_OFF_BY_DEFAULT: GrowthSetup = { off: 'no WHO growth tables configured (WHO_GROWTH_DIR)' };
