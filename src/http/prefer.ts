/**
 * The `Prefer` header's `return` preference.
 * @see https://hl7.org/fhir/R4/http.html#ops
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
