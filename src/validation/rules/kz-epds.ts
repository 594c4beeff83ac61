/**
 * The guide's kz-epds-1 as a native check: an EPDS response has the ten items linkId '1' to '10',
 * each answered once with an integer 0–3. fhirpath.js took ≈2 ms on each EPDS response
 * (`distinct()` and `ofType()` are outside the FHIRPath subset), twenty times the rest of its
 * validation. Abstains on shapes the base pass reports anyway (a non-object item or answer), so
 * fhirpath.js decides those. The cross-check test compares it with fhirpath.js on every guide
 * example, valid and invalid.
 * @see https://hl7.org/fhir/R4/questionnaireresponse.html
 * @module
 */

type Json = Record<string, unknown>;

const EPDS_LINK_IDS: ReadonlySet<string> = new Set(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Plain loops, no closures or sets: this runs on every EPDS response written.
function allObjects(values: readonly unknown[]): values is Json[] {
  for (const value of values) if (!isObject(value)) return false;
  return true;
}

/** How many distinct string linkIds `items` have (`item.linkId.distinct().count()`). */
function distinctLinkIds(items: readonly Json[]): number {
  let count = 0;
  for (let i = 0; i < items.length; i++) {
    const linkId = items[i]!.linkId;
    if (typeof linkId !== 'string') continue;
    let seen = false;
    for (let j = 0; j < i && !seen; j++) seen = items[j]!.linkId === linkId;
    if (!seen) count++;
  }
  return count;
}

/** kz-epds-1 on a QuestionnaireResponse: true, false, or undefined when fhirpath.js should decide. */
export function epdsItemsHold(response: unknown): boolean | undefined {
  const items = (response as Json).item;
  if (items === undefined) return false;
  if (!Array.isArray(items) || !allObjects(items)) return undefined;
  if (items.length !== 10 || distinctLinkIds(items) !== 10) return false;
  for (const item of items) {
    const answers = item.answer;
    if (answers !== undefined && (!Array.isArray(answers) || !allObjects(answers))) return undefined;
    if (!EPDS_LINK_IDS.has(item.linkId as string) || answers?.length !== 1) return false;
    const score = answers[0]!.valueInteger;
    if (!Number.isInteger(score) || (score as number) < 0 || (score as number) > 3) return false;
  }
  return true;
}
