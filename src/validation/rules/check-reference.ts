/**
 * References: the target's type must be one the element allows (its targetProfile types), and a
 * reference into the same Bundle (`urn:uuid:` / `urn:oid:`, and relative ones in a document or
 * message) must resolve to an entry, as serious as the Bundle's type says (bundle-type-rules.ts).
 * The type is read from the literal reference (`Patient/1`, `https://…/Patient/1`), from the
 * contained resource for `#id`, or from the Bundle entry for a full URL.
 * @see https://hl7.org/fhir/R4/references.html
 * @see https://hl7.org/fhir/R4/bundle.html#references
 * @module
 */
import { report, type WalkContext } from '../walk-context.js';
import { pathText, type WalkPath } from '../walk-path.js';

/** The resource type of a literal reference: the last `Type/id` (or `Type/id/_history/vid`) of it. */
export const LITERAL = /(?:^|\/)([A-Z][A-Za-z]+)\/[A-Za-z0-9\-.]{1,64}(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/**
 * The type of a reference that is only `Type/id` or `Type/id/_history/vid`, read character by
 * character; undefined for any other reference (then {@link LITERAL} decides). For such a
 * reference `LITERAL` matches at the start and captures the same letters; this is the common case
 * and running a regex on it cost more than the rest of the reference check.
 */
export function relativeReferenceType(reference: string): string | undefined {
  let end = 0;
  while (end < reference.length && isLetter(reference.charCodeAt(end), end === 0)) end++;
  if (end < 2 || reference.charCodeAt(end) !== 47) return undefined;
  const idEnd = endOfId(reference, end + 1);
  if (idEnd === reference.length) return reference.slice(0, end);
  if (idEnd < 0 || !reference.startsWith('/_history/', idEnd)) return undefined;
  return endOfId(reference, idEnd + 10) === reference.length ? reference.slice(0, end) : undefined;
}

/** A letter (only upper case when `first`). */
function isLetter(code: number, first: boolean): boolean {
  return (code >= 65 && code <= 90) || (!first && code >= 97 && code <= 122);
}

/** Where a run of 1–64 id characters (`[A-Za-z0-9\-.]`) from `start` ends, or -1. */
function endOfId(text: string, start: number): number {
  let i = start;
  while (i < text.length && i - start <= 64 && isIdCharacter(text.charCodeAt(i))) i++;
  const length = i - start;
  return length >= 1 && length <= 64 ? i : -1;
}

function isIdCharacter(code: number): boolean {
  return isLetter(code, false) || (code >= 48 && code <= 57) || code === 45 || code === 46;
}

/** Checks the Reference `value` at `path` against the allowed `targets`. */
export function checkReference(
  ctx: WalkContext,
  targets: readonly string[] | undefined,
  value: unknown,
  path: WalkPath,
): void {
  const reference = (value as { reference?: unknown }).reference;
  if (typeof reference !== 'string') return;
  const type = targetType(ctx, reference, path);
  if (type === undefined || targets === undefined) return;
  if (!targets.includes(type)) {
    const message = `A reference to ${type} is not allowed here (allowed: ${targets.join(', ')})`;
    report(ctx, { code: 'structure', message }, `${pathText(path)}.reference`);
  }
}

function targetType(ctx: WalkContext, reference: string, path: WalkPath): string | undefined {
  if (reference.startsWith('#')) return containedType(ctx.rootResource, reference.slice(1));
  const entries = ctx.bundleEntries;
  const inBundle = entries?.get(reference)?.resourceType as string | undefined;
  if (reference.startsWith('urn:uuid:') || reference.startsWith('urn:oid:')) {
    if (inBundle === undefined) reportUnresolved(ctx, { reference, severity: ctx.bundleRules?.unresolvedUrn }, path);
    return inBundle;
  }
  const literal = relativeReferenceType(reference) ?? LITERAL.exec(reference)?.[1];
  if (entries !== undefined && inBundle === undefined && literal !== undefined && !ABSOLUTE.test(reference)) {
    reportUnresolved(ctx, { reference, severity: ctx.bundleRules?.unresolvedRelative }, path);
  }
  return literal ?? inBundle;
}

/** An absolute URL: a reference outside the Bundle unless an entry has it as fullUrl. */
const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:/;

function reportUnresolved(
  ctx: WalkContext,
  args: { reference: string; severity: 'error' | 'warning' | undefined },
  path: WalkPath,
): void {
  // The Bundle's own references (signature.who…) name its signer, not one of its entries.
  const holder = (ctx.resource as { resourceType?: unknown } | undefined)?.resourceType;
  if (args.severity === undefined || !ctx.bundleEntries || holder === 'Bundle') return;
  const message = `${args.reference} does not resolve to an entry of this Bundle`;
  report(ctx, { severity: args.severity, code: 'not-found', message }, `${pathText(path)}.reference`);
}

function containedType(root: unknown, id: string): string | undefined {
  const contained = (root as { contained?: unknown }).contained;
  if (!Array.isArray(contained)) return undefined;
  const match = contained.find((c) => (c as { id?: unknown })?.id === id) as { resourceType?: unknown } | undefined;
  return typeof match?.resourceType === 'string' ? match.resourceType : undefined;
}

/**
 * The entries of `bundle` by fullUrl, and by `Type/id` for entries whose fullUrl is a RESTful URL
 * ending so: a relative reference resolves against the base of the referring entry's fullUrl,
 * and a Bundle from one server has one base. An entry with a `urn:` fullUrl has no base, so a
 * relative reference never names it (in a transaction it names a resource on the server). Only
 * entries with a resource of a string resourceType.
 * @see https://hl7.org/fhir/R4/bundle.html#references
 */
export function bundleEntriesOf(bundle: Record<string, unknown>): Map<string, Record<string, unknown>> | undefined {
  if (!Array.isArray(bundle.entry)) return undefined;
  const entries = new Map<string, Record<string, unknown>>();
  const relative: [string, Record<string, unknown>][] = [];
  for (const entry of bundle.entry as { fullUrl?: unknown; resource?: Record<string, unknown> }[]) {
    const resource = entry?.resource;
    if (typeof resource?.resourceType !== 'string' || typeof entry.fullUrl !== 'string') continue;
    entries.set(entry.fullUrl, resource);
    const tail = RESTFUL_TAIL.exec(entry.fullUrl)?.[1];
    if (tail !== undefined) relative.push([tail, resource]);
  }
  for (const [key, resource] of relative) if (!entries.has(key)) entries.set(key, resource);
  return entries;
}

/** `Type/id` at the end of a RESTful fullUrl. */
const RESTFUL_TAIL = /^https?:\/\/\S+\/([A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64})$/;
