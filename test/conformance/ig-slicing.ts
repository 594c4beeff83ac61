/**
 * Element-tree helpers over a snapshot for the IG example checks: children of an element, its
 * slices, pattern matching, and assignment of instance items to slices by discriminator.
 * @see https://hl7.org/fhir/R4/profiling.html#discriminator
 * @module
 */
import type { ElementDef, StructureDef } from './ig-definitions.js';

/** A snapshot indexed by element id. */
export interface SnapshotIndex {
  sd: StructureDef;
  byId: Map<string, ElementDef>;
  children: Map<string, ElementDef[]>;
}

const cache = new WeakMap<StructureDef, SnapshotIndex>();

/** Indexes `sd`'s snapshot (cached per definition). */
export function indexSnapshot(sd: StructureDef): SnapshotIndex {
  const hit = cache.get(sd);
  if (hit) return hit;
  const byId = new Map<string, ElementDef>();
  const children = new Map<string, ElementDef[]>();
  for (const el of sd.snapshot?.element ?? []) {
    byId.set(el.id, el);
    const dot = el.id.lastIndexOf('.');
    if (dot < 0) continue;
    const parent = el.id.slice(0, dot);
    children.set(parent, [...(children.get(parent) ?? []), el]);
  }
  const index = { sd, byId, children };
  cache.set(sd, index);
  return index;
}

/** Last id segment: `identifier:iin` for `Patient.identifier:iin`. */
export function lastSegment(id: string): string {
  return id.slice(id.lastIndexOf('.') + 1);
}

/** Children of `id` that are not slices. */
export function baseChildren(index: SnapshotIndex, id: string): ElementDef[] {
  return (index.children.get(id) ?? []).filter((el) => !lastSegment(el.id).includes(':'));
}

/** Slices of the element `el` (siblings whose id is `el.id:name`). */
export function slicesOf(index: SnapshotIndex, el: ElementDef): ElementDef[] {
  const parent = el.id.slice(0, el.id.lastIndexOf('.'));
  return (index.children.get(parent) ?? []).filter(
    (s) => s.id.startsWith(`${el.id}:`) && !s.id.slice(el.id.length + 1).includes(':'),
  );
}

/** The pattern[x] or fixed[x] of an element, with which it is. */
export function fixedOrPattern(el: ElementDef | undefined): { kind: 'fixed' | 'pattern'; value: unknown } | undefined {
  if (!el) return undefined;
  for (const key of Object.keys(el)) {
    if (key.startsWith('fixed')) return { kind: 'fixed', value: el[key] };
    if (key.startsWith('pattern')) return { kind: 'pattern', value: el[key] };
  }
  return undefined;
}

/** FHIR pattern semantics: every property of `pattern` appears in `value` (arrays: each item somewhere). */
export function containsPattern(value: unknown, pattern: unknown): boolean {
  if (Array.isArray(pattern)) {
    return Array.isArray(value) && pattern.every((p) => value.some((v) => containsPattern(v, p)));
  }
  if (pattern !== null && typeof pattern === 'object') {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    const obj = value as Record<string, unknown>;
    return Object.entries(pattern).every(([k, p]) => containsPattern(obj[k], p));
  }
  return value === pattern;
}

/** Exact equality of JSON values (fixed[x] semantics). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (a !== null && typeof a === 'object') {
    if (b === null || typeof b !== 'object' || Array.isArray(b)) return false;
    const ka = Object.keys(a);
    const o = b as Record<string, unknown>;
    return ka.length === Object.keys(o).length && ka.every((k) => jsonEqual((a as Record<string, unknown>)[k], o[k]));
  }
  return a === b;
}

function valuesAt(item: unknown, path: string): unknown[] {
  if (path === '$this') return [item];
  let current: unknown[] = [item];
  for (const step of path.split('.')) {
    current = current.flatMap((v) => {
      const next = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[step] : undefined;
      return next === undefined ? [] : Array.isArray(next) ? next : [next];
    });
  }
  return current;
}

/** The value the slice requires at a discriminator path, or undefined when the checker cannot tell. */
function discriminatorValue(
  index: SnapshotIndex,
  slice: ElementDef,
  path: string,
): { kind: 'fixed' | 'pattern'; value: unknown } | undefined {
  if (path === '$this') return fixedOrPattern(slice);
  const found = fixedOrPattern(index.byId.get(`${slice.id}.${path}`));
  if (found) return found;
  const own = fixedOrPattern(slice);
  const inside = own ? valuesAt(own.value, path) : [];
  if (own && inside.length === 1) return { kind: own.kind, value: inside[0] };
  if (path === 'url') {
    const profile = slice.type?.[0]?.profile?.[0];
    if (profile) return { kind: 'fixed', value: profile };
  }
  return throughInnerSlice(index, slice, path);
}

/**
 * The fixed or pattern value at `path` when the path runs through a slice inside the slice, as
 * the R4 bp profile does: `component:SystolicBP.code.coding:SBPCode.code` for path `code.coding.code`.
 */
function throughInnerSlice(
  index: SnapshotIndex,
  slice: ElementDef,
  path: string,
): { kind: 'fixed' | 'pattern'; value: unknown } | undefined {
  const prefix = `${slice.id}.`;
  for (const [id, el] of index.byId) {
    if (!id.startsWith(prefix)) continue;
    const rest = id.slice(prefix.length).replace(/:[^.]+/g, '');
    if (rest === path) {
      const found = fixedOrPattern(el);
      if (found) return found;
    }
  }
  return undefined;
}

/** True when `item` belongs to `slice` under the element's discriminators. */
export function matchesSlice(index: SnapshotIndex, sliced: ElementDef, slice: ElementDef, item: unknown): boolean {
  const discriminators = sliced.slicing?.discriminator ?? [];
  if (discriminators.length === 0) return false;
  return discriminators.every((d) => {
    if (d.type !== 'value' && d.type !== 'pattern') return false;
    const expected = discriminatorValue(index, slice, d.path);
    if (!expected) return false;
    const values = valuesAt(item, d.path);
    return values.some((v) =>
      expected.kind === 'fixed' ? jsonEqual(v, expected.value) : containsPattern(v, expected.value),
    );
  });
}
