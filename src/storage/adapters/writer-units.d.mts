// Types of writer-units.mjs for the TypeScript that tests it.
import type Database from 'better-sqlite3';

export interface UnitCommitter {
  learn(message: { resetTexts?: boolean; texts: [number, string][] }): void;
  commit(units: unknown[][]): (unknown | null)[];
}

export function createUnitCommitter(db: Database.Database, statementCacheSize: number): UnitCommitter;
