/**
 * Browser-facing protections of production mode: CORS for the configured origins only
 * (`CORS_ORIGINS`), and security headers on every answer. Records are never to be cached by a
 * shared cache (`Cache-Control: no-store` on the protected paths). Development mode adds
 * neither: each header set on a success costs a read measurably (decision 014).
 * @see https://fetch.spec.whatwg.org/#http-cors-protocol
 * @module
 */
import type { Env, Hono, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { isProtectedPath } from './access-control.js';

/** What production adds to every answer. */
export interface Protections {
  /** Origins allowed to call the API from a browser; none when empty. */
  corsOrigins: readonly string[];
  securityHeaders: boolean;
}

/** Reads `CORS_ORIGINS` (comma-separated origins); headers are on in production. */
export function parseProtections(env: Record<string, string | undefined>, production: boolean): Protections {
  const corsOrigins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  return { corsOrigins, securityHeaders: production };
}

/** Registers the protections on `app` (before every route). */
export function registerProtections<E extends Env>(app: Hono<E>, protections: Protections): void {
  if (protections.corsOrigins.length > 0) {
    app.use(
      cors({
        origin: [...protections.corsOrigins],
        allowHeaders: ['authorization', 'content-type', 'if-match', 'if-none-match', 'if-none-exist', 'prefer'],
        exposeHeaders: ['location', 'etag', 'last-modified', 'retry-after', 'x-request-id'],
        maxAge: 600,
      }),
    );
  }
  if (protections.securityHeaders) app.use(securityHeaders());
}

function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set('x-content-type-options', 'nosniff');
    headers.set('x-frame-options', 'DENY');
    headers.set('referrer-policy', 'no-referrer');
    headers.set('strict-transport-security', 'max-age=31536000');
    if (isProtectedPath(new URL(c.req.url).pathname)) headers.set('cache-control', 'no-store');
  };
}
