/**
 * Bundle builders shared by history, search and transaction responses.
 * @see https://hl7.org/fhir/R4/bundle.html
 * @module
 */

/** A Bundle link relation. @see https://hl7.org/fhir/R4/bundle-definitions.html#Bundle.link */
export type BundleLinkRelation = 'self' | 'first' | 'previous' | 'next' | 'last';

/** Builds `Bundle.link` entries from a relation → URL record, skipping absent ones. */
export function bundleLinks(links: Partial<Record<BundleLinkRelation, string>>): fhir4.BundleLink[] {
  return Object.entries(links)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([relation, url]) => ({ relation, url }));
}

/** The weak ETag of a version. @see https://hl7.org/fhir/R4/http.html#versioning */
export function weakEtag(versionId: string): string {
  return `W/"${versionId}"`;
}

/**
 * Reads a version id out of an `If-Match` / `ETag` value: `W/"3"`, `"3"` or `3`.
 * Returns `undefined` for a value that names no version.
 */
export function parseEtag(value: string): string | undefined {
  const match = /^\s*(?:W\/)?"?([^"\s]+)"?\s*$/.exec(value);
  return match?.[1];
}
