/**
 * Reading a PATCH body: `application/json-patch+json` (JSON Patch) or `application/fhir+json`
 * (a FHIRPath Patch Parameters resource); the router tells them apart by the media type.
 * @see https://hl7.org/fhir/R4/http.html#patch
 * @module
 */
import { FhirError, badRequest, error } from '../fhir/outcome.js';
import { parseFhirJson } from '../fhir/json/parse-fhir-json.js';
import { readTextWithLimit, type BodyLimits } from './fhir-body.js';

const PATCH_MEDIA_TYPES = new Set(['application/json-patch+json', 'application/fhir+json', 'application/json']);

/** Reads and strictly parses (see `parseFhirJson`) the patch document of `request`; 415 for other media types. */
export async function readPatchBody(request: Request, limits: BodyLimits | number): Promise<unknown> {
  const mediaType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (!mediaType || !PATCH_MEDIA_TYPES.has(mediaType)) {
    throw new FhirError(
      415,
      error('not-supported', 'PATCH takes application/json-patch+json or application/fhir+json (FHIRPath Patch)'),
    );
  }
  const { maxBodyBytes, maxJsonDepth } = typeof limits === 'number' ? { maxBodyBytes: limits } : limits;
  const text = await readTextWithLimit(request, maxBodyBytes);
  if (text.trim() === '') throw badRequest('The patch body is empty', undefined, 'required');
  return parseFhirJson(text, {
    what: 'patch body',
    ...(maxJsonDepth === undefined ? {} : { maxDepth: maxJsonDepth }),
  });
}
