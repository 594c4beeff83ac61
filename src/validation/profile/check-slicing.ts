/**
 * Slicing: assigns each item of a sliced element to the first slice whose discriminators it
 * satisfies, then checks slice cardinality, closed / openAtEnd rules and order, and validates each
 * matched item against its slice's own constraints and type profiles.
 * @see https://hl7.org/fhir/R4/profiling.html#slicing
 * @module
 */
import { navigate } from '../fhirpath-lite/compile-fhirpath.js';
import type { CompactDiscriminator, CompactSlice, CompactSlicing } from '../model/compiled-model.js';
import { checkBinding } from '../rules/check-binding.js';
import { report, type WalkContext } from '../walk-context.js';
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

/** Checks `items` of the element at `path` against `slicing`. */
export function checkSlicing(
  ctx: WalkContext,
  args: {
    slicing: CompactSlicing;
    items: readonly Item[];
    path: string;
    conformsTo: ConformsTo;
    /** Applies a slice's type profile (skips extension definitions the base walk applies). */
    applyTypeProfile: ConformsTo;
    skipSliceMinimums: boolean;
  },
): void {
  const { slicing, items, path, conformsTo } = args;
  const counts = slicing.sl.map(() => 0);
  let lastSlice = -1;
  let unmatchedSeen = false;
  for (const item of items) {
    const index = slicing.sl.findIndex((slice) => matchesSlice(ctx, { slice, item, conformsTo }));
    if (index < 0) {
      unmatchedSeen = true;
      if (slicing.r === 'closed')
        report(ctx, { code: 'structure', message: 'Matches none of the slices, and slicing is closed' }, item.path);
      continue;
    }
    if (slicing.r === 'openAtEnd' && unmatchedSeen)
      report(ctx, { code: 'structure', message: 'Unsliced items must come after all slices (openAtEnd)' }, item.path);
    if (slicing.o && index < lastSlice)
      report(ctx, { code: 'structure', message: `Slice '${slicing.sl[index]!.n}' is out of order` }, item.path);
    lastSlice = Math.max(lastSlice, index);
    counts[index]!++;
    validateSliceItem(ctx, { slice: slicing.sl[index]!, item, conformsTo, applyTypeProfile: args.applyTypeProfile });
  }
  slicing.sl.forEach((slice, i) =>
    checkSliceCount(ctx, { slice, count: counts[i]!, skipMin: args.skipSliceMinimums }, path),
  );
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
      { code: 'required', message: `Slice '${slice.n}' needs at least ${slice.min} item(s), found ${count}` },
      path,
    );
  } else if (slice.max >= 0 && count > slice.max) {
    report(
      ctx,
      { code: 'structure', message: `Slice '${slice.n}' allows at most ${slice.max} item(s), found ${count}` },
      path,
    );
  }
}

function validateSliceItem(
  ctx: WalkContext,
  args: { slice: CompactSlice; item: Item; conformsTo: ConformsTo; applyTypeProfile: ConformsTo },
): void {
  const { slice, item, conformsTo } = args;
  if (slice.b) checkBinding(ctx, { binding: slice.b, type: slice.t ?? '', value: item.value, path: item.path });
  if (slice.node) conformsTo(ctx, slice.node, item);
  for (const profile of slice.tp ?? []) args.applyTypeProfile(ctx, profile, item);
}

function matchesSlice(ctx: WalkContext, args: { slice: CompactSlice; item: Item; conformsTo: ConformsTo }): boolean {
  return args.slice.d.every((d) => matchesDiscriminator(ctx, d, args));
}

function matchesDiscriminator(
  ctx: WalkContext,
  [path, kind, expected]: CompactDiscriminator,
  args: { item: Item; conformsTo: ConformsTo },
): boolean {
  const { item } = args;
  const found =
    path === '$this'
      ? [item.value]
      : path.split('.').reduce<unknown[]>((acc, name) => navigate(acc, name), [item.value]);
  switch (kind) {
    case 'f':
      return found.some((v) => matchesFixed(v, expected));
    case 'p':
      return found.some((v) => matchesPattern(v, expected));
    case 'e':
      return found.length > 0 === expected;
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
