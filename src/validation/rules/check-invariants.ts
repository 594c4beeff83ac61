/**
 * Runs compiled invariants on one value and reports each violation with the invariant's key,
 * human text and severity. Never throws: an invariant that fhirpath.js cannot evaluate becomes a
 * warning naming the key.
 * @see https://hl7.org/fhir/R4/conformance-rules.html#constraints
 * @module
 */
import { report, type WalkContext } from '../walk-context.js';
import type { WalkPath } from '../walk-path.js';
import { evaluateInvariant, type LinkedInvariant } from './invariants.js';

/** Evaluates `invariants` with `value` as context; reports at `path`. */
export function checkInvariants(
  ctx: WalkContext,
  invariants: readonly LinkedInvariant[],
  value: unknown,
  path: WalkPath,
): void {
  const env = { resource: ctx.resource, rootResource: ctx.rootResource };
  // The previous invariant's expression and result, in locals: no object per invariant.
  let lastExpression: string | undefined;
  let lastHolds = true;
  for (const invariant of invariants) {
    let holds: boolean;
    try {
      holds = lastExpression === invariant.expression ? lastHolds : evaluateInvariant(invariant, value, env);
      lastExpression = invariant.expression;
      lastHolds = holds;
      if (ctx.crossCheck && invariant.fast) crossCheck(ctx, { invariant, holds, value, path });
    } catch (err) {
      const message = `${invariant.key} could not be evaluated: ${err instanceof Error ? err.message : String(err)}`;
      report(ctx, { severity: 'warning', code: 'exception', message }, path);
      continue;
    }
    if (!holds)
      report(
        ctx,
        { severity: invariant.severity, code: 'invariant', message: `${invariant.key}: ${invariant.human}` },
        path,
      );
  }
}

function crossCheck(
  ctx: WalkContext,
  args: { invariant: LinkedInvariant; holds: boolean; value: unknown; path: WalkPath },
): void {
  const env = { resource: ctx.resource, rootResource: ctx.rootResource };
  let expected: boolean;
  try {
    expected = args.invariant.fhirpath(args.value, env);
  } catch {
    return; // fhirpath.js cannot evaluate this R4 expression here (e.g. dom-3's as() on a collection)
  }
  if (expected !== args.holds) {
    const message = `fast ${args.invariant.key} says ${args.holds}, fhirpath.js says ${expected}`;
    report(ctx, { code: 'exception', message }, args.path);
  }
}
