/**
 * What the profile code generated at build time (`src/generated/profiles/profile-code.ts`, from
 * `scripts/generate-profile-code.ts`) calls: the interpreter's own checks, so that generated code
 * only decides, once at build time, which of them an element needs and in which order.
 * @see https://hl7.org/fhir/R4/profiling.html
 * @module
 */
import type { LinkedElement, LinkedNode } from '../model/link-model.js';
import type { WalkContext } from '../walk-context.js';

export { report } from '../walk-context.js';
export { checkBinding } from '../rules/check-binding.js';
export { checkInvariants } from '../rules/check-invariants.js';
export { checkTargetProfile } from './check-target-profile.js';
export {
  applyTypeProfile,
  checkChoiceKeys,
  checkFixed,
  checkPattern,
  checkRange,
  conformsTo,
  walkProfileElement,
} from './walk-profile.js';

/** Generated code of one profile node: checks `obj` (at `path`) against `node`, its linked form. */
export type ProfileNodeCode = (ctx: WalkContext, node: LinkedNode, obj: Record<string, unknown>, path: string) => void;

/**
 * How many values an element has in its holder: the non-null items of an array, or one value;
 * with none, one when only the `_x` sibling is there (a primitive with only an id or extensions).
 * @see https://hl7.org/fhir/R4/json.html#primitive
 */
export function countItems(value: unknown, sibling: unknown): number {
  let count = 0;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (value[i] !== null && i in value) count++;
  } else if (value !== undefined && value !== null) {
    count = 1;
  }
  if (count > 0) return count;
  return sibling !== undefined ? 1 : 0;
}

/** Checks of one value of an element (generated per element). */
export type ValueCode = (ctx: WalkContext, element: LinkedElement, value: unknown, path: string) => void;

/**
 * Calls `check` on `value`, or on each non-null item when it is an array, with its FHIRPath
 * (`at`, or `at[i]`): the items the interpreter lists for a non-choice element.
 */
export function eachValue(
  ctx: WalkContext,
  element: LinkedElement,
  value: unknown,
  at: string,
  check: ValueCode,
): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item !== null && i in value) check(ctx, element, item, `${at}[${i}]`);
    }
  } else if (value !== undefined && value !== null) {
    check(ctx, element, value, at);
  }
}
