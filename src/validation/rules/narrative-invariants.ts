/**
 * Native forms of txt-1 and txt-2 (`htmlChecks()` on `Narrative.div`): the narrative holds only
 * the basic HTML formatting elements and attributes, and some non-whitespace content. The
 * structural walk already checks the `div` with the stricter ../xhtml/check-narrative.ts, so the
 * invariants take its verdict (memoised, one tokenization) instead of a second pass through
 * fhirpath.js, which cost about a tenth of validating a resource with a narrative.
 * @see https://hl7.org/fhir/R4/narrative.html#invs
 * @module
 */
import { checkNarrativeXhtml } from '../xhtml/check-narrative.js';
import type { NativeInvariant } from './native-invariants.js';

/** A narrative `div` the XHTML rules accept; a non-string is the base pass's error, not this one's. */
const htmlChecks: NativeInvariant = (value) => typeof value !== 'string' || checkNarrativeXhtml(value).length === 0;

/** Invariants by key. */
export const NARRATIVE_INVARIANTS: Readonly<Record<string, NativeInvariant>> = {
  'txt-1': htmlChecks,
  'txt-2': htmlChecks,
};
