// Types of writer-sql.mjs for the TypeScript that tests it.
export type SqlClass =
  | { kind: 'rows' | 'current'; head: string; width: number }
  | { kind: 'exists' | 'identifier' | 'read' | 'clear' | 'other' };

export function classifySql(sql: string): SqlClass;
export function insertText(head: string, width: number, rows: number): string;
export function existsText(pairs: number): string;
export function identifierText(guards: number): string;
