/**
 * `/.well-known/smart-configuration`: what a SMART client needs to know before asking for a
 * token. The gateway verifies tokens; it does not issue them, so the endpoints are the
 * configured authorisation server's (`AUTH_AUTHORIZE_URL`, `AUTH_TOKEN_URL`).
 * @see https://build.fhir.org/ig/HL7/smart-app-launch/conformance.html
 * @module
 */
import type { Env, Hono } from 'hono';

/** The published document, from the environment. */
export function smartConfiguration(env: Record<string, string | undefined>): Record<string, unknown> {
  return {
    issuer: env.AUTH_ISSUER ?? 'urn:patronage-fhir-gateway:development',
    ...(env.AUTH_JWKS_URL ? { jwks_uri: env.AUTH_JWKS_URL } : {}),
    ...(env.AUTH_AUTHORIZE_URL ? { authorization_endpoint: env.AUTH_AUTHORIZE_URL } : {}),
    ...(env.AUTH_TOKEN_URL ? { token_endpoint: env.AUTH_TOKEN_URL } : {}),
    grant_types_supported: ['authorization_code', 'client_credentials'],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ['RS256', 'ES256', 'ES384'],
    scopes_supported: [
      'patient/*.rs',
      'user/*.cruds',
      'system/*.cruds',
      'patient/*.read',
      'user/*.read',
      'user/*.write',
    ],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    capabilities: [
      'permission-v2',
      'permission-v1',
      'permission-patient',
      'permission-user',
      'client-confidential-asymmetric',
    ],
  };
}

/** Registers the document at the root and under `/fhir`. */
export function registerSmartConfiguration<E extends Env>(app: Hono<E>, document: Record<string, unknown>): void {
  const body = JSON.stringify(document);
  const answer = () =>
    new Response(body, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } });
  app.get('/.well-known/smart-configuration', answer);
  app.get('/fhir/.well-known/smart-configuration', answer);
}
