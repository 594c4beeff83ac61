/**
 * Reading a PATCH body: `application/json-patch+json` (JSON Patch) or `application/fhir+json`
 * (a FHIRPath Patch Parameters resource).
 * @see https://hl7.org/fhir/R4/http.html#patch
 * @module
 */
import { FhirError, badRequest, error } from '../fhir/outcome.js';
import type { PatchDocument } from '../rest/patch.js';

/** Reads and classifies the patch document of `request`. */
export async function readPatchBody(request: Request, maxBytes: number): Promise<PatchDocument> {
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
  const text = await request.text();
  if (new TextEncoder().encode(text).byteLength > maxBytes) {
    throw new FhirError(413, error('too-long', `The request body exceeds the limit of ${maxBytes} bytes`));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch (cause) {
    throw badRequest(
      `The patch body is not valid JSON: ${cause instanceof Error ? cause.message : String(cause)}`,
      undefined,
      'structure',
    );
  }
  return kind === 'json-patch' ? { kind, operations: parsed } : { kind, parameters: parsed };
}
