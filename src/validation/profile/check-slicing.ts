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
  slicing.sl.forEach((slice, i) => {
    const count = matched[i]!.length;
    checkSliceCount(ctx, { slice, count, skipMin: args.skipSliceMinimums }, path);
    if (!slice.s) return;
    const skipSliceMinimums = args.skipSliceMinimums || count < slice.min;
    // A re-slice's snapshot repeats the slice's own rules; each issue is reported once.
    const sub: WalkContext = { ...ctx, issues: [], omitted: 0, omittedErrors: 0 };
    checkSlicing(sub, { ...args, slicing: slice.s, items: matched[i]!, skipSliceMinimums, reslicing: slice.n });
    for (const issue of sub.issues) if (!ctx.issues.some((seen) => sameIssue(seen, issue))) addIssue(ctx, issue);
    ctx.omitted += sub.omitted;
    ctx.omittedErrors += sub.omittedErrors;
    ctx.errorCount += sub.omittedErrors;
  });
}

function sameIssue(a: Issue, b: Issue): boolean {
  return (
    a.severity === b.severity && a.code === b.code && a.message === b.message && a.expression?.[0] === b.expression?.[0]
  );
}

/** Assigns each item to its first matching slice (checking closed, openAtEnd and order); returns the items per slice. */
function assignToSlices(ctx: WalkContext, args: SlicingArgs): Item[][] {
  const { slicing, conformsTo } = args;
  const matched: Item[][] = slicing.sl.map(() => []);
  let lastSlice = -1;
  let unmatchedSeen = false;
  for (const item of args.items) {
    const index = firstMatchingSlice(ctx, slicing.sl, { item, conformsTo });
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
    matched[index]!.push(item);
    validateSliceItem(ctx, { slice: slicing.sl[index]!, item, conformsTo, applyTypeProfile: args.applyTypeProfile });
  }
  return matched;
}

function closedMessage(reslicing: string | undefined): string {
  return reslicing === undefined
    ? 'Matches none of the slices, and slicing is closed'
    : `Matches none of the re-slices of '${reslicing}', and its slicing is closed`;
}

function checkSliceCount(
  ctx: WalkContext,
  args: { slice: CompactSlice; count: number; skipMin: boolean },
  path: string,
): void {
  const { slice, count } = args;
  if (count < slice.min) {
    if (args.skipMin) return;
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

function validateSliceItem(
  ctx: WalkContext,
  args: { slice: CompactSlice; item: Item; conformsTo: ConformsTo; applyTypeProfile: ConformsTo },
): void {
  const { slice, item, conformsTo } = args;
  const outer = ctx.slice;
  ctx.slice = outer === undefined ? slice.n : `${outer}/${slice.n}`;
  if (slice.b) checkBinding(ctx, { binding: slice.b, type: slice.t ?? '', value: item.value, path: item.path });
  if (slice.node) conformsTo(ctx, slice.node, item);
  for (const profile of slice.tp ?? []) args.applyTypeProfile(ctx, profile, item);
  ctx.slice = outer;
}

/** Index of the first slice whose discriminators `item` meets, or -1. */
function firstMatchingSlice(
  ctx: WalkContext,
  slices: readonly CompactSlice[],
  args: { item: Item; conformsTo: ConformsTo },
): number {
  for (let i = 0; i < slices.length; i++) if (matchesSlice(ctx, slices[i]!, args)) return i;
  return -1;
}

function matchesSlice(ctx: WalkContext, slice: CompactSlice, args: { item: Item; conformsTo: ConformsTo }): boolean {
  for (const discriminator of slice.d) if (!matchesDiscriminator(ctx, discriminator, args)) return false;
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

/** What a value-based discriminator looks for at the end of its path. */
interface ValueQuery {
  readonly segments: readonly string[];
  readonly kind: 'f' | 'p' | 'e';
  readonly expected: unknown;
}

/**
 * True when some value that the discriminator path reaches from `value` meets the query: FHIRPath
 * navigation (arrays flattened, nulls dropped, a choice reached by its name), walked depth-first
 * instead of building each step's collection, and stopping at the first hit.
 */
function someAt(value: unknown, query: ValueQuery, depth: number): boolean {
  if (depth === query.segments.length) {
    if (query.kind === 'f') return matchesFixed(value, query.expected);
    return query.kind === 'p' ? matchesPattern(value, query.expected) : true;
  }
  if (typeof value !== 'object' || value === null) return false;
  const next = childValue(value as Record<string, unknown>, query.segments[depth]!);
  if (!Array.isArray(next)) return next !== undefined && next !== null && someAt(next, query, depth + 1);
  for (const v of next) if (v !== null && v !== undefined && someAt(v, query, depth + 1)) return true;
  return false;
}

function matchesDiscriminator(
  ctx: WalkContext,
  [path, kind, expected]: CompactDiscriminator,
  args: { item: Item; conformsTo: ConformsTo },
): boolean {
  const { item } = args;
  switch (kind) {
    case 'f':
    case 'p':
      return someAt(item.value, { segments: segmentsOf(path), kind, expected }, 0);
    case 'e':
      return someAt(item.value, { segments: segmentsOf(path), kind, expected }, 0) === expected;
    case 't': {
      const resourceType = (item.value as { resourceType?: unknown } | null)?.resourceType;
      const actual = typeof resourceType === 'string' ? resourceType : item.type;
      return actual !== undefined && (expected as string[]).some((t) => t.toLowerCase() === actual.toLowerCase());
    }
    case 'pr':
      return (expected as string[]).every(
        (profile) => silently(ctx, (quiet) => args.conformsTo(quiet, profile, item)) === 0,
      );
  }
}

/** Runs `check` on a throw-away context so that trial matches report nothing. */
function silently(ctx: WalkContext, check: (quiet: WalkContext) => number): number {
  return check({ ...ctx, issues: [] });
}
