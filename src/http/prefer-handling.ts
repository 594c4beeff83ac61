/**
 * The `Prefer` header's `handling` preference for searches.
 * @see https://hl7.org/fhir/R4/search.html#errors
 * @module
 */

/** True for `Prefer: handling=strict`; lenient is the default. */
export function prefersStrictHandling(header: string | null | undefined): boolean {
  return /(?:^|[;,\s])handling\s*=\s*"?strict"?/i.test(header ?? '');
}
