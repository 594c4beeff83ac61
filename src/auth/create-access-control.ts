/**
 * Access control as the environment configures it, built once at start: the settings, the
 * token verifier and the rate limiter, and the lines start-up prints (development mode says so,
 * every start, and prints a local administrator token).
 * @module
 */
import type { Clock } from '../rest/context.js';
import type { AccessControl } from './access-control.js';
import { parseAuthSettings } from './auth-config.js';
import { LOCAL_ADMIN_SUBJECT } from './principal.js';
import { parseProtections, type Protections } from './protections.js';
import { createRateLimiter } from './rate-limit.js';
import { createTokenAuthority } from './token-verifier.js';

/** Lifetime of the printed development token: a working day. */
const DEV_TOKEN_SECONDS = 12 * 3600;

/** Builds access control from `env`; throws (and the start stops) for production without keys. */
export async function createAccessControl(
  env: Record<string, string | undefined>,
  newId: () => string,
  clock: Clock,
): Promise<{ control: AccessControl; protections: Protections; notes: string[] }> {
  const settings = parseAuthSettings(env);
  const authority = await createTokenAuthority(settings);
  const perMinute = Number(env.RATE_LIMIT_PER_MINUTE ?? (settings.mode === 'production' ? 1200 : 0));
  const control: AccessControl = {
    settings,
    authority,
    newId,
    clock,
    ...(Number.isFinite(perMinute) && perMinute > 0 ? { limiter: createRateLimiter(perMinute) } : {}),
    // A shared secret in the environment is a development convenience; production operators use
    // a verified token with the operator role (operator-access.ts).
    ...(settings.mode === 'development' && env.ADMIN_TOKEN ? { operatorToken: env.ADMIN_TOKEN } : {}),
  };
  const notes: string[] = [];
  if (settings.mode === 'production' && env.ADMIN_TOKEN)
    notes.push('ADMIN_TOKEN is ignored in production: operators need a token with the operator or admin role');
  if (settings.mode === 'development') {
    notes.push(
      settings.anonymousAdmin
        ? 'development mode: requests without a token act as the local administrator (set AUTH_MODE=production with keys to refuse them)'
        : 'development mode: a token is required (AUTH_DEV_ANONYMOUS=deny)',
    );
    const token = await authority.sign!(
      { sub: LOCAL_ADMIN_SUBJECT, scope: 'system/*.cruds', roles: ['admin'], labels: ['R', 'V'] },
      DEV_TOKEN_SECONDS,
    );
    notes.push(`development mode: local administrator token (12 h): ${token}`);
  }
  if (settings.audit) notes.push('audit: every request is recorded as an AuditEvent');
  return { control, protections: parseProtections(env, settings.mode === 'production'), notes };
}
