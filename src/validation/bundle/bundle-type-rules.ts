/**
 * What each Bundle type asks of its entries beyond the bdl-* invariants of the base definition
 * (which the invariant pass checks: bdl-1…5, bdl-7…12): the resource that must come first, whether
 * entries need a fullUrl, and how serious a reference is that no entry of the Bundle carries.
 *
 * Unresolved references, by kind:
 * - `urn:uuid:` / `urn:oid:` can only ever mean an entry of the same Bundle: an error where the
 *   Bundle is processed or exchanged as a unit (document, message, transaction, batch), a warning
 *   in the others (a collection or a response may carry a part of something larger).
 * - A relative reference (`Patient/123`): a document is self-contained, so an error there; a
 *   message's receiver may still resolve it at the sender's server, so a warning; in a
 *   transaction or batch it names a resource on the server, which the write checks, so nothing.
 * - An absolute URL outside the Bundle is an external reference: never reported.
 * @see https://hl7.org/fhir/R4/bundle.html#references
 * @see https://hl7.org/fhir/R4/documents.html
 * @see https://hl7.org/fhir/R4/messaging.html
 * @module
 */

/** Severity of an unresolved reference; absent = not reported. */
export type UnresolvedSeverity = 'error' | 'warning' | undefined;

/** Rules of one Bundle type. */
export interface BundleTypeRules {
  /** Resource type the first entry must hold (bdl-11, bdl-12); an empty Bundle lacks it too. */
  readonly first?: string;
  /** Entries with a resource need a fullUrl, by which the others refer to them. */
  readonly fullUrl?: 'error' | 'warning';
  readonly unresolvedUrn: UnresolvedSeverity;
  readonly unresolvedRelative: UnresolvedSeverity;
}

/** Rules by `Bundle.type`. @see https://hl7.org/fhir/R4/valueset-bundle-type.html */
export const BUNDLE_TYPE_RULES: Readonly<Record<string, BundleTypeRules>> = {
  document: { first: 'Composition', fullUrl: 'warning', unresolvedUrn: 'error', unresolvedRelative: 'error' },
  message: { first: 'MessageHeader', fullUrl: 'warning', unresolvedUrn: 'error', unresolvedRelative: 'warning' },
  transaction: { unresolvedUrn: 'error', unresolvedRelative: undefined },
  batch: { unresolvedUrn: 'error', unresolvedRelative: undefined },
  'transaction-response': { unresolvedUrn: 'warning', unresolvedRelative: undefined },
  'batch-response': { unresolvedUrn: 'warning', unresolvedRelative: undefined },
  collection: { unresolvedUrn: 'warning', unresolvedRelative: undefined },
  searchset: { unresolvedUrn: 'warning', unresolvedRelative: undefined },
  history: { unresolvedUrn: 'warning', unresolvedRelative: undefined },
};

/** The rules of a Bundle's type, or undefined for a type R4 does not define (the binding reports it). */
export function bundleTypeRules(type: unknown): BundleTypeRules | undefined {
  return typeof type === 'string' && Object.hasOwn(BUNDLE_TYPE_RULES, type) ? BUNDLE_TYPE_RULES[type] : undefined;
}
