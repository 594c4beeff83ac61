/**
 * The `_x` sibling of a primitive carries its id and extensions. A single `_x` is an object; for
 * a repeating primitive it is an array aligned with the values, where `null` fills positions
 * without extensions and no position may be null in both arrays.
 * @see https://hl7.org/fhir/R4/json.html#primitive
 * @module
 */
import type { LinkedField } from '../model/link-model.js';
import { jsonKind, report, type WalkContext } from '../walk-context.js';
import { PathStep, type WalkPath } from '../walk-path.js';
import { checkComplex } from './walk-node.js';

/** The `Element` datatype: what an `_x` object may contain (id, extension). */
const ELEMENT_TYPE = 'Element';

/** Checks `obj[key]` where `key` is `_name` of a primitive field. */
export function checkPrimitiveExtension(
  ctx: WalkContext,
  args: { field: LinkedField; obj: Record<string, unknown>; key: string; path: WalkPath; owner: string },
): void {
  const outer = ctx.primitiveSite;
  ctx.primitiveSite = { type: args.field.type, path: `${args.owner}.${args.field.element.name}` };
  checkSiblings(ctx, args);
  ctx.primitiveSite = outer;
}

function checkSiblings(
  ctx: WalkContext,
  args: { field: LinkedField; obj: Record<string, unknown>; key: string; path: WalkPath },
): void {
  const { field, obj, key } = args;
  const path = new PathStep(args.path, key, -1);
  const value = obj[key];
  if (!field.element.isArray) {
    if (Array.isArray(value))
      report(ctx, { code: 'structure', message: `'${key}' must be an object, not an array` }, path);
    else checkComplex(ctx, ELEMENT_TYPE, value, path);
    return;
  }
  if (!Array.isArray(value)) {
    report(ctx, { code: 'structure', message: `'${key}' must be an array, found ${jsonKind(value)}` }, path);
    return;
  }
  const values = obj[key.slice(1)];
  const aligned = Array.isArray(values) ? values : undefined;
  if (aligned && aligned.length !== value.length) {
    const message = `'${key}' has ${value.length} items but '${key.slice(1)}' has ${aligned.length}; they must align`;
    report(ctx, { code: 'structure', message }, path);
  }
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    const at = new PathStep(args.path, key, i);
    if (item !== null) checkComplex(ctx, ELEMENT_TYPE, item, at);
    else if (aligned?.[i] == null)
      report(ctx, { code: 'structure', message: 'null in both the value and its _ sibling' }, at);
  }
}
