/**
 * A PostgreSQL unit of work as few round trips: consecutive statements whose values can be
 * written as literals are joined into one script (one simple-protocol Query message); a
 * statement with a value that cannot is sent on its own with bound parameters.
 *
 * Why: a transaction Bundle of a few hundred resources is a few thousand statements (index rows
 * are chunked to D1's 100 bound values), and sending each one and waiting for its answer cost
 * more CPU (socket writes, a parse and a round trip each) than the rest of the write path
 * (decision 038).
 *
 * Each value is written exactly as `pg` binds it: as text of no declared type, so PostgreSQL
 * resolves the literal's type from its context just as it resolves an untyped parameter. The
 * literal is an escape string (`E'…'`) with `\` and `'` doubled, which reads back the same
 * whatever `standard_conforming_strings` is. A string with U+0000 cannot be in a Query message
 * (it is C-string terminated), so its statement keeps parameter binding, where PostgreSQL
 * refuses it as before.
 *
 * @see https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-STRINGS-ESCAPE
 * @see https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-MULTI-STATEMENT
 * @module
 */
import type { SqlStatement, SqlValue } from './sql-driver.js';

/** One round trip of a unit: a script of several statements, or one statement with its parameters. */
export type UnitPart = { script: string } | { statement: SqlStatement };

/** Scripts are cut at about this many characters, so that no single message grows without bound. */
const SCRIPT_CHARS = 4_000_000;

/**
 * The parts of `statements` (already in the unit's order), each statement rendered by `render`
 * (the dialect's `?` → `$n`) when it keeps its parameters.
 */
export function unitParts(statements: readonly SqlStatement[], render: (sql: string) => string): UnitPart[] {
  const parts: UnitPart[] = [];
  let script: string[] = [];
  let chars = 0;
  const flush = () => {
    if (script.length > 0) parts.push({ script: script.join(';\n') });
    script = [];
    chars = 0;
  };
  for (const s of statements) {
    const inlined = inlineStatement(s);
    if (inlined === undefined) {
      flush();
      parts.push({ statement: { sql: render(s.sql), params: s.params } });
      continue;
    }
    if (chars + inlined.length > SCRIPT_CHARS) flush();
    script.push(inlined);
    chars += inlined.length;
  }
  flush();
  return parts;
}

/**
 * `statement` with each `?` outside quoted text replaced by its value as a literal, or
 * `undefined` when a value cannot be one (a string with U+0000) or the counts disagree.
 */
export function inlineStatement(statement: SqlStatement): string | undefined {
  const { sql, params } = statement;
  let out = '';
  let n = 0;
  let quote: string | undefined;
  let from = 0;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === '?') {
      if (n >= params.length) return undefined;
      const literal = sqlLiteral(params[n++]!);
      if (literal === undefined) return undefined;
      out += sql.slice(from, i) + literal;
      from = i + 1;
    }
  }
  if (n !== params.length) return undefined;
  return out + sql.slice(from);
}

/**
 * `value` as PostgreSQL literal text: `NULL`, or an escape string of the text `pg` would bind
 * (`String(value)` for a number); `undefined` for a string containing U+0000.
 */
export function sqlLiteral(value: SqlValue): string | undefined {
  if (value === null) return 'NULL';
  const text = typeof value === 'number' ? String(value) : value;
  if (text.includes('\u0000')) return undefined;
  return `E'${text.replace(/[\\']/g, (c) => c + c)}'`;
}
