/**
 * Compiles one StructureDefinition snapshot into compact nodes (see
 * src/validation/model/compiled-model.ts). Works for base definitions and for profiles: every
 * element with children becomes its own node, keyed by the element id.
 * @see https://hl7.org/fhir/R4/elementdefinition.html
 */
import type {
  CompactElement,
  CompactExtras,
  CompactNode,
  NodeKind,
} from '../../src/validation/model/compiled-model.js';

const FHIR_TYPE_EXT = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';
const SYSTEM_TYPE_PREFIX = 'http://hl7.org/fhirpath/System.';

/** Options for one snapshot: the id its root node gets and how it handles extras. */
export interface CompileOptions {
  /** Node id of the root (a type name for base R4, the canonical URL for a profile). */
  rootId: string;
  /** Builds the extras of an element (bindings, invariants…); base structure passes none. */
  extras?: (element: fhir4.ElementDefinition, sd: fhir4.StructureDefinition) => CompactExtras | undefined;
  /** Invariant keys of the root element. */
  rootConstraints?: (sd: fhir4.StructureDefinition) => string[] | undefined;
}

/** Compiles `sd` into nodes, returned in snapshot order. */
export function compileSnapshot(sd: fhir4.StructureDefinition, options: CompileOptions): Map<string, CompactNode> {
  const elements = sd.snapshot?.element ?? [];
  const rootElementId = elements[0]?.id ?? sd.type;
  const children = groupChildren(elements);
  const nodes = new Map<string, CompactNode>();
  const nodeIdOf = (elementId: string) => (elementId === rootElementId ? options.rootId : nodeKey(options, elementId));
  for (const [parentId, kids] of children) {
    const compact = kids.map((el) => compileElement(el, { children, nodeIdOf, options, sd }));
    nodes.set(nodeIdOf(parentId), parentId === rootElementId ? rootNode(sd, compact, options) : { k: 'b', e: compact });
  }
  return nodes;
}

function rootNode(sd: fhir4.StructureDefinition, e: CompactElement[], options: CompileOptions): CompactNode {
  const c = options.rootConstraints?.(sd);
  const k: NodeKind = sd.kind === 'resource' ? 'r' : 'c';
  return c ? { k, u: sd.url, e, c } : { k, u: sd.url, e };
}

function nodeKey(options: CompileOptions, elementId: string): string {
  // Base R4 element ids are already unique (`Patient.contact`); profile nodes get the URL prefix.
  return options.rootId.includes('/') ? `${options.rootId}#${elementId}` : elementId;
}

/** Maps each element id to its direct children (slices are not handled by the base walk). */
function groupChildren(elements: readonly fhir4.ElementDefinition[]): Map<string, fhir4.ElementDefinition[]> {
  const byId = new Map<string, fhir4.ElementDefinition[]>();
  for (const el of elements) {
    const id = el.id ?? el.path;
    const dot = id.lastIndexOf('.');
    if (dot < 0 || id.includes(':')) continue;
    const parent = id.slice(0, dot);
    const list = byId.get(parent) ?? [];
    list.push(el);
    byId.set(parent, list);
  }
  return byId;
}

interface ElementContext {
  children: Map<string, fhir4.ElementDefinition[]>;
  nodeIdOf: (elementId: string) => string;
  options: CompileOptions;
  sd: fhir4.StructureDefinition;
}

function compileElement(el: fhir4.ElementDefinition, ctx: ElementContext): CompactElement {
  const id = el.id ?? el.path;
  const name = id.slice(id.lastIndexOf('.') + 1);
  const max = el.max === '*' ? -1 : Number(el.max ?? '1');
  const baseMax = el.base?.max ?? el.max ?? '1';
  const isArray: 0 | 1 = baseMax === '1' || baseMax === '0' ? 0 : 1;
  const types = typesOf(el, ctx);
  const extras = ctx.options.extras?.(el, ctx.sd);
  const t = types.length === 1 ? types[0]! : types;
  return extras ? [name, el.min ?? 0, max, isArray, t, extras] : [name, el.min ?? 0, max, isArray, t];
}

function typesOf(el: fhir4.ElementDefinition, ctx: ElementContext): string[] {
  const id = el.id ?? el.path;
  if (el.contentReference) return [ctx.nodeIdOf(el.contentReference.slice(1))];
  if (ctx.children.has(id)) return [ctx.nodeIdOf(id)];
  return (el.type ?? []).map((t) => typeKey(el, t));
}

function typeKey(el: fhir4.ElementDefinition, type: fhir4.ElementDefinitionType): string {
  if (!type.code.startsWith(SYSTEM_TYPE_PREFIX)) return type.code;
  // Resource.id is an `id` (https://hl7.org/fhir/R4/resource.html#Resource); the snapshot says string.
  if (el.base?.path === 'Resource.id') return 'id';
  const fhirType = type.extension?.find((x) => x.url === FHIR_TYPE_EXT)?.valueUrl;
  if (!fhirType) throw new Error(`no FHIR type for ${el.path}`);
  return fhirType;
}
