/**
 * Checks on a resource body that come before validation: it must be a resource of the type the
 * URL names, with the id rules of create and update.
 * @see https://hl7.org/fhir/R4/http.html#create
 * @see https://hl7.org/fhir/R4/http.html#update
 * @module
 */
import { FhirError, badRequest, error } from '../fhir/outcome.js';
import { isValidId } from '../fhir/ids.js';

/** Asserts that `body` is a JSON object whose `resourceType` equals the URL's type. */
export function assertResourceOfType(body: unknown, resourceType: string): asserts body is fhir4.Resource {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object (a FHIR resource)', undefined, 'structure');
  }
  const declared = (body as { resourceType?: unknown }).resourceType;
  if (typeof declared !== 'string') {
    throw badRequest('The resource has no resourceType', 'resourceType', 'required');
  }
  if (declared !== resourceType) {
    throw badRequest(`resourceType '${declared}' does not match the URL's type '${resourceType}'`, 'resourceType');
  }
}

/** For update: the body's id must be present and equal the URL's id. */
export function assertIdMatches(resource: fhir4.Resource, id: string): void {
  if (!isValidId(id)) throw badRequest(`'${id}' is not a valid resource id`);
  if (resource.id === undefined) {
    throw badRequest('An update must carry the resource id in the body', `${resource.resourceType}.id`, 'required');
  }
  if (resource.id !== id) {
    throw badRequest(`Body id '${resource.id}' does not match URL id '${id}'`, `${resource.resourceType}.id`);
  }
}

/** Returns a copy of `resource` with `id` and version metadata set by the server. */
export function withServerMeta(
  resource: fhir4.Resource,
  meta: { id: string; versionId: string; lastUpdated: string },
): fhir4.Resource {
  // resourceType, id and meta first, as FHIR JSON is conventionally written.
  const { resourceType, id: _ignored, meta: clientMeta, ...rest } = resource;
  assertClientMeta(clientMeta, resourceType);
  const serverMeta = { ...clientMeta, versionId: meta.versionId, lastUpdated: meta.lastUpdated };
  return { resourceType, id: meta.id, meta: serverMeta, ...rest } as fhir4.Resource;
}

/**
 * The client's `meta` must be a Meta before the server replaces its version fields: a wrongly
 * typed one would otherwise vanish silently (a string spread into nothing, a numeric versionId
 * overwritten). The other Meta elements are kept and left to the validator.
 * @see https://hl7.org/fhir/R4/resource.html#Meta
 */
function assertClientMeta(meta: unknown, resourceType: string): void {
  if (meta === undefined) return;
  const path = `${resourceType}.meta`;
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
    throw invalidMeta(
      `meta must be a Meta object, found ${meta === null ? 'null' : Array.isArray(meta) ? 'an array' : typeof meta}`,
      path,
    );
  }
  for (const key of ['versionId', 'lastUpdated'] as const) {
    const value = (meta as Record<string, unknown>)[key];
    if (value !== undefined && typeof value !== 'string') {
      throw invalidMeta(
        `meta.${key} must be a string, found ${value === null ? 'null' : typeof value}`,
        `${path}.${key}`,
      );
    }
  }
}

function invalidMeta(message: string, expression: string): FhirError {
  return new FhirError(422, error('structure', message, expression));
}
