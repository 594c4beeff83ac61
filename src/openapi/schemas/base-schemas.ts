/**
 * JSON Schemas (2020-12, the dialect of OpenAPI 3.1) of base R4 resources and datatypes, one
 * component per type and per backbone element, `$ref`-linked: element types, arrays versus single
 * values, required elements (min ≥ 1), the `_x` siblings of primitives, choice types `[x]` (at
 * most one of them), and required bindings to small value sets as enumerations.
 * @see https://hl7.org/fhir/R4/json.html
 * @module
 */
import { ANY_RESOURCE, type CompactNode } from '../../validation/model/compiled-model.js';
import type { JsonSchema } from '../openapi-types.js';
import {
  addAllOf,
  allElements,
  componentRef,
  keysOf,
  presence,
  viewElement,
  type ElementView,
  type SchemaModel,
} from './schema-model.js';
import { bindingSchema, primitiveSchema } from './value-constraints.js';

const SPEC = 'https://hl7.org/fhir/R4';

/** Any resource: where R4 says `Resource` (contained, Bundle.entry.resource, Parameters). */
const ANY_RESOURCE_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['resourceType'],
  properties: { resourceType: { type: 'string', pattern: '^[A-Z][A-Za-z]+$' } },
  description: 'Any FHIR R4 resource; its own type decides its shape',
  externalDocs: { url: `${SPEC}/resource.html` },
};

/**
 * Builds the components of the base types asked for with {@link BaseSchemas.ref}, and of every
 * type they reach.
 */
export class BaseSchemas {
  /** Component schemas by name (type name, backbone path, primitive name). */
  readonly components: Record<string, JsonSchema> = {};

  constructor(private readonly model: SchemaModel) {}

  /** A `$ref` to the schema of type key `type`, built (with what it reaches) on first use. */
  ref(type: string): JsonSchema {
    const pending = [type];
    while (pending.length > 0) {
      const next = pending.pop()!;
      if (Object.hasOwn(this.components, next)) continue;
      this.components[next] = this.build(next, (reached) => pending.push(reached));
    }
    return componentRef(type);
  }

  private build(type: string, reach: (type: string) => void): JsonSchema {
    if (type === ANY_RESOURCE) return ANY_RESOURCE_SCHEMA;
    const primitive = this.model.primitives[type];
    if (primitive) return primitiveSchema(type, primitive);
    const node = this.model.nodes[type];
    if (!node) throw new Error(`No type ${type} in the model`);
    return this.nodeSchema(type, node, reach);
  }

  private nodeSchema(id: string, node: CompactNode, reach: (type: string) => void): JsonSchema {
    const properties: Record<string, JsonSchema | boolean> = {};
    const schema: JsonSchema = { type: 'object', properties, additionalProperties: false };
    const required: string[] = [];
    if (node.k === 'r') {
      properties.resourceType = { const: id };
      required.push('resourceType');
    }
    for (const compact of allElements(this.model.nodes, node)) {
      const element = viewElement(compact);
      this.addElement(element, { properties, schema, required }, reach);
    }
    if (required.length > 0) schema.required = required;
    if (node.k !== 'b') {
      const page = id.includes('.') ? id.slice(0, id.indexOf('.')) : id;
      schema.description = `FHIR R4 ${id}`;
      schema.externalDocs = {
        url: node.k === 'r' ? `${SPEC}/${page.toLowerCase()}.html` : `${SPEC}/datatypes.html#${page}`,
      };
    }
    return schema;
  }

  private addElement(
    element: ElementView,
    into: { properties: Record<string, JsonSchema | boolean>; schema: JsonSchema; required: string[] },
    reach: (type: string) => void,
  ): void {
    const keys = keysOf(element);
    const isPrimitive = (key: string) => this.isPrimitive(keys.find((k) => k.key === key)!.type);
    for (const { key, type } of keys) {
      if (element.max === 0) {
        into.properties[key] = false;
        continue;
      }
      reach(type);
      const value = withBinding(componentRef(type), bindingSchema(this.model, element.extras?.b, type));
      into.properties[key] = element.isArray ? arrayOf(value, this.isPrimitive(type), element.max) : value;
      if (this.isPrimitive(type)) {
        reach('Element');
        const sibling = componentRef('Element');
        into.properties[`_${key}`] = element.isArray ? arrayOf(sibling, true, element.max) : sibling;
      }
    }
    if (element.min > 0 && element.max !== 0) {
      const present = presence(
        keys.map((k) => k.key),
        isPrimitive,
      );
      if (Array.isArray(present.required)) into.required.push(...(present.required as string[]));
      else addAllOf(into.schema, present);
    }
    // Only one type of a choice may be present (the `_x` sibling of the same type may join it).
    if (element.isChoice && keys.length > 1) {
      const one = keys.map(({ key }) => ({ required: [key] }));
      addAllOf(into.schema, { oneOf: [{ not: { anyOf: one } }, ...one] });
    }
  }

  private isPrimitive(type: string): boolean {
    return Object.hasOwn(this.model.primitives, type);
  }
}

/**
 * A repeating element: a non-empty array. Items of a primitive array may be null where the
 * `_x` sibling holds the id or extensions at that index.
 * @see https://hl7.org/fhir/R4/json.html#primitive
 */
function arrayOf(items: JsonSchema, nullable: boolean, max: number): JsonSchema {
  return {
    type: 'array',
    minItems: 1,
    ...(max > 0 ? { maxItems: max } : {}),
    items: nullable ? { anyOf: [items, { type: 'null' }] } : items,
  };
}

function withBinding(ref: JsonSchema, binding: JsonSchema | undefined): JsonSchema {
  return binding ? { ...ref, ...binding } : ref;
}
