/**
 * Shares identical nodes between profiles: HL7's vital-signs profiles and the guide's profiles
 * derived from them compile the same inline nodes (the VSCat category slice, the UCUM
 * valueQuantity…) under each profile's URL. Nodes with the same element path and the same
 * content are kept once, under the first id in sort order, and every reference is rewritten.
 * The element path is part of the key because invariants take their FHIRPath base from it.
 * @see https://hl7.org/fhir/R4/profiling.html
 */
import type { CompactElement, CompactExtras, CompactNode } from '../../src/validation/model/compiled-model.js';

/** Element path of a node id without slice names: `URL#Observation.category:VSCat.coding` → `Observation.category.coding`. */
function pathOf(id: string): string {
  return id
    .slice(id.indexOf('#') + 1)
    .split('.')
    .map((segment) => segment.split(':')[0])
    .join('.');
}

/** Removes duplicate inline nodes from `nodes` (in place) until none are left. */
export function shareIdenticalNodes(nodes: Map<string, CompactNode>): void {
  for (;;) {
    const keep = new Map<string, string>();
    const replace = new Map<string, string>();
    for (const id of [...nodes.keys()].sort()) {
      if (!id.includes('#')) continue;
      const key = `${pathOf(id)}\u0000${JSON.stringify(nodes.get(id))}`;
      const first = keep.get(key);
      if (first === undefined) keep.set(key, id);
      else replace.set(id, first);
    }
    if (replace.size === 0) return;
    for (const id of replace.keys()) nodes.delete(id);
    for (const [id, node] of nodes) nodes.set(id, { ...node, e: node.e.map((el) => rewrite(el, replace)) });
  }
}

function rewrite(el: CompactElement, replace: ReadonlyMap<string, string>): CompactElement {
  const to = (id: string) => replace.get(id) ?? id;
  const [name, min, max, isArray, types, extras] = el;
  const t = typeof types === 'string' ? to(types) : types.map(to);
  if (!extras) return [name, min, max, isArray, t];
  const out: CompactExtras = {
    ...extras,
    ...(extras.cn ? { cn: to(extras.cn) } : {}),
    ...(extras.s
      ? { s: { ...extras.s, sl: extras.s.sl.map((sl) => (sl.node ? { ...sl, node: to(sl.node) } : sl)) } }
      : {}),
  };
  return [name, min, max, isArray, t, out];
}
