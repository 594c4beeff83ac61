/**
 * The `Prefer` header: `return` for what a write or read sends back, `handling` for searches.
 * Over HTTP it is the request's header; in a batch or transaction the Bundle request's header
 * applies to every entry ("whether to return the result resource depends on client preference").
 * @see https://hl7.org/fhir/R4/http.html#ops
 * @see https://hl7.org/fhir/R4/search.html#errors
 * @module
 */

/** What the client wants back from a write. */
export type ReturnPreference = 'minimal' | 'representation' | 'OperationOutcome';

/** Reads `return=…` from a `Prefer` header; representation when absent or unknown. */
export function parseReturnPreference(header: string | null | undefined): ReturnPreference {
  const match = /(?:^|[;,\s])return\s*=\s*"?(minimal|representation|OperationOutcome)"?/i.exec(header ?? '');
  const value = match?.[1]?.toLowerCase();
  if (value === 'minimal') return 'minimal';
  if (value === 'operationoutcome') return 'OperationOutcome';
  return 'representation';
}

/** True for `Prefer: handling=strict`; lenient is the default. */
export function prefersStrictHandling(header: string | null | undefined): boolean {
  return /(?:^|[;,\s])handling\s*=\s*"?strict"?/i.test(header ?? '');
}
