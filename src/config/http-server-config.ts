/**
 * Limits of the Node HTTP server (the Workers runtime sets its own): header size, how long a
 * client may take to send its headers and its whole request, how long an idle keep-alive
 * connection stays open, and how long a closing connection keeps reading an unread request body.
 * See docs/limits.md.
 * @module
 */
import { z } from 'zod';

/** Typed HTTP server limits (milliseconds and bytes). */
export interface HttpServerConfig {
  /** Largest request line plus headers; above it 431 (or 414 when the URL alone is too long). */
  maxHeaderBytes: number;
  /** Time to receive the request headers; 408 after it. */
  headersTimeoutMs: number;
  /** Time to receive the whole request, body included; 408 after it. */
  requestTimeoutMs: number;
  /** Idle time before a keep-alive connection is closed. */
  keepAliveTimeoutMs: number;
  /** After the answer to a closing connection, how long unread request bytes are still read. */
  lingerMs: number;
}

const ms = (fallback: number) => z.coerce.number().int().min(0).max(3_600_000).default(fallback);

const Schema = z
  .object({
    HTTP_MAX_HEADER_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(1024 * 1024)
      .default(16 * 1024),
    HTTP_HEADERS_TIMEOUT_MS: ms(20_000),
    HTTP_REQUEST_TIMEOUT_MS: ms(60_000),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: ms(5_000),
    HTTP_LINGER_MS: ms(2_000),
  })
  .refine((c) => c.HTTP_REQUEST_TIMEOUT_MS === 0 || c.HTTP_HEADERS_TIMEOUT_MS <= c.HTTP_REQUEST_TIMEOUT_MS, {
    message: 'HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS',
    path: ['HTTP_HEADERS_TIMEOUT_MS'],
  });

/** Parses `env`; throws a readable error on a malformed setting. */
export function parseHttpServerConfig(env: Record<string, string | undefined>): HttpServerConfig {
  const result = Schema.safeParse(env);
  if (!result.success)
    throw new Error(
      `Invalid configuration: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const c = result.data;
  return {
    maxHeaderBytes: c.HTTP_MAX_HEADER_BYTES,
    headersTimeoutMs: c.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: c.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: c.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    lingerMs: c.HTTP_LINGER_MS,
  };
}
