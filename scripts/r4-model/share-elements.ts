/**
 * Makes the base R4 tables smaller without changing what they mean: a node whose first elements
 * are exactly those of DomainResource, Resource, BackboneElement or Element names that node in
 * `x` and keeps only its own elements; a resource or datatype whose canonical URL is the core one
 * of its id leaves `u` out. With all ~145 R4 resource types compiled this drops about a quarter of
 * nodes.ts. The linker puts both back (src/validation/model/link-model.ts).
 * @see https://hl7.org/fhir/R4/domainresource.html
 * @see https://hl7.org/fhir/R4/backboneelement.html
 */
import { CORE_STRUCTURE_PREFIX, type CompactNode } from '../../src/validation/model/compiled-model.js';

/** Nodes whose elements others start with, longest first. */
export const SHARED_BASES = ['DomainResource', 'Resource', 'BackboneElement', 'Element'] as const;

/** Returns `nodes` with shared element prefixes and default URLs left out. */
export function shareElements(nodes: ReadonlyMap<string, CompactNode>): Map<string, CompactNode> {
  const bases = SHARED_BASES.flatMap((id) => {
    const node = nodes.get(id);
    return node ? [{ id, elements: node.e.map((e) => JSON.stringify(e)) }] : [];
  });
  const out = new Map<string, CompactNode>();
  for (const [id, node] of nodes) {
    let shared: CompactNode = node;
    const base = bases.find((b) => b.id !== id && startsWith(node, b.elements));
    if (base) shared = { ...node, x: base.id, e: node.e.slice(base.elements.length) };
    if (shared.u === `${CORE_STRUCTURE_PREFIX}${id}`) {
      const { u: _url, ...rest } = shared;
      shared = rest;
    }
    out.set(id, shared);
  }
  return out;
}

function startsWith(node: CompactNode, prefix: readonly string[]): boolean {
  if (node.e.length < prefix.length) return false;
  return prefix.every((e, i) => JSON.stringify(node.e[i]) === e);
}
