/**
 * The structural walk: visits every property of a JSON object against a linked node, then
 * checks cardinality and choice rules. One pass, no cloning, issues carry FHIRPath expressions
 * such as `Observation.component[1].valueQuantity.unit`.
 * @see https://hl7.org/fhir/R4/json.html
 * @see https://hl7.org/fhir/R4/elementdefinition.html#min-max
 * @module
 */
import { ANY_RESOURCE } from '../model/compiled-model.js';
import type { LinkedElement, LinkedField, LinkedNode } from '../model/link-model.js';
import { jsonKind, report, type WalkContext } from '../walk-context.js';
import { checkBinding } from '../rules/check-binding.js';
import { isKnownProfile } from '../profile/validate-profiles.js';
import { checkInvariants } from '../rules/check-invariants.js';
import { checkReference } from '../rules/check-reference.js';
import { checkUcum } from '../rules/check-ucum.js';
import { checkPrimitive } from './check-primitive.js';
import { checkPrimitiveExtension } from './check-primitive-extension.js';
import { checkNestedResource } from './check-nested-resource.js';
import { checkExtensions } from '../rules/check-extensions.js';
import { elementPathOf, type ExtensionSite } from '../rules/extension-context.js';
import { PathStep, pathText, type WalkPath } from '../walk-path.js';

type JsonObject = Record<string, unknown>;

/** True for a non-null, non-array object. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Walks `obj` (already known to be an object) against `node`; `path` is its FHIRPath. */
export function walkNode(ctx: WalkContext, node: LinkedNode, obj: JsonObject, path: WalkPath): void {
  let choices: Map<LinkedElement, string> | undefined;
  for (const key in obj) {
    if (key === 'resourceType' && node.kind === 'r') continue;
    const field = node.fields[key];
    if (!field) {
      report(
        ctx,
        { code: 'structure', message: `Unknown element '${key}' in ${node.id}` },
        new PathStep(path, key, -1),
      );
      continue;
    }
    const element = field.element;
    if (element.isChoice) {
      const base = key.charCodeAt(0) === 95 ? key.slice(1) : key;
      const seen = (choices ??= new Map()).get(element);
      if (seen !== undefined && seen !== base) {
        const message = `Only one of ${element.name}[x] may be present (found ${seen} and ${base})`;
        report(ctx, { code: 'structure', message }, new PathStep(path, key, -1));
      }
      choices.set(element, base);
    }
    if (field.isPrimitiveExtension) checkPrimitiveExtension(ctx, { field, obj, key, path, owner: node.id });
    else checkElementValue(ctx, field, obj, path, key);
    if ((key === 'extension' || key === 'modifierExtension') && Array.isArray(obj[key])) {
      checkExtensions(ctx, { items: obj[key] as unknown[], key, path, site: () => siteOf(ctx, node, path) });
    }
  }
  for (const element of node.required) checkRequired(ctx, element, obj, path, choices?.get(element));
  // An extension whose definition the server has compiled is validated against it, wherever it is.
  if (node.id === 'Extension' && typeof obj.url === 'string' && isKnownProfile(obj.url)) {
    ctx.claims.push({ resource: obj, profiles: [obj.url], path: pathText(path) });
  }
  if (node.invariants.length > 0) checkInvariants(ctx, node.invariants, obj, path);
}

/** The element an object walked against `node` at `path` is, for extension contexts. */
function siteOf(ctx: WalkContext, node: LinkedNode, path: WalkPath): ExtensionSite {
  const resourceType = (ctx.resource as { resourceType?: unknown } | undefined)?.resourceType;
  const elementPath = elementPathOf(path, ctx.resourcePath, typeof resourceType === 'string' ? resourceType : '');
  // The `_x` sibling of a primitive walks as `Element`; its site is the primitive, which is also
  // named by its path in the type that declares it (`HumanName.family` inside any resource).
  const primitive = node.id === 'Element' ? ctx.primitiveSite : undefined;
  return {
    typeName: primitive?.type ?? node.id,
    elementPath,
    declaredPath: primitive?.path,
    isResource: node.kind === 'r',
  };
}

/** Positional arguments: it runs for every required element of every object walked. */
function checkRequired(
  ctx: WalkContext,
  element: LinkedElement,
  obj: JsonObject,
  path: WalkPath,
  chosen: string | undefined,
): void {
  const present = element.isChoice
    ? chosen !== undefined
    : obj[element.name] !== undefined || obj[element.siblingName] !== undefined;
  if (present) return;
  const name = element.isChoice ? `${element.name}[x]` : element.name;
  report(
    ctx,
    { code: 'required', message: `Missing required element '${name}' (min ${element.min})` },
    new PathStep(path, name, -1),
  );
}

/**
 * Checks the value under `key` of `obj` (at `parent`): array vs single, then each item. Each item's
 * path is one {@link PathStep}, joined only if an issue names it.
 */
function checkElementValue(ctx: WalkContext, field: LinkedField, obj: JsonObject, parent: WalkPath, key: string): void {
  const value = obj[key];
  const element = field.element;
  if (!element.isArray) {
    const path = new PathStep(parent, key, -1);
    if (Array.isArray(value))
      report(ctx, { code: 'structure', message: `'${key}' must be a single value, not an array` }, path);
    else if (element.max === 0)
      report(ctx, { code: 'structure', message: `'${key}' is not allowed here (max 0)` }, path);
    else checkItem(ctx, field, value, path);
    return;
  }
  if (!Array.isArray(value) || value.length === 0 || value.length > element.max) {
    reportArrayShape(ctx, { key, value, max: element.max }, new PathStep(parent, key, -1));
    if (!Array.isArray(value)) return;
  }
  const siblings = field.siblingKey !== undefined ? obj[field.siblingKey] : undefined;
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (item === null && Array.isArray(siblings) && siblings[i] != null) continue;
    checkItem(ctx, field, item, new PathStep(parent, key, i));
  }
}

/** A repeating element that is not an array, is an empty one, or has more items than its max. */
function reportArrayShape(ctx: WalkContext, args: { key: string; value: unknown; max: number }, path: WalkPath): void {
  const { key, value, max } = args;
  if (!Array.isArray(value)) {
    report(ctx, { code: 'structure', message: `'${key}' must be an array, found ${jsonKind(value)}` }, path);
    return;
  }
  if (value.length === 0)
    report(ctx, { code: 'structure', message: `Empty array '${key}': omit the element instead` }, path);
  if (value.length > max)
    report(ctx, { code: 'structure', message: `'${key}' has ${value.length} items, at most ${max} allowed` }, path);
}

/** Checks one value of a field's type (a primitive, a complex node or a resource). */
function checkItem(ctx: WalkContext, field: LinkedField, value: unknown, path: WalkPath): void {
  if (value === null) {
    report(ctx, { code: 'structure', message: 'null is not allowed; omit the element instead' }, path);
  } else if (field.primitive) {
    checkPrimitive(ctx, field.primitive, value, path);
  } else if (field.type === ANY_RESOURCE) {
    checkNestedResource(ctx, value, path, field.element.name === 'contained' ? 'contained' : 'entry');
  } else {
    checkComplex(ctx, field.type, value, path);
  }
  if (value === null) return;
  const binding = field.element.extras?.b;
  if (binding) checkBinding(ctx, { binding, type: field.type, value, path });
  if (field.element.invariants.length > 0) checkInvariants(ctx, field.element.invariants, value, path);
  if (typeof value !== 'object') return;
  if (field.type === 'Reference') checkReference(ctx, field.element.extras?.r, value, path);
  else if (field.isQuantity) checkUcum(ctx, value, path);
}

/** Checks that `value` is a non-empty object and walks it against the node `type`. */
export function checkComplex(ctx: WalkContext, type: string, value: unknown, path: WalkPath): void {
  if (!isJsonObject(value)) {
    report(ctx, { code: 'structure', message: `Expected an object (${type}), found ${jsonKind(value)}` }, path);
    return;
  }
  const node = ctx.model.nodes.get(type);
  if (!node) {
    report(ctx, { severity: 'warning', code: 'not-supported', message: `Type ${type} is not in the model` }, path);
    return;
  }
  const content = contentOf(value);
  if (content !== 'children') {
    // ele-1: "All FHIR elements must have a @value or children" (an id alone is not content).
    const message = content === 'none' ? `Empty object (${type}): omit the element instead` : `${type} with only an id`;
    report(ctx, { code: content === 'none' ? 'structure' : 'invariant', message: `${message} (ele-1)` }, path);
    return;
  }
  walkNode(ctx, node, value, path);
}

function contentOf(value: JsonObject): 'none' | 'id-only' | 'children' {
  let id = false;
  for (const key in value) {
    if (key !== 'id') return 'children';
    id = true;
  }
  return id ? 'id-only' : 'none';
}
