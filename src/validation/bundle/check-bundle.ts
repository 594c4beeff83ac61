/**
 * Bundle rules the base definition's invariants do not express, by Bundle type
 * ({@link BUNDLE_TYPE_RULES}): each entry's fullUrl agrees with its resource, entries that others
 * may refer to have a fullUrl, and a document or message is not empty (bdl-11 and bdl-12 only
 * look at a first entry that exists). References into the Bundle are resolved by
 * ../rules/check-reference.ts with the same rules.
 * @see https://hl7.org/fhir/R4/bundle.html#invs
 * @module
 */
import { report, type WalkContext } from '../walk-context.js';
import { bundleTypeRules, type BundleTypeRules } from './bundle-type-rules.js';
import { fullUrlProblem } from './full-url.js';

type JsonObject = Record<string, unknown>;

/** Checks the Bundle `bundle` at `path` after its structural walk. */
export function checkBundle(ctx: WalkContext, bundle: JsonObject, path: string): void {
  const rules = bundleTypeRules(bundle.type);
  const entries = Array.isArray(bundle.entry) ? (bundle.entry as unknown[]) : [];
  if (rules?.first && entries.length === 0) {
    const message = `A ${String(bundle.type)} Bundle starts with a ${rules.first} entry; this one has no entries`;
    report(ctx, { code: 'required', message }, `${path}.entry`);
  }
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (typeof entry === 'object' && entry !== null)
      checkEntry(ctx, { entry: entry as JsonObject, rules }, `${path}.entry[${i}]`);
  }
}

function checkEntry(
  ctx: WalkContext,
  args: { entry: JsonObject; rules: BundleTypeRules | undefined },
  at: string,
): void {
  const { entry, rules } = args;
  // A fullUrl is the identity of the entry's resource; an entry without one is a request or response only.
  if (entry.resource === undefined) return;
  if (typeof entry.fullUrl === 'string') {
    const problem = fullUrlProblem(entry.fullUrl, entry.resource);
    if (problem) report(ctx, { code: 'value', message: `fullUrl ${problem}` }, `${at}.fullUrl`);
  } else if (rules?.fullUrl && entry.fullUrl === undefined) {
    const message = 'An entry of a document or message needs a fullUrl, by which other entries refer to it';
    report(ctx, { severity: rules.fullUrl, code: 'required', message }, `${at}.fullUrl`);
  }
}
