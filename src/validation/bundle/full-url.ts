/**
 * What a Bundle entry's fullUrl must be: an absolute URI; a `urn:uuid:` a UUID and a `urn:oid:`
 * an OID; and a RESTful URL (`[base]/[type]/[id]`) agreeing with the type and id of the entry's
 * resource. Shared by the validator and the transaction/batch shape check.
 * @see https://hl7.org/fhir/R4/bundle-definitions.html#Bundle.entry.fullUrl
 * @see https://hl7.org/fhir/R4/datatypes.html#uri
 * @module
 */

/** `urn:uuid:` and `urn:oid:` as the R4 `uuid` and `oid` types define them. */
const UUID_URN = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OID_URN = /^urn:oid:[0-2](\.(0|[1-9][0-9]*))+$/;
/** An absolute URI: a scheme, then no whitespace. @see https://www.rfc-editor.org/rfc/rfc3986#section-4.3 */
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
/** A RESTful resource URL, `[base]/[type]/[id]`, as a fullUrl may be. */
const RESTFUL_URL = /^https?:\/\/\S+\/([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/;

/** Why `fullUrl` is wrong for an entry holding `resource`, or undefined when it is right. */
export function fullUrlProblem(fullUrl: string, resource: unknown): string | undefined {
  if (!ABSOLUTE_URI.test(fullUrl)) return `'${clip(fullUrl)}' is not an absolute URI`;
  if (/^urn:uuid:/i.test(fullUrl) && !UUID_URN.test(fullUrl))
    return `'${clip(fullUrl)}' is not a UUID URN (urn:uuid: and a lower-case UUID)`;
  if (/^urn:oid:/i.test(fullUrl) && !OID_URN.test(fullUrl)) return `'${clip(fullUrl)}' is not an OID URN`;
  const restful = RESTFUL_URL.exec(fullUrl);
  const { resourceType, id } = (typeof resource === 'object' && resource !== null ? resource : {}) as {
    resourceType?: unknown;
    id?: unknown;
  };
  if (restful && id !== undefined && (resourceType !== restful[1] || id !== restful[2])) {
    return `'${clip(fullUrl)}' disagrees with the resource's type and id (${String(resourceType)}/${clip(String(id))})`;
  }
  return undefined;
}

/** Cuts a value quoted in a message to 100 characters. */
export function clip(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}
