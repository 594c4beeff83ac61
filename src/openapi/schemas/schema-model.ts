/**
 * The compiled FHIR model the JSON Schemas are derived from: the same tables the validator links
 * (`src/generated/r4`, `src/generated/profiles`), read here without linking them. Nothing about a
 * type's shape is written by hand in `src/openapi/`.
 * @see https://hl7.org/fhir/R4/json.html
 * @module
 */
import {
  ANY_RESOURCE,
  type CompactElement,
  type CompactNode,
  type CompactPrimitive,
} from '../../validation/model/compiled-model.js';
import type { JsonSchema } from '../openapi-types.js';

/** Nodes, primitives and expanded value sets, as compiled at build time. */
export interface SchemaModel {
  readonly nodes: Readonly<Record<string, CompactNode>>;
  readonly primitives: Readonly<Record<string, CompactPrimitive>>;
  /** url → code system → codes; an absent url is not enumerable. */
  readonly valueSets: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** One element of a compact node, with its parts named. */
export interface ElementView {
  /** JSON name without `[x]`. */
  readonly name: string;
  readonly isChoice: boolean;
  readonly min: number;
  /** -1 when unbounded (base) or not narrowed (profile). */
  readonly max: number;
  readonly isArray: boolean;
  readonly types: readonly string[];
  readonly extras: CompactElement[5];
}

/** Reads a compact element. */
export function viewElement(element: CompactElement): ElementView {
  const [rawName, min, max, isArray, types, extras] = element;
  const isChoice = rawName.endsWith('[x]');
  return {
    name: isChoice ? rawName.slice(0, -3) : rawName,
    isChoice,
    min,
    max,
    isArray: isArray === 1,
    types: typeof types === 'string' ? [types] : types,
    extras,
  };
}

/** The JSON property of a choice element for one type: `value` + `Quantity` → `valueQuantity`. */
export function choiceKey(name: string, type: string): string {
  return name + type[0]!.toUpperCase() + type.slice(1);
}

/** The JSON keys an element may appear under (one, or one per type of a choice). */
export function keysOf(element: ElementView): { key: string; type: string }[] {
  return element.isChoice
    ? element.types.map((type) => ({ key: choiceKey(element.name, type), type }))
    : [{ key: element.name, type: element.types[0] ?? ANY_RESOURCE }];
}

/** A node's elements with those of its `x` chain first (DomainResource, BackboneElement…). */
export function allElements(nodes: SchemaModel['nodes'], node: CompactNode): CompactElement[] {
  const base = node.x !== undefined ? nodes[node.x] : undefined;
  return base ? [...allElements(nodes, base), ...node.e] : [...node.e];
}

/** `#/components/schemas/{name}`. */
export function componentRef(name: string): JsonSchema {
  return { $ref: `#/components/schemas/${name}` };
}

/**
 * The element is present: under any of its keys, or (a primitive) only through its `_x` sibling,
 * which counts toward cardinality as in the validator.
 * @see https://hl7.org/fhir/R4/json.html#primitive
 */
export function presence(keys: readonly string[], isPrimitive: (key: string) => boolean): JsonSchema {
  const names = keys.flatMap((key) => (isPrimitive(key) ? [key, `_${key}`] : [key]));
  return names.length === 1 ? { required: names } : { anyOf: names.map((name) => ({ required: [name] })) };
}

/** Adds `part` to `schema.allOf`. */
export function addAllOf(schema: JsonSchema, part: JsonSchema): void {
  ((schema.allOf ??= []) as JsonSchema[]).push(part);
}
