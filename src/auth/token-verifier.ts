/**
 * Bearer token verification with jose (Web Crypto: the same code on Workers and Node). The
 * signature is checked against the configured keys and pinned algorithms, then issuer, audience,
 * expiry and not-before. `alg: none` and symmetric algorithms are never accepted (decision 031).
 * @see https://www.rfc-editor.org/rfc/rfc8725 (JWT best current practices)
 * @module
 */
import {
  SignJWT,
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  importSPKI,
  jwtVerify,
  type JWTVerifyGetKey,
  type CryptoKey,
} from 'jose';
import type { AuthSettings } from './auth-config.js';

/** Verifies a compact JWS and returns its claims; throws for any failure. */
export type TokenVerifier = (token: string) => Promise<Record<string, unknown>>;

/** A verifier and, in development mode, a way to sign local tokens. */
export interface TokenAuthority {
  verify: TokenVerifier;
  /** Development only: signs claims with the key made at start. */
  sign?: (claims: Record<string, unknown>, lifetimeSeconds: number) => Promise<string>;
}

const DEV_ALGORITHM = 'ES256';

/** Builds the verifier for `settings` (in development mode, makes the signing key first). */
export async function createTokenAuthority(settings: AuthSettings): Promise<TokenAuthority> {
  const options = {
    issuer: settings.issuer,
    audience: settings.audience,
    algorithms: [...settings.algorithms],
    clockTolerance: settings.clockToleranceSeconds,
    requiredClaims: ['exp', 'sub'],
  };
  if (settings.keys.kind === 'development') {
    const pair = await generateKeyPair(DEV_ALGORITHM);
    const publicJwk = { ...(await exportJWK(pair.publicKey)), alg: DEV_ALGORITHM, kid: 'development' };
    const keys = createLocalJWKSet({ keys: [publicJwk] });
    return {
      verify: async (token) => (await jwtVerify(token, keys, { ...options, algorithms: [DEV_ALGORITHM] })).payload,
      sign: (claims, lifetime) => signDevelopmentToken(pair.privateKey, settings, claims, lifetime),
    };
  }
  const key = await keyOf(settings);
  return { verify: cachedVerifier(async (token) => (await jwtVerify(token, key, options)).payload) };
}

const MOST_CACHED_TOKENS = 1_000;

function stillValid(claims: Record<string, unknown>, now: number): boolean {
  const notBefore = typeof claims.nbf === 'number' ? claims.nbf : 0;
  return typeof claims.exp === 'number' && claims.exp > now && notBefore <= now;
}

/**
 * Remembers tokens already verified, by their exact text (signature included), until they
 * expire: a client sends the same token on every request, and an RSA signature check costs
 * more than a read. A cached token is still refused once past `exp`, and before `nbf`.
 */
function cachedVerifier(verify: TokenVerifier): TokenVerifier {
  const verified = new Map<string, Record<string, unknown>>();
  return async (token) => {
    const now = Date.now() / 1000;
    const known = verified.get(token);
    if (known && stillValid(known, now)) return known;
    if (known) verified.delete(token);
    const claims = await verify(token);
    if (verified.size >= MOST_CACHED_TOKENS) verified.delete(verified.keys().next().value!);
    verified.set(token, claims);
    return claims;
  };
}

async function keyOf(settings: AuthSettings): Promise<JWTVerifyGetKey | CryptoKey> {
  const { keys } = settings;
  switch (keys.kind) {
    case 'jwks':
      return createLocalJWKSet(keys.jwks as Parameters<typeof createLocalJWKSet>[0]);
    case 'jwks-url':
      return createRemoteJWKSet(new URL(keys.url), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
    case 'pem':
      return importSPKI(keys.pem, keys.algorithm);
    default:
      throw new Error('development keys are made by createTokenAuthority');
  }
}

function signDevelopmentToken(
  key: CryptoKey,
  settings: AuthSettings,
  claims: Record<string, unknown>,
  lifetimeSeconds: number,
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: DEV_ALGORITHM, kid: 'development', typ: 'JWT' })
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(`${lifetimeSeconds}s`)
    .sign(key);
}
