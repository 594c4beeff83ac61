/**
 * JSON Schemas of profiles: the base type's schema and, with `allOf`, what the profile adds to it
 * as the compiled profile model records it (`src/generated/profiles/`): narrowed cardinality,
 * removed choice types, fixed and pattern values, required bindings to small value sets, and
 * slices (each item is checked against the first slice whose discriminators it meets, slice
 * counts, closed slicing). What JSON Schema cannot say (invariants, references to other
 * resources, large value sets, discriminators by profile) is left to `$validate`.
 * @see https://hl7.org/fhir/R4/profiling.html
 * @module
 */
import type { CompactDiscriminator, CompactSlice, CompactSlicing } from '../../validation/model/compiled-model.js';
import type { JsonSchema } from '../openapi-types.js';
import { addAllOf, keysOf, presence, viewElement, type ElementView, type SchemaModel } from './schema-model.js';
import { bindingSchema, patternSchema, somewhereAt } from './value-constraints.js';

type Schema = JsonSchema | boolean;

/** The constraints a profile node adds to objects of its base type (no `type`, no `$ref`). */
export function profileNodeSchema(model: SchemaModel, nodeId: string): JsonSchema {
  const node = model.nodes[nodeId];
  if (!node) return {};
  const properties: Record<string, Schema> = {};
  const schema: JsonSchema = {};
  for (const compact of node.e) addProfileElement(model, viewElement(compact), { properties, schema });
  if (Object.keys(properties).length > 0) schema.properties = properties;
  return schema;
}

function addProfileElement(
  model: SchemaModel,
  element: ElementView,
  into: { properties: Record<string, Schema>; schema: JsonSchema },
): void {
  const keys = keysOf(element);
  // A profiled child node (`URL#Patient.birthDate`) may stand for a primitive: allow its `_x` too.
  const isPrimitive = (key: string) => {
    const type = keys.find((k) => k.key === key)!.type;
    return type.includes('#') || Object.hasOwn(model.primitives, type);
  };
  for (const { key, type } of keys) {
    const value = element.max === 0 ? false : valueSchema(model, element, type);
    const schema: Schema | undefined =
      value === false || !element.isArray ? value : arrayConstraints(element, value as JsonSchema | undefined);
    if (schema !== undefined) into.properties[key] = schema;
  }
  if (element.min > 0)
    addAllOf(
      into.schema,
      presence(
        keys.map((k) => k.key),
        isPrimitive,
      ),
    );
  // A choice key the profile does not list is refused (as the validator's profile pass reads
  // any key of the element's name followed by a capital letter).
  if (element.isChoice) {
    addAllOf(into.schema, {
      propertyNames: {
        if: { pattern: `^${element.name}[A-Z]` },
        then: { enum: keys.map((k) => k.key) },
      },
    });
  }
  const slicing = element.extras?.s;
  if (slicing) addAllOf(into.schema, slicingSchema(model, element, slicing));
}

/** The rules of each value of the element (fixed, pattern, binding, its profiled children). */
function valueSchema(model: SchemaModel, element: ElementView, type: string): JsonSchema | undefined {
  const extras = element.extras;
  const parts: JsonSchema[] = [];
  if (extras?.f !== undefined) parts.push({ const: extras.f });
  if (extras?.p !== undefined) parts.push(patternSchema(extras.p));
  const binding = bindingSchema(model, extras?.b, type);
  if (binding) parts.push(binding);
  const child = element.types.find((t) => t.includes('#')) ?? extras?.cn;
  if (child) {
    const childSchema = profileNodeSchema(model, child);
    if (Object.keys(childSchema).length > 0) parts.push(childSchema);
  }
  return combine(parts);
}

function arrayConstraints(element: ElementView, items: JsonSchema | undefined): JsonSchema | undefined {
  const schema: JsonSchema = {
    ...(items ? { items } : {}),
    ...(element.min > 1 ? { minItems: element.min } : {}),
    ...(element.max > 0 ? { maxItems: element.max } : {}),
  };
  return Object.keys(schema).length > 0 ? schema : undefined;
}

function combine(parts: JsonSchema[]): JsonSchema | undefined {
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { allOf: parts };
}

/**
 * Slicing as JSON Schema. An item belongs to the first slice it matches; slices after one whose
 * discriminator cannot be written in JSON Schema (by profile) are left out, so that no item is
 * held to a slice it would not have been assigned to.
 * @see https://hl7.org/fhir/R4/profiling.html#slicing
 */
function slicingSchema(model: SchemaModel, element: ElementView, slicing: CompactSlicing): JsonSchema {
  if (element.isChoice) return choiceSlicing(model, element, slicing);
  const parts: JsonSchema[] = [];
  const earlier: Schema[] = [];
  let complete = true;
  for (const slice of slicing.sl) {
    const match = sliceMatch(slice, element);
    if (match === undefined) {
      complete = false;
      break;
    }
    const mine: Schema = earlier.length ? { allOf: [match, ...earlier.map((m) => ({ not: m }))] } : match;
    earlier.push(match);
    const rules = sliceRules(model, slice);
    parts.push(...sliceCount(element, slice, mine));
    if (rules) parts.push(eachItem(element, { if: mine, then: rules }));
  }
  if (complete && slicing.r === 'closed' && earlier.length > 0) parts.push(eachItem(element, { anyOf: earlier }));
  // A slice with a minimum needs the element, even when the profile left the element's own min.
  const needed = slicing.sl.some((slice) => slice.min > 0);
  return { properties: { [element.name]: { allOf: parts } }, ...(needed ? { required: [element.name] } : {}) };
}

/** A choice sliced by type (`value[x]:valueQuantity`): each slice is one of the choice's keys. */
function choiceSlicing(model: SchemaModel, element: ElementView, slicing: CompactSlicing): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const schema: JsonSchema = {};
  for (const slice of slicing.sl) {
    const byType = slice.d.length === 1 && slice.d[0]![0] === '$this' && slice.d[0]![1] === 't';
    if (!byType) break;
    const keys = keysOf(element)
      .filter((k) => (slice.d[0]![2] as string[]).some((t) => t.toLowerCase() === k.type.toLowerCase()))
      .map((k) => k.key);
    const rules = sliceRules(model, slice);
    if (rules) for (const key of keys) properties[key] = rules;
    if (slice.min > 0 && keys.length > 0) addAllOf(schema, { anyOf: keys.map((key) => ({ required: [key] })) });
  }
  if (Object.keys(properties).length > 0) schema.properties = properties;
  return schema;
}

/** Whether an item meets all of the slice's discriminators; undefined when that cannot be said. */
function sliceMatch(slice: CompactSlice, element: ElementView): Schema | undefined {
  const parts: Schema[] = [];
  for (const discriminator of slice.d) {
    const part = discriminatorMatch(discriminator, element);
    if (part === undefined) return undefined;
    parts.push(part);
  }
  return parts.length === 1 ? parts[0] : { allOf: parts };
}

function discriminatorMatch([path, kind, expected]: CompactDiscriminator, element: ElementView): Schema | undefined {
  switch (kind) {
    case 'f':
      return somewhereAt(path, { const: expected });
    case 'p':
      return somewhereAt(path, patternSchema(expected));
    case 'e':
      return expected ? somewhereAt(path, true) : { not: somewhereAt(path, true) };
    case 't': {
      if (path !== '$this') return undefined;
      const types = expected as string[];
      // The validator reads a value's type from its resourceType, else the element's own type.
      const own = element.types.find((t) => !t.includes('#'));
      const ownMatches = own !== undefined && types.some((t) => t.toLowerCase() === own.toLowerCase());
      return {
        if: { required: ['resourceType'] },
        then: { properties: { resourceType: { enum: types } } },
        else: ownMatches,
      };
    }
    default:
      return undefined;
  }
}

/** What a slice's items must meet: its own element rules and its binding. */
function sliceRules(model: SchemaModel, slice: CompactSlice): JsonSchema | undefined {
  const parts: JsonSchema[] = [];
  if (slice.node) {
    const node = profileNodeSchema(model, slice.node);
    if (Object.keys(node).length > 0) parts.push(node);
  }
  const binding = slice.t ? bindingSchema(model, slice.b, slice.t) : undefined;
  if (binding) parts.push(binding);
  return combine(parts);
}

/** Slice cardinality: how many items match the slice. */
function sliceCount(element: ElementView, slice: CompactSlice, mine: Schema): JsonSchema[] {
  if (!element.isArray) {
    const parts: JsonSchema[] = [];
    if (slice.min > 0) parts.push(typeof mine === 'boolean' ? (mine ? {} : { not: {} }) : mine);
    if (slice.max === 0) parts.push({ not: mine });
    return parts;
  }
  const counted = slice.min > 0 || slice.max >= 0;
  if (!counted) return [];
  return [
    {
      contains: mine,
      minContains: slice.min,
      ...(slice.max >= 0 ? { maxContains: slice.max } : {}),
    },
  ];
}

function eachItem(element: ElementView, rule: JsonSchema): JsonSchema {
  return element.isArray ? { items: rule } : rule;
}
