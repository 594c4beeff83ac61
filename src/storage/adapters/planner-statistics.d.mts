// Types of planner-statistics.mjs for the TypeScript that uses it.
import type Database from 'better-sqlite3';

export function refreshPlannerStatistics(db: Database.Database): boolean;
