/**
 * Access-control settings from environment variables (listed in the README). Production
 * refuses to start without keys; development (the default when no key is configured) signs its
 * own tokens with a key made at start (decision 031).
 * @module
 */

/** Algorithms accepted by default: asymmetric only, so a public key can never act as an HMAC secret. */
export const DEFAULT_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'ES384', 'EdDSA'] as const;

/** Where the keys that sign tokens come from. */
export type KeySource =
  /** A JWKS document (inline `AUTH_JWKS`, or read by the Node entry from `AUTH_JWKS_FILE`). */
  | { kind: 'jwks'; jwks: { keys: Record<string, unknown>[] } }
  /** A JWKS URL, fetched and cached by jose. */
  | { kind: 'jwks-url'; url: string }
  /** One PEM public key (`AUTH_PUBLIC_KEY`) pinned to one algorithm (`AUTH_PUBLIC_KEY_ALG`). */
  | { kind: 'pem'; pem: string; algorithm: string }
  /** Development: a key made at start. */
  | { kind: 'development' };

/** The parsed settings. */
export interface AuthSettings {
  mode: 'development' | 'production';
  issuer: string;
  audience: string;
  keys: KeySource;
  algorithms: readonly string[];
  /** Seconds of clock skew tolerated on `exp` and `nbf`. */
  clockToleranceSeconds: number;
  /** Development only: a request without a token acts as the local administrator. */
  anonymousAdmin: boolean;
  /** Whether AuditEvents are recorded. */
  audit: boolean;
  /** `AUTH_NURSE_CASELOAD=own`: a nurse's token sees only her own caseload (`polyclinic`, the default: all of it). */
  nurseCaseload: boolean;
}

/** Thrown for a setting that cannot work; the start stops with its message. */
export class AuthConfigError extends Error {}

const DEV_ISSUER = 'urn:patronage-fhir-gateway:development';
const DEV_AUDIENCE = 'patronage-fhir-gateway';

/** Reads the settings from `env`; throws {@link AuthConfigError} for production without keys. */
export function parseAuthSettings(env: Record<string, string | undefined>): AuthSettings {
  const keys = keySource(env);
  const mode = modeOf(env.AUTH_MODE, keys);
  if (mode === 'production' && keys.kind === 'development')
    throw new AuthConfigError(
      'AUTH_MODE=production needs signing keys: set AUTH_JWKS_FILE, AUTH_JWKS, AUTH_JWKS_URL or AUTH_PUBLIC_KEY',
    );
  if (mode === 'production' && (!env.AUTH_ISSUER || !env.AUTH_AUDIENCE))
    throw new AuthConfigError('AUTH_MODE=production needs AUTH_ISSUER and AUTH_AUDIENCE');
  const algorithms = (env.AUTH_ALGORITHMS ?? DEFAULT_ALGORITHMS.join(',')).split(',').map((a) => a.trim());
  const symmetric = algorithms.find((a) => !/^(RS|PS|ES)(256|384|512)$|^EdDSA$/.test(a));
  if (symmetric) throw new AuthConfigError(`AUTH_ALGORITHMS: '${symmetric}' is not an accepted asymmetric algorithm`);
  return {
    mode,
    issuer: env.AUTH_ISSUER ?? DEV_ISSUER,
    audience: env.AUTH_AUDIENCE ?? DEV_AUDIENCE,
    keys,
    algorithms: keys.kind === 'pem' ? [keys.algorithm] : algorithms,
    clockToleranceSeconds: nonNegative(env.AUTH_CLOCK_TOLERANCE_SECONDS, 30),
    anonymousAdmin: mode === 'development' && env.AUTH_DEV_ANONYMOUS !== 'deny',
    audit: (env.AUDIT_LOG ?? (mode === 'production' ? 'on' : 'off')) === 'on',
    nurseCaseload: nurseCaseloadOf(env.AUTH_NURSE_CASELOAD),
  };
}

function nurseCaseloadOf(value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'polyclinic') return false;
  if (value === 'own') return true;
  throw new AuthConfigError('AUTH_NURSE_CASELOAD must be own or polyclinic');
}

function modeOf(value: string | undefined, keys: KeySource): AuthSettings['mode'] {
  if (value === 'production' || value === 'development') return value;
  if (value !== undefined && value !== '') throw new AuthConfigError(`AUTH_MODE must be development or production`);
  return keys.kind === 'development' ? 'development' : 'production';
}

function keySource(env: Record<string, string | undefined>): KeySource {
  if (env.AUTH_JWKS) return { kind: 'jwks', jwks: parseJwks(env.AUTH_JWKS) };
  if (env.AUTH_JWKS_URL) {
    if (!/^https:\/\//.test(env.AUTH_JWKS_URL) && !/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(env.AUTH_JWKS_URL))
      throw new AuthConfigError('AUTH_JWKS_URL must be https (or http on localhost)');
    return { kind: 'jwks-url', url: env.AUTH_JWKS_URL };
  }
  if (env.AUTH_PUBLIC_KEY) {
    const algorithm = env.AUTH_PUBLIC_KEY_ALG ?? 'RS256';
    return { kind: 'pem', pem: env.AUTH_PUBLIC_KEY.replace(/\\n/g, '\n'), algorithm };
  }
  return { kind: 'development' };
}

function parseJwks(text: string): { keys: Record<string, unknown>[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AuthConfigError('AUTH_JWKS (or the AUTH_JWKS_FILE file) is not JSON');
  }
  const keys = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new AuthConfigError('the JWKS has no keys');
  for (const key of keys as Record<string, unknown>[]) {
    if (key.kty === 'oct')
      throw new AuthConfigError('the JWKS holds a symmetric (oct) key; only public keys are accepted');
    if ('d' in key) throw new AuthConfigError('the JWKS holds a private key; give the gateway public keys only');
  }
  return { keys: keys as Record<string, unknown>[] };
}

function nonNegative(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0)
    throw new AuthConfigError('AUTH_CLOCK_TOLERANCE_SECONDS must be a whole number ≥ 0');
  return number;
}
