/**
 * `AUTH_JWKS_FILE`: the Node entry reads the JWKS file and hands its text on as `AUTH_JWKS`, so
 * the runtime-neutral parts never touch the file system.
 * @module
 */
import { readFileSync } from 'node:fs';

/** `env` with the JWKS file's text as `AUTH_JWKS` (an unreadable file stops the start). */
export function withJwksFile(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const path = env.AUTH_JWKS_FILE;
  if (!path || env.AUTH_JWKS) return env;
  try {
    return { ...env, AUTH_JWKS: readFileSync(path, 'utf8') };
  } catch (error) {
    throw new Error(`AUTH_JWKS_FILE ${path} cannot be read: ${(error as Error).message}`, { cause: error });
  }
}
