/**
 * Confidentiality labels: a record whose `meta.security` carries a restricted or very
 * restricted code (safeguarding Flags, social-risk assessments, EPDS answers) is seen only by
 * callers holding that code in their `labels` claim.
 * @see https://hl7.org/fhir/R4/security-labels.html
 * @see https://terminology.hl7.org/CodeSystem-v3-Confidentiality.html
 * @module
 */
import { parseCondition } from '../search/parse-conditions.js';
import type { Condition } from '../search/search-request.js';

/** The HL7 v3 Confidentiality code system. */
export const CONFIDENTIALITY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';

/** Codes that restrict who sees a record; N, L, M and U restrict nothing beyond the scopes. */
export const RESTRICTING_CODES = ['R', 'V'] as const;

/** The restricting codes on `resource` that `held` lacks. */
export function missingLabels(resource: fhir4.Resource, held: ReadonlySet<string>): string[] {
  const missing: string[] = [];
  for (const coding of resource.meta?.security ?? []) {
    if (coding.system !== CONFIDENTIALITY_SYSTEM || !coding.code) continue;
    if ((RESTRICTING_CODES as readonly string[]).includes(coding.code) && !held.has(coding.code))
      missing.push(coding.code);
  }
  return missing;
}

/** Conditions that leave out records labelled with a code `held` lacks. */
export function labelConditions(resourceType: string, held: ReadonlySet<string>, now: number): Condition[] {
  return RESTRICTING_CODES.filter((code) => !held.has(code)).map((code) =>
    parseCondition(resourceType, '_security:not', `${CONFIDENTIALITY_SYSTEM}|${code}`, now),
  );
}
