/**
 * Rendering FHIR responses: `application/fhir+json`, `_pretty`, version headers and `Prefer`.
 * @see https://hl7.org/fhir/R4/http.html#general
 * @module
 */
import { weakEtag } from '../fhir/bundle.js';
import { bundleText } from '../fhir/bundle-text.js';
import { toOperationOutcome } from '../fhir/outcome.js';
import type { RestResult } from '../rest/context.js';
import type { ReturnPreference } from '../rest/prefer.js';
import { storedTextOf } from '../rest/result-text.js';

/** The response media type of every FHIR body this server sends. */
export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** Serialises `body` as FHIR JSON, indented when `pretty`. */
export function fhirJsonResponse(
  body: unknown,
  init: { status: number; pretty: boolean; headers?: Record<string, string> },
): Response {
  const text = JSON.stringify(body, null, init.pretty ? 2 : undefined);
  return new Response(text, { status: init.status, headers: { 'content-type': FHIR_JSON, ...init.headers } });
}

/**
 * A transaction or batch response Bundle as FHIR JSON: compact text reuses the stored texts of the
 * entries' resources (`bundle-text.ts`); `_pretty` serialises it all again, indented.
 */
export function fhirBundleResponse(bundle: fhir4.Bundle, init: { status: number; pretty: boolean }): Response {
  if (init.pretty) return fhirJsonResponse(bundle, init);
  return new Response(bundleText(bundle), { status: init.status, headers: { 'content-type': FHIR_JSON } });
}

/** Options of {@link renderResult}. */
export interface RenderOptions {
  baseUrl: string;
  pretty: boolean;
  prefer: ReturnPreference;
}

/** Turns an interaction result into a Response with ETag, Last-Modified, Location and the preferred body. */
export function renderResult(result: RestResult, options: RenderOptions): Response {
  const headers = versionHeaders(result, options.baseUrl);
  // 204 and 304 never carry a body (RFC 9110 §15.3.5, §15.4.5).
  if ((result.status === 204 || result.status === 304) && result.json === undefined && !result.resource) {
    return new Response(null, { status: result.status, headers });
  }
  const json = result.json ?? storedTextOf(result);
  if (json !== undefined && options.prefer === 'representation' && !options.pretty) {
    return new Response(json, { status: result.status, headers: { 'content-type': FHIR_JSON, ...headers } });
  }
  const body = chooseBody(result, options.prefer);
  if (body === undefined) return new Response(null, { status: result.status, headers });
  return fhirJsonResponse(body, { status: result.status, pretty: options.pretty, headers });
}

function chooseBody(result: RestResult, prefer: ReturnPreference): unknown {
  if (prefer === 'minimal') return undefined;
  if (prefer === 'OperationOutcome') return toOperationOutcome(result.issues ?? []);
  return result.resource;
}

function versionHeaders(result: RestResult, baseUrl: string): Record<string, string> {
  const version = result.version;
  if (!version) return {};
  const headers: Record<string, string> = {
    etag: weakEtag(version.versionId),
    'last-modified': new Date(version.lastUpdated).toUTCString(),
  };
  if (result.status === 201) {
    headers.location = `${baseUrl}/${version.resourceType}/${version.id}/_history/${version.versionId}`;
  }
  return headers;
}
