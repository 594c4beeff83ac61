/**
 * Settings of PostgreSQL storage on Node: `DATABASE_URL=postgres://…` selects it instead of the
 * SQLite file of `DATABASE_PATH` (decision 028).
 * @module
 */
import { z } from 'zod';

/** Typed PostgreSQL settings; `undefined` from {@link parsePostgresConfig} when SQLite is used. */
export interface PostgresConfig {
  /** `postgres://user:password@host:port/database` (or `postgresql://`). */
  url: string;
  /** Connections in this instance's pool. */
  poolSize: number;
  /** Schema the tables live in, when not the user's default search path. */
  schema?: string;
}

const Schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  PG_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  PG_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier')
    .optional(),
});

/** Parses `env`; `undefined` when `DATABASE_URL` is unset or empty. Throws on malformed values. */
export function parsePostgresConfig(env: Record<string, string | undefined>): PostgresConfig | undefined {
  const result = Schema.safeParse({ ...env, DATABASE_URL: env.DATABASE_URL || undefined });
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const c = result.data;
  if (!c.DATABASE_URL) return undefined;
  return { url: c.DATABASE_URL, poolSize: c.PG_POOL_SIZE, ...(c.PG_SCHEMA ? { schema: c.PG_SCHEMA } : {}) };
}

/** The URL with any password replaced, for log lines. */
export function redactedUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/, '$1:***@');
}
