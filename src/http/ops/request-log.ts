/**
 * One structured JSON line per request: request id, method, route template, status, duration and
 * resource type. Never the URL's query, a body, a header value other than the request id, or
 * anything else a client typed freely: IINs and names travel in those.
 * @module
 */

/** Levels of `LOG_LEVEL`, from the most to the least verbose. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

/** A level of `LOG_LEVEL`. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What one request line carries. */
export interface RequestLogFields {
  requestId: string;
  method: string;
  /** The route template that answered, e.g. `/fhir/:type/:id`; never the path itself. */
  route: string;
  status: number;
  durationMs: number;
  resourceType?: string;
}

/** Writes request lines at or above its level. */
export interface RequestLogger {
  level: LogLevel;
  request(fields: RequestLogFields): void;
}

/** `LOG_LEVEL` from an environment, `info` when unset; throws on an unknown level. */
export function parseLogLevel(env: Record<string, string | undefined>): LogLevel {
  const given = env.LOG_LEVEL?.trim().toLowerCase();
  if (!given) return 'info';
  if ((LOG_LEVELS as readonly string[]).includes(given)) return given as LogLevel;
  throw new Error(`Invalid configuration: LOG_LEVEL: expected one of ${LOG_LEVELS.join(', ')}`);
}

/**
 * A logger writing one JSON line per request through `write` (console.log on both runtimes). A
 * 5xx is logged at `error`, a 4xx at `warn`, anything else at `info`.
 */
export function createRequestLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => console.log(line),
): RequestLogger {
  const threshold = LOG_LEVELS.indexOf(level);
  return {
    level,
    request(fields) {
      const lineLevel: LogLevel = fields.status >= 500 ? 'error' : fields.status >= 400 ? 'warn' : 'info';
      if (LOG_LEVELS.indexOf(lineLevel) < threshold) return;
      write(JSON.stringify({ time: new Date().toISOString(), level: lineLevel, msg: 'request', ...fields }));
    },
  };
}
