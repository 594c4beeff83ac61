/**
 * Reading a PATCH body: `application/json-patch+json` (JSON Patch) or `application/fhir+json`
 * (a FHIRPath Patch Parameters resource).
 * @see https://hl7.org/fhir/R4/http.html#patch
 * @module
 */
import { FhirError, badRequest, error } from '../fhir/outcome.js';
import { parseFhirJson } from '../fhir/json/parse-fhir-json.js';
import type { PatchDocument } from '../rest/patch.js';
import { readTextWithLimit, type BodyLimits } from './fhir-body.js';

/** Reads, strictly parses (see `parseFhirJson`) and classifies the patch document of `request`. */
export async function readPatchBody(request: Request, limits: BodyLimits | number): Promise<PatchDocument> {
  const mediaType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  const kind =
    mediaType === 'application/json-patch+json'
      ? 'json-patch'
      : mediaType === 'application/fhir+json' || mediaType === 'application/json'
        ? 'fhirpath'
        : undefined;
  if (!kind) {
    throw new FhirError(
      415,
      error('not-supported', 'PATCH takes application/json-patch+json or application/fhir+json (FHIRPath Patch)'),
    );
  }
  const { maxBodyBytes, maxJsonDepth } = typeof limits === 'number' ? { maxBodyBytes: limits } : limits;
  const text = await readTextWithLimit(request, maxBodyBytes);
  if (text.trim() === '') throw badRequest('The patch body is empty', undefined, 'required');
  const parsed = parseFhirJson(text, {
    what: 'patch body',
    ...(maxJsonDepth === undefined ? {} : { maxDepth: maxJsonDepth }),
  });
  return kind === 'json-patch' ? { kind, operations: parsed } : { kind, parameters: parsed };
}
