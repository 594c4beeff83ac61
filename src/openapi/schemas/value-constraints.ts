/**
 * JSON Schema forms of the value rules of the model: primitive types, required bindings to small
 * enumerable value sets, pattern[x] containment and the path tests of slice discriminators. Each
 * mirrors the validator's reading of the same rule (`src/validation/`), so a schema never
 * rejects what the validator accepts; it may accept more (invariants, large value sets,
 * references are for `$validate`).
 * @see https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.pattern_x_
 * @module
 */
import type { CompactExtras, CompactPrimitive } from '../../validation/model/compiled-model.js';
import type { JsonSchema } from '../openapi-types.js';
import type { SchemaModel } from './schema-model.js';

/** Value sets with more codes than this are described by their URL only, not enumerated. */
export const MAX_ENUMERATED_CODES = 100;

/**
 * A primitive type as JSON Schema: its JSON kind, the R4 regex, integer ranges and length.
 * @see https://hl7.org/fhir/R4/datatypes.html#primitive
 */
export function primitiveSchema(name: string, primitive: CompactPrimitive): JsonSchema {
  const integer = primitive.j === 'n' && primitive.min !== undefined;
  const type = primitive.j === 's' ? 'string' : primitive.j === 'b' ? 'boolean' : integer ? 'integer' : 'number';
  return {
    type,
    ...(primitive.r ? { pattern: primitive.r.source } : {}),
    ...(primitive.min !== undefined ? { minimum: primitive.min } : {}),
    ...(primitive.max !== undefined ? { maximum: primitive.max } : {}),
    ...(primitive.l !== undefined ? { maxLength: primitive.l } : {}),
    description: `FHIR ${name}`,
    externalDocs: { url: `https://hl7.org/fhir/R4/datatypes.html#${name}` },
  };
}

/**
 * A required binding on a `code`, `Coding` or `CodeableConcept` as an enumeration, when the value
 * set was expanded at build time and is small; undefined otherwise (extensible, preferred and
 * example bindings only warn, and large sets would swell the document).
 * @see https://hl7.org/fhir/R4/terminologies.html#strength
 */
export function bindingSchema(model: SchemaModel, binding: CompactExtras['b'], type: string): JsonSchema | undefined {
  if (!binding || binding[0] !== 'required') return undefined;
  const systems = Object.hasOwn(model.valueSets, binding[1]) ? model.valueSets[binding[1]]! : undefined;
  if (!systems) return undefined;
  const all = [...new Set(Object.values(systems).flat())].sort();
  if (all.length === 0 || all.length > MAX_ENUMERATED_CODES) return undefined;
  if (type === 'code') return { enum: all };
  const coding = codingIn(systems, all);
  if (type === 'Coding') return { if: { required: ['code'] }, then: coding };
  if (type === 'CodeableConcept') {
    // A text-only concept has no code to check (as in the validator's check-binding.ts).
    return {
      if: { required: ['coding'] },
      then: { properties: { coding: { contains: { required: ['code'], ...coding } } } },
    };
  }
  return undefined;
}

/** A Coding whose system|code is in the set; with no system, a code of the set. */
function codingIn(systems: Readonly<Record<string, readonly string[]>>, all: readonly string[]): JsonSchema {
  return {
    anyOf: [
      ...Object.entries(systems).map(([system, codes]) => ({
        required: ['system'],
        properties: { system: { const: system }, code: { enum: [...codes].sort() } },
      })),
      { not: { required: ['system'] }, properties: { code: { enum: all } } },
    ],
  };
}

/**
 * pattern[x]: every property and array item of the pattern is present in the value; an array
 * pattern item may match any item of the value (or the value itself, when single).
 * @see https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.pattern_x_
 */
export function patternSchema(pattern: unknown): JsonSchema {
  if (Array.isArray(pattern)) {
    const parts = pattern.map(patternSchema);
    return {
      if: { type: 'array' },
      then: { allOf: parts.map((part) => ({ contains: part })) },
      else: { allOf: parts },
    };
  }
  if (typeof pattern === 'object' && pattern !== null) {
    const entries = Object.entries(pattern);
    return {
      type: 'object',
      required: entries.map(([key]) => key),
      properties: Object.fromEntries(entries.map(([key, value]) => [key, patternSchema(value)])),
    };
  }
  return { const: pattern };
}

/**
 * Some value at `path` (dot-separated JSON names, arrays flattened as FHIRPath navigates them)
 * satisfies `leaf`; `$this` is the value itself.
 * @see https://hl7.org/fhir/R4/profiling.html#discriminator
 */
export function somewhereAt(path: string, leaf: JsonSchema | boolean): JsonSchema | boolean {
  if (path === '$this' || path === '') return leaf;
  const [head, ...rest] = path.split('.');
  const inner = somewhereAt(rest.join('.'), leaf);
  return {
    type: 'object',
    required: [head!],
    properties: { [head!]: { if: { type: 'array' }, then: { contains: inner }, else: inner } },
  };
}
