/**
 * The profile pass: after the base R4 walk, walks a resource against a compiled profile and
 * reports only what the profile adds: tighter cardinality, fixed and pattern values, bindings,
 * the profile's invariants, min/max values, type profiles (extension definitions) and slicing.
 * Elements of plain base types are not re-walked; the base pass has covered them.
 * @see https://hl7.org/fhir/R4/profiling.html
 * @module
 */
import { profileTypeOf } from './profile-type.js';
import type { CompactExtras } from '../model/compiled-model.js';
import type { LinkedElement, LinkedModel, LinkedNode } from '../model/link-model.js';
import { checkBinding } from '../rules/check-binding.js';
import { checkInvariants } from '../rules/check-invariants.js';
import { report, type WalkContext } from '../walk-context.js';
import { checkSlicing, type Item } from './check-slicing.js';
import { checkTargetProfile } from './check-target-profile.js';
import { matchesFixed, matchesPattern } from './match-value.js';
import { PROFILE_CODE } from '../../generated/profiles/profile-code.js';

type JsonObject = Record<string, unknown>;

const CORE_PREFIX = 'http://hl7.org/fhir/StructureDefinition/';

/** Walks `item` against the profile node `nodeId`; returns how many errors it added. */
export function conformsTo(ctx: WalkContext, nodeId: string, item: Item): number {
  const before = ctx.errorCount;
  const node = ctx.model.nodes.get(nodeId);
  if (!node) {
    // HL7 core extensions and profiles are not compiled; base R4 has checked their structure.
    if (!nodeId.startsWith(CORE_PREFIX)) {
      report(
        ctx,
        { severity: 'warning', code: 'not-supported', message: `Profile ${nodeId} is not known; not checked` },
        item.path,
      );
    }
    return 0;
  }
  if (typeof item.value === 'object' && item.value !== null)
    walkProfileNode(ctx, node, item.value as JsonObject, item.path);
  return ctx.errorCount - before;
}

/**
 * Applies a type profile (`type.profile`) to a value. Known extension definitions are skipped:
 * the base walk applies them once to every extension that names them, sliced or not.
 */
export function applyTypeProfile(ctx: WalkContext, profile: string, item: Item): number {
  return profileTypeOf(profile) === 'Extension' ? 0 : conformsTo(ctx, profile, item);
}

/**
 * Walks `obj` against profile node `node`: with the node's code generated at build time
 * (`npm run gen:profiles`), or, for nodes without it (HL7 core extension definitions) and when
 * the context asks for it (the test that holds both forms to the same issues), by interpreting
 * the node's elements.
 */
export function walkProfileNode(ctx: WalkContext, node: LinkedNode, obj: JsonObject, path: string): void {
  const code = ctx.interpretProfiles ? undefined : PROFILE_CODE.get(node.id);
  if (code !== undefined) {
    code(ctx, node, obj, path);
    return;
  }
  for (const element of node.elements) walkProfileElement(ctx, element, obj, path);
  if (node.invariants.length > 0) checkInvariants(ctx, node.invariants, obj, path);
}

/**
 * Checks one element of a profile node against `obj` (the object that holds it): what the
 * interpreter does for each element, and what generated code calls for choice and sliced elements.
 */
export function walkProfileElement(ctx: WalkContext, element: LinkedElement, obj: JsonObject, path: string): void {
  const name = element.isChoice ? `${element.name}[x]` : element.name;
  const items = itemsOf(ctx, element, obj, path);
  checkProfileElement(ctx, element, { items, bare: valuelessPrimitives(element, obj, items) }, `${path}.${name}`);
}

/** The values of `element` in `obj`, each with its JSON key and FHIRPath; reports choice types the profile removed. */
function itemsOf(ctx: WalkContext, element: LinkedElement, obj: JsonObject, path: string): Item[] {
  const items: Item[] = [];
  if (!element.isChoice) {
    pushItems(items, { value: obj[element.name], key: element.name, type: element.valueType }, path);
    return items;
  }
  for (const key in obj) {
    if (!isChoiceKey(key, element.name)) continue;
    if (!element.fields.has(key)) {
      reportChoiceNotAllowed(ctx, element, key, path);
      continue;
    }
    pushItems(items, { value: obj[key], key, type: key.slice(element.name.length) }, path);
  }
  return items;
}

/** A choice type the profile removed (`valueString` where only `valueQuantity` is allowed). */
function reportChoiceNotAllowed(ctx: WalkContext, element: LinkedElement, key: string, path: string): void {
  const allowed = element.types.map((t) => element.name + t[0]!.toUpperCase() + t.slice(1)).join(', ');
  report(
    ctx,
    { code: 'structure', message: `'${key}' is not allowed by this profile (allowed: ${allowed})` },
    `${path}.${key}`,
  );
}

/**
 * The whole check of a choice element that has no rule but its types: each key of the choice
 * must name an allowed type. (What {@link walkProfileElement} reports for such an element.)
 */
export function checkChoiceKeys(ctx: WalkContext, element: LinkedElement, obj: JsonObject, path: string): void {
  for (const key in obj) {
    if (isChoiceKey(key, element.name) && !element.fields.has(key)) reportChoiceNotAllowed(ctx, element, key, path);
  }
}

/** Adds the value (or each non-null value of the array) under `key` to `items`. */
function pushItems(
  items: Item[],
  found: { value: unknown; key: string; type: string | undefined },
  path: string,
): void {
  const { value, key, type } = found;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (v !== null && i in value) items.push({ value: v, key, type, path: `${path}.${key}[${i}]` });
    }
  } else if (value !== undefined && value !== null) {
    items.push({ value, key, type, path: `${path}.${key}` });
  }
}

/**
 * Primitives present only through their `_x` sibling (an id or extensions, no value): they count
 * toward cardinality, as in the base walk, but carry no value to check.
 * @see https://hl7.org/fhir/R4/json.html#primitive
 */
function valuelessPrimitives(element: LinkedElement, obj: JsonObject, items: readonly Item[]): number {
  if (items.length > 0) return 0;
  if (!element.isChoice) return obj[element.siblingName] !== undefined ? 1 : 0;
  let count = 0;
  for (const key in obj) if (key.charCodeAt(0) === 95 && isChoiceKey(key.slice(1), element.name)) count++;
  return count;
}

function isChoiceKey(key: string, name: string): boolean {
  const next = key.charCodeAt(name.length);
  return key.startsWith(name) && next >= 65 && next <= 90;
}

function checkProfileElement(
  ctx: WalkContext,
  element: LinkedElement,
  found: { items: Item[]; bare: number },
  path: string,
): void {
  const { items } = found;
  const count = items.length + found.bare;
  if (count < element.min) {
    const message = `'${element.name}' needs at least ${element.min} item(s)${missingSlices(element)}`;
    report(ctx, { code: 'required', message }, path);
  }
  if (count > element.max) {
    report(ctx, { code: 'structure', message: `'${element.name}' allows at most ${element.max} item(s)` }, path);
  }
  for (const item of items) checkProfileValue(ctx, element, item);
  const slicing = element.extras?.s;
  // When the element itself has too few items, that issue already says what is missing.
  const skipSliceMinimums = count < element.min;
  if (slicing) checkSlicing(ctx, { slicing, items, path, conformsTo, applyTypeProfile, skipSliceMinimums });
}

/**
 * The required slices of a sliced element, named with the extension or profile each must meet,
 * so that "needs at least 1 item" says which one is missing.
 */
function missingSlices(element: LinkedElement): string {
  const required = (element.extras?.s?.sl ?? []).filter((slice) => slice.min > 0);
  if (required.length === 0) return '';
  const names = required.map((slice) => {
    const profile = slice.tp?.[0];
    return profile ? `'${slice.n}' (${profile.slice(profile.lastIndexOf('/') + 1)})` : `'${slice.n}'`;
  });
  return `: slice ${names.join(', ')} ${required.length === 1 ? 'is' : 'are'} missing`;
}

function checkProfileValue(ctx: WalkContext, element: LinkedElement, item: Item): void {
  const extras = element.extras;
  if (extras?.f !== undefined) checkFixed(ctx, extras.f, item.value, item.path);
  if (extras?.p !== undefined) checkPattern(ctx, extras.p, item.value, item.path);
  const type = typeOfItem(element, item);
  if (extras?.b) checkBinding(ctx, { binding: extras.b, type, value: item.value, path: item.path });
  if (extras !== undefined) checkRange(ctx, extras, item.value, item.path);
  if (element.invariants.length > 0) checkInvariants(ctx, element.invariants, item.value, item.path);
  for (const profile of extras?.tp ?? []) if (!extras?.s) applyTypeProfile(ctx, profile, item);
  if (extras?.rp) checkTargetProfile(ctx, { profiles: extras.rp, item, conformsTo });
  const child = element.childNode ?? extras?.cn;
  if (child) conformsTo(ctx, child, item);
}

function typeOfItem(element: LinkedElement, item: Item): string {
  if (!element.isChoice) return element.types[0] ?? '';
  const suffix = item.key.slice(element.name.length);
  return element.types.find((t) => t.toLowerCase() === suffix.toLowerCase()) ?? suffix;
}

/** fixed[x]: `value` must equal `fixed` exactly. */
export function checkFixed(ctx: WalkContext, fixed: unknown, value: unknown, path: string): void {
  if (!matchesFixed(value, fixed)) {
    report(ctx, { code: 'value', message: `Must be exactly ${JSON.stringify(fixed)}` }, path);
  }
}

/** pattern[x]: `value` must contain `pattern`. */
export function checkPattern(ctx: WalkContext, pattern: unknown, value: unknown, path: string): void {
  if (!matchesPattern(value, pattern)) {
    report(ctx, { code: 'value', message: `Must match the pattern ${JSON.stringify(pattern)}` }, path);
  }
}

/** minValue / maxValue on numbers, Quantity values and date strings; maxLength on strings. */
export function checkRange(ctx: WalkContext, extras: CompactExtras, raw: unknown, path: string): void {
  const { mn, mx, l } = extras;
  const value = typeof raw === 'object' && raw !== null ? (raw as { value?: unknown }).value : raw;
  if (mn !== undefined && (typeof value === 'number' || typeof value === 'string') && value < mn) {
    report(ctx, { code: 'value', message: `${String(value)} is below the minimum ${String(mn)}` }, path);
  }
  if (mx !== undefined && (typeof value === 'number' || typeof value === 'string') && value > mx) {
    report(ctx, { code: 'value', message: `${String(value)} is above the maximum ${String(mx)}` }, path);
  }
  if (l !== undefined && typeof raw === 'string' && raw.length > l) {
    report(ctx, { code: 'too-long', message: `Longer than ${l} characters` }, path);
  }
}

/** The linked profile model, for callers that pick a root node. */
export type ProfileModel = LinkedModel;
