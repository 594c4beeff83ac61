/**
 * `GET /openapi.json`: the OpenAPI 3.1 description, generated from the CapabilityStatement, the
 * compiled FHIR model and the endpoint groups this app serves, on first request per base URL
 * and kept (it changes only with the software; decision 036).
 * @module
 */
import type { Hono } from 'hono';
import { toJsonSchema } from '../../mapping/formats/local-format.js';
import { buildOpenApi, type OpenApiOptions } from '../../openapi/build-openapi.js';
import type { OpenApiDocument } from '../../openapi/openapi-types.js';
import { serverCapabilityStatement } from '../../rest/server-capabilities.js';
import type { AppDependencies, AppEnv } from '../app.js';

// Base URLs derived from Host headers are client text: keep only a few documents.
const MAX_KEPT = 4;

/** Registers `/openapi.json` on `app`. */
export function registerOpenApiRoute(app: Hono<AppEnv>, deps: AppDependencies): void {
  const kept = new Map<string, string>();
  const date = new Date().toISOString();
  app.get('/openapi.json', (c) => {
    const base = deps.config.baseUrl ?? `${new URL(c.req.url).origin}/fhir`;
    let text = kept.get(base);
    if (text === undefined) {
      text = JSON.stringify(openApiFor(deps, base, date));
      if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
      kept.set(base, text);
    }
    return c.body(text, 200, { 'content-type': 'application/json; charset=utf-8' });
  });
}

/** The OpenAPI document of this server at `baseUrl`. */
export function openApiFor(deps: AppDependencies, baseUrl: string, date: string): OpenApiDocument {
  const statement = serverCapabilityStatement(deps, { baseUrl, softwareVersion: deps.config.softwareVersion, date });
  return buildOpenApi(statement, { serverUrl: baseUrl, service: servedEndpoints(deps) });
}

/** The endpoint groups outside the FHIR base that `createApp` registers for `deps`. */
function servedEndpoints(deps: AppDependencies): NonNullable<OpenApiOptions['service']> {
  const formats = deps.mappings
    ? Object.fromEntries(
        [...deps.mappings.formats].map(([name, format]) => {
          const { $schema: _dialect, ...schema } = toJsonSchema(format);
          return [name, schema];
        }),
      )
    : undefined;
  const visit = deps.mappings?.mappings.get('visit')?.format;
  const visitFormat = [...(deps.mappings?.formats ?? [])].find(([, format]) => format === visit)?.[0];
  return {
    ...(visitFormat ? { visitFormat } : {}),
    health: deps.ops !== undefined,
    metrics: deps.ops?.metrics !== undefined,
    exchange: deps.exchange !== undefined,
    smartConfiguration: deps.access !== undefined,
    ...(formats ? { formats } : {}),
  };
}
