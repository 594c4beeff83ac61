/**
 * A structural check of an instance against a StructureDefinition snapshot, for the IG example
 * tests until the compiled validator (src/validation/) checks profiles. It checks: element paths
 * exist (unknown properties), cardinality of elements and slices, fixed and pattern values,
 * required bindings to value sets with a simple compose, and the guide's own `kz-*` FHIRPath
 * invariants (fhirpath.js). It does not check primitive formats, reference targets, base R4
 * invariants, or non-required bindings. Issues use the conventions of
 * profiles/invalid-cases/README.md.
 * @module
 */
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';
import type { Definitions, ElementDef, Json, StructureDef } from './ig-definitions.js';
import {
  baseChildren,
  containsPattern,
  fixedOrPattern,
  indexSnapshot,
  jsonEqual,
  lastSegment,
  matchesSlice,
  slicesOf,
  type SnapshotIndex,
} from './ig-slicing.js';

/** One issue: what the invalid examples record. */
export interface CheckIssue {
  severity: 'error' | 'warning';
  code: string;
  expression: string;
}

interface Item {
  value: unknown;
  path: string;
  key: string;
}

interface Walk {
  defs: Definitions;
  issues: CheckIssue[];
}

const compiled = new Map<string, (node: unknown) => unknown[]>();

function evaluate(base: string, expression: string, node: unknown): unknown[] {
  const key = `${base}\u0000${expression}`;
  let fn = compiled.get(key);
  if (!fn) {
    const compiledFn = fhirpath.compile({ base, expression }, r4);
    fn = (n: unknown) => compiledFn(n as Record<string, unknown>) as unknown[];
    compiled.set(key, fn);
  }
  try {
    return fn(node);
  } catch {
    return [false];
  }
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function itemsFor(el: ElementDef, node: Record<string, unknown>, path: string, consumed: Set<string>): Item[] {
  const name = lastSegment(el.id);
  const keys: string[] = [];
  if (name.endsWith('[x]')) {
    const prefix = name.slice(0, -3);
    const allowed = new Set((el.type ?? []).map((t) => cap(t.code)));
    for (const k of Object.keys(node)) if (k.startsWith(prefix) && allowed.has(k.slice(prefix.length))) keys.push(k);
  } else if (name in node) keys.push(name);
  const items: Item[] = [];
  for (const key of keys) {
    consumed.add(key);
    const v = node[key];
    if (Array.isArray(v)) v.forEach((value, i) => items.push({ value, path: `${path}.${key}[${i}]`, key }));
    else items.push({ value: v, path: `${path}.${key}`, key });
  }
  return items;
}

function checkCardinality(walk: Walk, el: ElementDef, count: number, path: string): void {
  if (count < (el.min ?? 0)) walk.issues.push({ severity: 'error', code: 'required', expression: path });
  if (el.max !== undefined && el.max !== '*' && count > Number(el.max)) {
    walk.issues.push({ severity: 'error', code: 'structure', expression: path });
  }
}

function checkBinding(walk: Walk, el: ElementDef, item: Item): void {
  if (el.binding?.strength !== 'required' || !el.binding.valueSet) return;
  const members = walk.defs.valueSets.get(el.binding.valueSet.split('|')[0]!);
  if (!members) return;
  const v = item.value as Record<string, unknown> | string;
  let ok: boolean;
  if (typeof v === 'string') ok = [...members].some((m) => m.endsWith(`|${v}`));
  else if (Array.isArray(v.coding))
    ok = (v.coding as Json[]).some((c) => members.has(`${String(c.system)}|${String(c.code)}`));
  else if ('code' in v) ok = members.has(`${String(v.system)}|${String(v.code)}`);
  else ok = true;
  if (!ok) walk.issues.push({ severity: 'error', code: 'code-invalid', expression: item.path });
}

function checkConstraints(walk: Walk, el: ElementDef, item: Item): void {
  for (const c of el.constraint ?? []) {
    if (!c.key.startsWith('kz-') || !c.expression) continue;
    const result = evaluate(el.path.replace(/\[x\]$/, ''), c.expression, item.value);
    if (result.length === 1 && result[0] === false) {
      walk.issues.push({
        severity: c.severity === 'warning' ? 'warning' : 'error',
        code: 'invariant',
        expression: item.path,
      });
    }
  }
}

function typeContext(walk: Walk, el: ElementDef, key: string): { index: SnapshotIndex; id: string } | undefined {
  const types = el.type ?? [];
  const type = types.length === 1 ? types[0] : types.find((t) => key.endsWith(cap(t.code)));
  if (!type) return undefined;
  const profile = type.code === 'Extension' ? type.profile?.[0] : undefined;
  const sd: StructureDef | undefined = profile ? walk.defs.byUrl.get(profile) : walk.defs.byType.get(type.code);
  if (!sd?.snapshot || sd.kind === 'resource') return undefined;
  return { index: indexSnapshot(sd), id: sd.snapshot.element[0]!.id };
}

function checkItem(walk: Walk, index: SnapshotIndex, el: ElementDef, item: Item): void {
  const fixed = fixedOrPattern(el);
  if (fixed) {
    const ok = fixed.kind === 'fixed' ? jsonEqual(item.value, fixed.value) : containsPattern(item.value, fixed.value);
    if (!ok) walk.issues.push({ severity: 'error', code: 'value', expression: item.path });
  }
  checkBinding(walk, el, item);
  checkConstraints(walk, el, item);
  // An extension slice carries its definition's invariants on that definition's root element.
  const extensionProfile =
    el.type?.length === 1 && el.type[0]!.code === 'Extension' ? el.type[0]!.profile?.[0] : undefined;
  const extensionRoot = extensionProfile ? walk.defs.byUrl.get(extensionProfile)?.snapshot?.element[0] : undefined;
  if (extensionRoot) checkConstraints(walk, extensionRoot, item);
  if (item.value === null || typeof item.value !== 'object') return;
  const node = item.value as Record<string, unknown>;
  const typeSlice = index.byId.get(`${el.id}:${item.key}`);
  const ownId = typeSlice && baseChildren(index, typeSlice.id).length > 0 ? typeSlice.id : el.id;
  if (baseChildren(index, ownId).length > 0) return walkChildren(walk, index, ownId, node, item.path);
  if (el.contentReference) return walkChildren(walk, index, el.contentReference.slice(1), node, item.path);
  const ctx = typeContext(walk, el, item.key);
  if (ctx) walkChildren(walk, ctx.index, ctx.id, node, item.path);
}

function checkSliced(
  walk: Walk,
  index: SnapshotIndex,
  el: ElementDef,
  slices: ElementDef[],
  items: Item[],
  path: string,
): void {
  const bySlice = new Map<ElementDef, Item[]>(slices.map((s) => [s, []]));
  for (const item of items) {
    const slice = slices.find((s) => matchesSlice(index, el, s, item.value));
    if (slice) bySlice.get(slice)!.push(item);
    else if (el.slicing?.rules === 'closed')
      walk.issues.push({ severity: 'error', code: 'structure', expression: item.path });
    else checkItem(walk, index, el, item);
  }
  for (const [slice, sliceItems] of bySlice) {
    checkCardinality(walk, slice, sliceItems.length, path);
    for (const item of sliceItems) checkItem(walk, index, slice, item);
  }
}

function walkChildren(walk: Walk, index: SnapshotIndex, id: string, node: Record<string, unknown>, path: string): void {
  const consumed = new Set<string>(['resourceType', 'fhir_comments']);
  for (const el of baseChildren(index, id)) {
    const items = itemsFor(el, node, path, consumed);
    const elementPath = `${path}.${items[0]?.key ?? lastSegment(el.id)}`;
    checkCardinality(walk, el, items.length, elementPath);
    const slices = lastSegment(el.id).endsWith('[x]') ? [] : slicesOf(index, el);
    if (el.slicing && slices.length > 0) checkSliced(walk, index, el, slices, items, elementPath);
    else for (const item of items) checkItem(walk, index, el, item);
  }
  for (const key of Object.keys(node)) {
    if (consumed.has(key) || key.startsWith('_') || key === 'contained') continue;
    walk.issues.push({ severity: 'error', code: 'structure', expression: `${path}.${key}` });
  }
}

/** Checks `resource` against the snapshot of `sd`; returns the issues, de-duplicated and sorted. */
export function checkAgainstSnapshot(resource: Json, sd: StructureDef, defs: Definitions): CheckIssue[] {
  const walk: Walk = { defs, issues: [] };
  const index = indexSnapshot(sd);
  const root = sd.snapshot!.element[0]!;
  checkItem(walk, index, root, { value: resource, path: sd.type, key: sd.type });
  const unique = new Map(walk.issues.map((i) => [`${i.severity}|${i.code}|${i.expression}`, i]));
  return [...unique.values()].sort((a, b) => (a.expression + a.code).localeCompare(b.expression + b.code));
}
