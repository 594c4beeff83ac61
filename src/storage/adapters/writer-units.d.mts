// Types of writer-units.mjs for the TypeScript that tests it.
import type Database from 'better-sqlite3';

export type SqlClass = { kind: 'rows'; head: string; width: number } | { kind: 'ordered' } | { kind: 'other' };

export function classifySql(sql: string): SqlClass;

export interface UnitCommitter {
  learn(message: { resetTexts?: boolean; texts: [number, string][] }): void;
  commit(units: unknown[][]): (unknown | null)[];
}

export function createUnitCommitter(db: Database.Database, statementCacheSize: number): UnitCommitter;
