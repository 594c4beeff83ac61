/**
 * Links a {@link CompactModel} into lookup structures for the walker, once at start-up: each node
 * gets a map from JSON property name (`valueQuantity`, `_birthDate`) to its element and type.
 * This is table indexing, not StructureDefinition parsing: the tables were compiled at build time.
 * @see https://hl7.org/fhir/R4/json.html
 * @module
 */
import type { LinkedInvariant } from '../rules/invariants.js';
import { linkPrimitive, type LinkedPrimitive } from './link-primitive.js';
import {
  CORE_STRUCTURE_PREFIX,
  UNBOUNDED,
  type CompactConstraint,
  type CompactElement,
  type CompactExtras,
  type CompactModel,
  type CompactNode,
  type CompactPrimitive,
  type NodeKind,
} from './compiled-model.js';

/** An element of a linked node. */
export interface LinkedElement {
  /** Name without `[x]`. */
  readonly name: string;
  readonly min: number;
  /** `Infinity` when unbounded. */
  readonly max: number;
  readonly isArray: boolean;
  readonly isChoice: boolean;
  readonly types: readonly string[];
  readonly extras: CompactExtras | undefined;
  /** Index in {@link LinkedNode.elements}. */
  readonly index: number;
  /** Invariants the element declares, evaluated on each of its values. */
  readonly invariants: readonly LinkedInvariant[];
  /** JSON property names of this element (`valueQuantity`…; not the `_x` siblings). */
  readonly fields: ReadonlySet<string>;
  /**
   * `_name`, the key of a primitive's sibling: made once here, since building it per object
   * (and looking up the fresh string) ran for every required element walked.
   */
  readonly siblingName: string;
  /** The first type that is not a profile child node (no `#`): the type of a non-choice value. */
  readonly valueType: string | undefined;
  /** The profile child node the element's values are checked against (a type with `#`), if any. */
  readonly childNode: string | undefined;
}

/** What one JSON property of an object means. */
export interface LinkedField {
  readonly element: LinkedElement;
  /** Type key of the value under this property (for `_x`, the primitive it extends). */
  readonly type: string;
  /** Primitive rules when `type` is a primitive. */
  readonly primitive: LinkedPrimitive | undefined;
  /** True for the `_x` sibling that carries a primitive's id and extensions. */
  readonly isPrimitiveExtension: boolean;
  /** For a primitive's value key, the key of its `_x` sibling (made once, as {@link LinkedElement.siblingName}). */
  readonly siblingKey: string | undefined;
  /** True when `type` is Quantity or one of its specializations, whose unit code is checked. */
  readonly isQuantity: boolean;
}

/** JSON property name → field; only own keys, no prototype. */
export type FieldTable = Readonly<Record<string, LinkedField | undefined>>;

/** A node ready for walking. */
export interface LinkedNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly url: string | undefined;
  readonly elements: readonly LinkedElement[];
  /**
   * Fields by JSON property name, in an object without a prototype (so `constructor` or
   * `__proto__` in a resource finds nothing). A keyed load on it was cheaper than `Map.get`: it
   * runs for every property of every object walked.
   */
  readonly fields: FieldTable;
  /** Elements with `min > 0`, checked after the property walk. */
  readonly required: readonly LinkedElement[];
  /** Invariants of the node itself, evaluated on each object walked against it. */
  readonly invariants: readonly LinkedInvariant[];
}

/** An expanded value set as two sets: `system|code` pairs, and bare codes (for `code` elements). */
export interface LinkedValueSet {
  readonly pairs: ReadonlySet<string>;
  /**
   * The codes of each code system: a Coding is looked up without building its `system|code`
   * string on every check (the binding check runs on every coded element written).
   */
  readonly bySystem: ReadonlyMap<string, ReadonlySet<string>>;
  readonly codes: ReadonlySet<string>;
}

/** Quantity and the R4 types that specialize it: their values' units are checked against UCUM. */
export const QUANTITY_TYPES: ReadonlySet<string> = new Set([
  'Quantity',
  'Age',
  'Count',
  'Distance',
  'Duration',
  'MoneyQuantity',
  'SimpleQuantity',
]);

/** Linked nodes by id; a node is linked the first time it is asked for (see {@link linkModel}). */
export interface NodeTable {
  get(id: string): LinkedNode | undefined;
  has(id: string): boolean;
}

/** A linked model: nodes by id, primitive rules, the set of R4 resource names, value sets. */
export interface LinkedModel {
  readonly nodes: NodeTable;
  readonly primitives: Readonly<Record<string, CompactPrimitive>>;
  readonly resourceTypes: ReadonlySet<string>;
  readonly valueSets: ReadonlyMap<string, LinkedValueSet>;
}

/** Compiles one invariant for a FHIRPath base; injected so the model does not depend on fhirpath.js. */
export type InvariantCompiler = (key: string, base: string, constraint: CompactConstraint) => LinkedInvariant;

/** Invariant table and compiler; without them a model links with no invariants. */
export interface InvariantOptions {
  readonly constraints: Readonly<Record<string, CompactConstraint>>;
  readonly compile: InvariantCompiler;
  /** FHIRPath base of a node id (profile ids are `URL#Patient.identifier:iin`); identity by default. */
  readonly pathOf?: (nodeId: string) => string;
}

/**
 * Links `model`; call once per model at start-up. Nodes are linked (and their invariants
 * compiled) on first use and kept: a process validating a handful of types never pays for the
 * other ~140 R4 resource types (decision 017). Linking is table indexing, never code generation.
 */
export function linkModel(model: CompactModel, invariants?: InvariantOptions): LinkedModel {
  const cache = new Map<string, LinkedInvariant>();
  const compile = (keys: readonly string[] | undefined, base: string): LinkedInvariant[] => {
    if (!keys || !invariants) return [];
    return keys.flatMap((key) => {
      const constraint = invariants.constraints[key];
      if (!constraint) return [];
      const id = `${key}|${base}`;
      if (!cache.has(id)) cache.set(id, invariants.compile(key.replace(/#\d+$/, ''), base, constraint));
      return [cache.get(id)!];
    });
  };
  const pathOf = invariants?.pathOf ?? ((id: string) => id);
  const linked = new Map<string, LinkedNode>();
  const primitives = new Map<string, LinkedPrimitive>();
  for (const [type, rules] of Object.entries(model.primitives)) primitives.set(type, linkPrimitive(type, rules));
  const nodes: NodeTable = {
    has: (id) => Object.hasOwn(model.nodes, id),
    get(id) {
      let node = linked.get(id);
      if (node === undefined && Object.hasOwn(model.nodes, id)) {
        node = linkNode(id, model.nodes[id]!, {
          nodes: model.nodes,
          primitives,
          compile,
          base: pathOf(id),
        });
        linked.set(id, node);
      }
      return node;
    },
  };
  const valueSets = new Map<string, LinkedValueSet>();
  for (const [url, systems] of Object.entries(model.valueSets ?? {})) valueSets.set(url, linkValueSet(systems));
  return { nodes, primitives: model.primitives, resourceTypes: new Set(model.resourceTypes), valueSets };
}

function linkValueSet(systems: Readonly<Record<string, readonly string[]>>): LinkedValueSet {
  const pairs = new Set<string>();
  const codes = new Set<string>();
  const bySystem = new Map<string, ReadonlySet<string>>();
  for (const [system, list] of Object.entries(systems)) {
    bySystem.set(system, new Set([...(bySystem.get(system) ?? []), ...list]));
    for (const code of list) {
      pairs.add(`${system}|${code}`);
      codes.add(code);
    }
  }
  return { pairs, codes, bySystem };
}

interface LinkTools {
  nodes: CompactModel['nodes'];
  primitives: ReadonlyMap<string, LinkedPrimitive>;
  /** FHIRPath base of the node. */
  base: string;
  compile: (keys: readonly string[] | undefined, base: string) => LinkedInvariant[];
}

/** The node's elements with those of its `x` chain in front (see {@link CompactNode.x}). */
function allElements(nodes: CompactModel['nodes'], node: CompactNode): readonly CompactElement[] {
  const base = node.x !== undefined ? nodes[node.x] : undefined;
  return base ? [...allElements(nodes, base), ...node.e] : node.e;
}

function defaultUrl(id: string, node: CompactNode): string | undefined {
  if (node.u !== undefined || node.k === 'b' || id.includes('/')) return node.u;
  return `${CORE_STRUCTURE_PREFIX}${id}`;
}

function linkNode(id: string, node: CompactNode, tools: LinkTools): LinkedNode {
  const { primitives } = tools;
  const elements = allElements(tools.nodes, node).map((e, i) =>
    linkElement(e, i, (keys, name) => tools.compile(keys, `${tools.base}.${name}`)),
  );
  const fields = Object.create(null) as Record<string, LinkedField>;
  for (const element of elements) {
    for (const type of element.types) {
      const key = element.isChoice ? element.name + type[0]!.toUpperCase() + type.slice(1) : element.name;
      const primitive = primitives.get(type);
      const siblingKey = primitive ? `_${key}` : undefined;
      const isQuantity = QUANTITY_TYPES.has(type);
      fields[key] = { element, type, primitive, isPrimitiveExtension: false, siblingKey, isQuantity };
      if (siblingKey) {
        fields[siblingKey] = {
          element,
          type,
          primitive,
          isPrimitiveExtension: true,
          siblingKey: undefined,
          isQuantity,
        };
      }
    }
  }
  const required = elements.filter((e) => e.min > 0);
  return {
    id,
    kind: node.k,
    url: defaultUrl(id, node),
    elements,
    fields,
    required,
    invariants: tools.compile(node.c, tools.base),
  };
}

function linkElement(
  compact: CompactElement,
  index: number,
  compile: (keys: readonly string[] | undefined, name: string) => LinkedInvariant[],
): LinkedElement {
  const [rawName, min, max, isArray, types, extras] = compact;
  const isChoice = rawName.endsWith('[x]');
  const name = isChoice ? rawName.slice(0, -3) : rawName;
  const typeList = typeof types === 'string' ? [types] : types;
  return {
    name,
    fields: new Set(isChoice ? typeList.map((t) => name + t[0]!.toUpperCase() + t.slice(1)) : [name]),
    siblingName: `_${name}`,
    valueType: typeList.find((t) => !t.includes('#')),
    childNode: typeList.find((t) => t.includes('#')),
    invariants: compile(extras?.c, name),
    min,
    max: max === UNBOUNDED ? Infinity : max,
    isArray: isArray === 1,
    isChoice,
    types: typeof types === 'string' ? [types] : types,
    extras,
    index,
  };
}
