/**
 * Patch documents: JSON Patch, or FHIRPath Patch (a Parameters resource), and applying one to
 * the current version of a resource. The patch interaction itself runs in the write pipeline
 * (`write/`).
 * @see https://hl7.org/fhir/R4/http.html#patch
 * @module
 */
import { parseFhirJson } from '../fhir/json/parse-fhir-json.js';
import { FhirError, badRequest, error } from '../fhir/outcome.js';
import { applyFhirPathPatch } from './fhirpath-patch.js';
import { applyJsonPatch } from './json-patch.js';

/** A patch document: JSON Patch operations, or a FHIRPath Patch Parameters resource. */
export type PatchDocument = { kind: 'json-patch'; operations: unknown } | { kind: 'fhirpath'; parameters: unknown };

/** The media type of a JSON Patch body. @see https://datatracker.ietf.org/doc/html/rfc6902 */
export const JSON_PATCH_TYPE = 'application/json-patch+json';

/** Applies `patch` to `resource`; the id and type cannot change. */
export function applyPatch(resource: fhir4.Resource, patch: PatchDocument): fhir4.Resource {
  let result: unknown;
  if (patch.kind === 'json-patch') result = applyJsonPatch(resource, patch.operations);
  else {
    const parameters = patch.parameters as fhir4.Parameters | null;
    if (parameters?.resourceType !== 'Parameters')
      throw badRequest('A FHIRPath Patch body is a Parameters resource', 'resourceType');
    result = applyFhirPathPatch(resource, parameters);
  }
  const patched = result as fhir4.Resource | null;
  if (!patched || patched.resourceType !== resource.resourceType || patched.id !== resource.id) {
    throw badRequest('A patch may not change resourceType or id');
  }
  return patched;
}

/**
 * The patch document of a PATCH body: JSON Patch when the media type says so (HTTP), otherwise
 * a resource: Parameters (FHIRPath Patch), or a Binary holding JSON Patch (how a Bundle entry
 * carries one, since its `resource` must be a resource).
 * @see https://hl7.org/fhir/R4/http.html#transaction
 */
export function toPatchDocument(body: unknown, mediaType: string | undefined): PatchDocument {
  if (mediaType === JSON_PATCH_TYPE) return { kind: 'json-patch', operations: body };
  const resource = body as fhir4.Resource | null | undefined;
  if (resource?.resourceType === 'Parameters') return { kind: 'fhirpath', parameters: resource };
  const binary = resource as fhir4.Binary | null | undefined;
  if (binary?.resourceType === 'Binary' && binary.contentType === JSON_PATCH_TYPE && binary.data) {
    let text: string;
    try {
      const bytes = Uint8Array.from(atob(binary.data), (ch) => ch.charCodeAt(0));
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      throw badRequest('Binary.data is not base64 UTF-8 text', 'Binary.data');
    }
    // The strict reader: depth, duplicate and prototype keys, as for any body.
    return { kind: 'json-patch', operations: parseFhirJson(text, { what: 'patch body' }) };
  }
  if (Array.isArray(body)) {
    // An array is a JSON Patch document: the body is right and its label wrong, so say which label.
    throw new FhirError(
      415,
      error(
        'not-supported',
        `This body is a JSON Patch: send it with Content-Type: ${JSON_PATCH_TYPE} (it came as ${mediaType ?? 'no media type'}); ` +
          'application/json and application/fhir+json carry a FHIRPath Patch Parameters resource',
      ),
    );
  }
  throw badRequest(
    'A PATCH body is JSON Patch, Parameters (FHIRPath Patch), or a Binary of application/json-patch+json',
    'resourceType',
  );
}
