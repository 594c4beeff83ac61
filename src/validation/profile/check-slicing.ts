/**
 * Slicing: assigns each item of a sliced element to the first slice whose discriminators it
 * satisfies, then checks slice cardinality, closed / openAtEnd rules and order, and validates each
 * matched item against its slice's own constraints and type profiles.
 * @see https://hl7.org/fhir/R4/profiling.html#slicing
 * @module
 */
import type { Issue } from '../../fhir/outcome.js';
import { childValue } from '../fhirpath-lite/compile-fhirpath.js';
import type { CompactDiscriminator, CompactSlice, CompactSlicing } from '../model/compiled-model.js';
import { checkBinding } from '../rules/check-binding.js';
import { addIssue, report, type WalkContext } from '../walk-context.js';
import { matchesFixed, matchesPattern } from './match-value.js';

/** One value of an element with its JSON key, FHIR type (when known) and FHIRPath. */
export interface Item {
  value: unknown;
  key: string;
  path: string;
  /** The value's type: from the choice suffix, the resourceType, or the element's single type. */
  type?: string | undefined;
}

/** Validates an item against a profile or profile node; returns the number of errors it added. */
export type ConformsTo = (ctx: WalkContext, nodeId: string, item: Item) => number;

/** What {@link checkSlicing} needs besides the walk context. */
export interface SlicingArgs {
  slicing: CompactSlicing;
  items: readonly Item[];
  path: string;
  conformsTo: ConformsTo;
  /** Applies a slice's type profile (skips extension definitions the base walk applies). */
  applyTypeProfile: ConformsTo;
  skipSliceMinimums: boolean;
  /** Name of the slice being re-sliced, when `slicing` is a re-slicing. */
  reslicing?: string;
}

/**
 * Checks `items` of the element at `path` against `slicing`; the items of a slice that is itself
 * sliced are then checked against its re-slices.
 * @see https://hl7.org/fhir/R4/profiling.html#reslicing
 */
export function checkSlicing(ctx: WalkContext, args: SlicingArgs): void {
  const { slicing, path } = args;
  const matched = assignToSlices(ctx, args);
  for (let i = 0; i < slicing.sl.length; i++) {
    const slice = slicing.sl[i]!;
    const count = matched[i]?.length ?? 0;
    checkSliceCount(ctx, slice, count, args.skipSliceMinimums, path);
    if (slice.s) checkReslicing(ctx, args, { slice, items: matched[i] ?? [] });
  }
}

/** The items of `slice` against its re-slices (a sliced slice). */
function checkReslicing(ctx: WalkContext, args: SlicingArgs, sliced: { slice: CompactSlice; items: Item[] }): void {
  const { slice, items } = sliced;
  const skipSliceMinimums = args.skipSliceMinimums || items.length < slice.min;
  // A re-slice's snapshot repeats the slice's own rules; each issue is reported once.
  const sub: WalkContext = { ...ctx, issues: [], omitted: 0, omittedErrors: 0 };
  checkSlicing(sub, { ...args, slicing: slice.s!, items, skipSliceMinimums, reslicing: slice.n });
  for (const issue of sub.issues) if (!ctx.issues.some((seen) => sameIssue(seen, issue))) addIssue(ctx, issue);
  ctx.omitted += sub.omitted;
  ctx.omittedErrors += sub.omittedErrors;
  ctx.errorCount += sub.omittedErrors;
}

function sameIssue(a: Issue, b: Issue): boolean {
  return (
    a.severity === b.severity && a.code === b.code && a.message === b.message && a.expression?.[0] === b.expression?.[0]
  );
}

/**
 * Assigns each item to its first matching slice (checking closed, openAtEnd and order); returns
 * the items per slice, with no array for a slice that matched none (most slices of an element).
 */
function assignToSlices(ctx: WalkContext, args: SlicingArgs): (Item[] | undefined)[] {
  const { slicing, conformsTo } = args;
  const matched: (Item[] | undefined)[] = [];
  let lastSlice = -1;
  let unmatchedSeen = false;
  for (const item of args.items) {
    const index = firstMatchingSlice(ctx, slicing.sl, item, conformsTo);
    if (index < 0) {
      unmatchedSeen = true;
      if (slicing.r === 'closed') report(ctx, { code: 'structure', message: closedMessage(args.reslicing) }, item.path);
      continue;
    }
    if (slicing.r === 'openAtEnd' && unmatchedSeen)
      report(ctx, { code: 'structure', message: 'Unsliced items must come after all slices (openAtEnd)' }, item.path);
    if (slicing.o && index < lastSlice)
      report(ctx, { code: 'structure', message: `Slice '${slicing.sl[index]!.n}' is out of order` }, item.path);
    lastSlice = Math.max(lastSlice, index);
    (matched[index] ??= []).push(item);
    validateSliceItem(ctx, slicing.sl[index]!, item, args);
  }
  return matched;
}

function closedMessage(reslicing: string | undefined): string {
  return reslicing === undefined
    ? 'Matches none of the slices, and slicing is closed'
    : `Matches none of the re-slices of '${reslicing}', and its slicing is closed`;
}

function checkSliceCount(ctx: WalkContext, slice: CompactSlice, count: number, skipMin: boolean, path: string): void {
  if (count < slice.min) {
    if (skipMin) return;
    report(
      ctx,
      { code: 'required', message: `Slice ${sliceName(slice)} needs at least ${slice.min} item(s), found ${count}` },
      path,
    );
  } else if (slice.max >= 0 && count > slice.max) {
    report(
      ctx,
      { code: 'structure', message: `Slice ${sliceName(slice)} allows at most ${slice.max} item(s), found ${count}` },
      path,
    );
  }
}

/** `'visitOutcome' (visit-outcome)`: the slice and the extension or profile its items must meet. */
function sliceName(slice: CompactSlice): string {
  const profile = slice.tp?.[0];
  return profile ? `'${slice.n}' (${profile.slice(profile.lastIndexOf('/') + 1)})` : `'${slice.n}'`;
}

/** Checks `item` against the slice it matched. Positional arguments: this runs for every sliced item. */
function validateSliceItem(ctx: WalkContext, slice: CompactSlice, item: Item, args: SlicingArgs): void {
  const outer = ctx.slice;
  ctx.slice = outer === undefined ? slice.n : `${outer}/${slice.n}`;
  if (slice.b) checkBinding(ctx, { binding: slice.b, type: slice.t ?? '', value: item.value, path: item.path });
  if (slice.node) args.conformsTo(ctx, slice.node, item);
  if (slice.tp) for (const profile of slice.tp) args.applyTypeProfile(ctx, profile, item);
  ctx.slice = outer;
}

/** Index of the first slice whose discriminators `item` meets, or -1. */
function firstMatchingSlice(
  ctx: WalkContext,
  slices: readonly CompactSlice[],
  item: Item,
  conformsTo: ConformsTo,
): number {
  for (let i = 0; i < slices.length; i++) if (matchesSlice(ctx, slices[i]!, item, conformsTo)) return i;
  return -1;
}

function matchesSlice(ctx: WalkContext, slice: CompactSlice, item: Item, conformsTo: ConformsTo): boolean {
  const discriminators = slice.d;
  for (let i = 0; i < discriminators.length; i++) {
    if (!matchesDiscriminator(ctx, discriminators[i]!, item, conformsTo)) return false;
  }
  return true;
}

/** Discriminator paths split once (they come from the compiled tables, a bounded set). */
const SEGMENTS = new Map<string, readonly string[]>();

function segmentsOf(path: string): readonly string[] {
  let segments = SEGMENTS.get(path);
  if (segments === undefined) {
    segments = path === '$this' ? [] : path.split('.');
    SEGMENTS.set(path, segments);
  }
  return segments;
}

/**
 * True when some value that the discriminator `d` (fixed, pattern or exists) reaches from `value`
 * along `segments` meets it: FHIRPath navigation (arrays flattened, nulls dropped, a choice
 * reached by its name), walked depth-first instead of building each step's collection, and
 * stopping at the first hit.
 */
function someAt(value: unknown, segments: readonly string[], d: CompactDiscriminator, depth: number): boolean {
  if (depth === segments.length) {
    if (d[1] === 'f') return matchesFixed(value, d[2]);
    return d[1] === 'p' ? matchesPattern(value, d[2]) : true;
  }
  if (typeof value !== 'object' || value === null) return false;
  const next = childValue(value as Record<string, unknown>, segments[depth]!);
  if (!Array.isArray(next)) return next !== undefined && next !== null && someAt(next, segments, d, depth + 1);
  for (const v of next) if (v !== null && v !== undefined && someAt(v, segments, d, depth + 1)) return true;
  return false;
}

function matchesDiscriminator(ctx: WalkContext, d: CompactDiscriminator, item: Item, conformsTo: ConformsTo): boolean {
  const expected = d[2];
  switch (d[1]) {
    case 'f':
    case 'p':
      return someAt(item.value, segmentsOf(d[0]), d, 0);
    case 'e':
      return someAt(item.value, segmentsOf(d[0]), d, 0) === expected;
    case 't': {
      const resourceType = (item.value as { resourceType?: unknown } | null)?.resourceType;
      const actual = typeof resourceType === 'string' ? resourceType : item.type;
      return actual !== undefined && (expected as string[]).some((t) => t.toLowerCase() === actual.toLowerCase());
    }
    case 'pr':
      return (expected as string[]).every(
        (profile) => silently(ctx, (quiet) => conformsTo(quiet, profile, item)) === 0,
      );
  }
}

/** Runs `check` on a throw-away context so that trial matches report nothing. */
function silently(ctx: WalkContext, check: (quiet: WalkContext) => number): number {
  return check({ ...ctx, issues: [] });
}
