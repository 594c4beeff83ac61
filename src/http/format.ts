/**
 * Response format negotiation: `_format`, `Accept` and `_pretty`. Only JSON is served.
 * @see https://hl7.org/fhir/R4/http.html#mime-type
 * @see https://hl7.org/fhir/R4/http.html#parameters
 * @module
 */
import { FhirError, error } from '../fhir/outcome.js';

const JSON_FORMATS = new Set(['json', 'application/json', 'application/fhir+json', 'application/json+fhir']);

/** Throws 406 when the client asks only for a format other than JSON. */
export function assertJsonAcceptable(url: URL, accept: string | null): void {
  const format = url.searchParams.get('_format');
  if (format !== null) {
    if (JSON_FORMATS.has(format.split(';')[0]!.trim().toLowerCase())) return;
    throw notAcceptable(`_format '${format}' is not supported; this server speaks JSON only`);
  }
  if (!accept || acceptsJson(accept)) return;
  throw notAcceptable(`Accept '${accept}' names no JSON media type; this server speaks JSON only`);
}

/** `_pretty=true` asks for indented output. */
export function wantsPretty(url: URL): boolean {
  return url.searchParams.get('_pretty') === 'true';
}

function acceptsJson(accept: string): boolean {
  return accept.split(',').some((part) => {
    const type = part.split(';')[0]!.trim().toLowerCase();
    return type === '*/*' || type === 'application/*' || JSON_FORMATS.has(type) || type.endsWith('+json');
  });
}

function notAcceptable(message: string): FhirError {
  return new FhirError(406, error('not-supported', message));
}
