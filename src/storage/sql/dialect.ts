/**
 * One neutral SQL text, rendered per database. The SQL store and `migrations/` are written once
 * in the form SQLite and D1 take as is (`?` placeholders, SQLite type names); a
 * {@link SqlDialect} turns that text into what another database takes. Only PostgreSQL needs
 * rendering today, and only in a few places, each one a rule below with the reason beside it:
 * the rest of the neutral form (upserts with `ON CONFLICT … excluded`, row values `IN (VALUES …)`,
 * `LIKE … ESCAPE`, `CASE`, `EXISTS`) is standard SQL both accept. The schemas that the two
 * renderings produce are compared by test/conformance/postgres-migrations.test.ts.
 * @module
 */

/** How the neutral SQL becomes one database's SQL. */
export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres';
  /** A statement of the store (`?` placeholders) as the database takes it. */
  statement(sql: string): string;
  /** A migration file of `migrations/` as the database takes it. */
  migration(sql: string): string;
  /**
   * What ends a `SELECT` of rows that a claim is about to lease (`alias` names the claimed table):
   * nothing where write transactions run one at a time (SQLite, D1), `FOR UPDATE … SKIP LOCKED`
   * where they run at once (PostgreSQL), so that concurrent claims pass over each other's rows.
   */
  skipLocked(alias: string): string;
}

/** SQLite and D1 take the neutral form as it is. */
export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  statement: (sql) => sql,
  migration: (sql) => sql,
  skipLocked: () => '',
};

/**
 * Rewrites of a migration for PostgreSQL, applied in order to the upper-case keywords of the
 * neutral form (column names are lower case, so `text TEXT` keeps its name).
 */
const POSTGRES_MIGRATION_RULES: readonly [RegExp, string][] = [
  // SQLite's rowid alias counts up per insert; an identity column is PostgreSQL's counter.
  [/\bINTEGER PRIMARY KEY AUTOINCREMENT\b/g, 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY'],
  // SQLite integers are 64-bit; epoch milliseconds overflow PostgreSQL's 32-bit INTEGER.
  [/\bINTEGER\b/g, 'BIGINT'],
  // SQLite REAL is an 8-byte float; PostgreSQL REAL is 4 bytes.
  [/\bREAL\b/g, 'DOUBLE PRECISION'],
  // SQLite compares text byte by byte (BINARY); "C" is the same order, whatever the database's
  // locale, so prefix ranges (`>= p AND < p || U+FFFF`) and id order agree on both.
  [/\bTEXT\b/g, 'TEXT COLLATE "C"'],
  // julianday(x): days since noon UTC of 4714 BC. The same number from PostgreSQL's epoch seconds.
  [/\bjulianday\(([a-z_]+)\)/g, '(EXTRACT(EPOCH FROM CAST($1 AS TIMESTAMPTZ)) / 86400.0 + 2440587.5)'],
];

/**
 * PostgreSQL: `$1, $2, …` placeholders in statements; types, collation and functions in
 * migrations by {@link POSTGRES_MIGRATION_RULES}.
 */
export const postgresDialect: SqlDialect = {
  name: 'postgres',
  statement: numberedPlaceholders,
  migration: (sql) =>
    POSTGRES_MIGRATION_RULES.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), sql),
  skipLocked: (alias) => ` FOR UPDATE OF ${alias} SKIP LOCKED`,
};

/**
 * Replaces each `?` outside quoted text ('…' literals, "…" identifiers) by `$n`, counting from 1.
 * Rendered texts are kept per neutral text: the store builds the same few texts again and again.
 */
function numberedPlaceholders(sql: string): string {
  const cached = rendered.get(sql);
  if (cached !== undefined) return cached;
  let out = '';
  let n = 0;
  let quote: string | undefined;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = undefined;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '?') {
      out += `$${++n}`;
    } else {
      out += ch;
    }
  }
  remember(sql, out);
  return out;
}

/** Rendered texts, bounded: search texts are built from requests and are open-ended. */
const rendered = new Map<string, string>();
const RENDERED_LIMIT = 1024;

function remember(sql: string, text: string): void {
  if (rendered.size >= RENDERED_LIMIT) rendered.delete(rendered.keys().next().value as string);
  rendered.set(sql, text);
}
