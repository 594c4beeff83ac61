/**
 * Emits the TypeScript of one profile node for `npm run gen:profiles`: the interpreter's walk
 * (src/validation/profile/walk-profile.ts) with every decision that depends only on the profile
 * taken at build time. Per element: the cardinality checks it needs, and a function for the checks
 * on each of its values (fixed, pattern, binding, range, invariants, type and target profiles,
 * child node), called only when the element has any. Choice and sliced elements call the
 * interpreter's element walk, since their items depend on the instance's keys.
 * @module
 */
import type { CompactElement, CompactExtras, CompactNode } from '../../src/validation/model/compiled-model.js';

/** What the emitter knows about the whole table. */
export interface EmitTable {
  /** Index of each node that gets generated code (function `n<index>`, id `IDS[index]`), by node id. */
  readonly indexes: ReadonlyMap<string, number>;
}

const UNBOUNDED = -1;

/** The node's elements in linked order: those of its `x` chain first (as link-model.ts does). */
export function elementsOf(nodes: Readonly<Record<string, CompactNode>>, node: CompactNode): CompactElement[] {
  const base = node.x !== undefined ? nodes[node.x] : undefined;
  return base ? [...elementsOf(nodes, base), ...node.e] : [...node.e];
}

/** The source of the node function `name` and its element functions. */
export function emitNode(
  name: string,
  args: { node: CompactNode; elements: readonly CompactElement[]; table: EmitTable },
): string {
  const helpers: string[] = [];
  const body: string[] = [];
  args.elements.forEach((element, index) => {
    const perValue = emitValueFunction(`${name}e${index}`, element, args.table);
    if (perValue) helpers.push(perValue);
    body.push(...emitElement(element, index, perValue ? `${name}e${index}` : undefined));
  });
  if (args.node.c && args.node.c.length > 0) {
    body.push('  if (node.invariants.length > 0) checkInvariants(ctx, node.invariants, obj, path);');
  }
  const uses = body.some((line) => line.includes('el['));
  const fn = [
    `function ${name}(ctx: WalkContext, node: LinkedNode, obj: JsonObject, path: string): void {`,
    ...(uses ? ['  const el = node.elements;'] : []),
    ...body,
    '}',
  ];
  return [...helpers, fn.join('\n')].join('\n\n');
}

function nameOf(element: CompactElement): { name: string; isChoice: boolean } {
  const raw = element[0];
  const isChoice = raw.endsWith('[x]');
  return { name: isChoice ? raw.slice(0, -3) : raw, isChoice };
}

function typesOf(element: CompactElement): readonly string[] {
  return typeof element[4] === 'string' ? [element[4]] : element[4];
}

/** The lines that check element `index` of a node against `obj`. */
function emitElement(element: CompactElement, index: number, perValue: string | undefined): string[] {
  const { name, isChoice } = nameOf(element);
  const [, min, max, , , extras] = element;
  if (isChoice && typesOnly(element)) return [`  checkChoiceKeys(ctx, el[${index}]!, obj, path);`];
  if (isChoice || extras?.s !== undefined) return [`  walkProfileElement(ctx, el[${index}]!, obj, path);`];
  const needsCount = min > 0 || max !== UNBOUNDED;
  if (!needsCount && !perValue) return [];
  const key = JSON.stringify(name);
  const at = JSON.stringify(`.${name}`);
  const lines = [`  const v${index}: unknown = obj[${key}];`];
  if (needsCount) {
    lines.push(`  const c${index} = countItems(v${index}, obj[${JSON.stringify(`_${name}`)}]);`);
    if (min > 0) {
      const message = JSON.stringify(`'${name}' needs at least ${min} item(s)`);
      lines.push(`  if (c${index} < ${min}) report(ctx, { code: 'required', message: ${message} }, path + ${at});`);
    }
    if (max !== UNBOUNDED) {
      const message = JSON.stringify(`'${name}' allows at most ${max} item(s)`);
      lines.push(`  if (c${index} > ${max}) report(ctx, { code: 'structure', message: ${message} }, path + ${at});`);
    }
  }
  if (perValue) lines.push(...emitValueLoop(`v${index}`, { index, name, perValue }));
  return lines;
}

/** Calls `perValue` on the value, or on each non-null item of the array, with its FHIRPath. */
function emitValueLoop(value: string, args: { index: number; name: string; perValue: string }): string[] {
  const { index, name, perValue } = args;
  const at = JSON.stringify(`.${name}`);
  return [`  if (${value} !== undefined) eachValue(ctx, el[${index}]!, ${value}, path + ${at}, ${perValue});`];
}

/** The child node a value is walked against: a `#` type, or the choice's profiled children. */
function childOf(element: CompactElement): string | undefined {
  return typesOf(element).find((t) => t.includes('#')) ?? element[5]?.cn;
}

/**
 * True for an element whose only rule is its list of types: any cardinality, no value rule, no
 * child node, no slicing (of a choice, then, only the choice keys are checked).
 */
function typesOnly(element: CompactElement): boolean {
  const [, min, max, , , extras] = element;
  if (min > 0 || max !== UNBOUNDED || childOf(element) !== undefined) return false;
  if (extras === undefined) return true;
  const { f, p, b, c, tp, rp, s } = extras;
  return f === undefined && p === undefined && !b && !hasRange(extras) && !(c && c.length > 0) && !tp && !rp && !s;
}

function hasRange(extras: CompactExtras | undefined): boolean {
  return extras?.mn !== undefined || extras?.mx !== undefined || extras?.l !== undefined;
}

/** The function that checks one value of the element, or undefined when there is nothing to check. */
function emitValueFunction(fnName: string, element: CompactElement, table: EmitTable): string | undefined {
  const { name, isChoice } = nameOf(element);
  const extras = element[5];
  if (isChoice || extras?.s !== undefined) return undefined;
  const types = typesOf(element);
  const itemType = types.find((t) => !t.includes('#'));
  const item = `{ value, key: ${JSON.stringify(name)}, type: ${itemType === undefined ? 'undefined' : JSON.stringify(itemType)}, path }`;
  const lines: string[] = [];
  if (extras?.f !== undefined) lines.push('  checkFixed(ctx, e.extras!.f, value, path);');
  if (extras?.p !== undefined) lines.push('  checkPattern(ctx, e.extras!.p, value, path);');
  if (extras?.b) lines.push("  checkBinding(ctx, { binding: e.extras!.b!, type: e.types[0] ?? '', value, path });");
  if (hasRange(extras)) lines.push('  checkRange(ctx, e.extras!, value, path);');
  if (extras?.c && extras.c.length > 0) {
    lines.push('  if (e.invariants.length > 0) checkInvariants(ctx, e.invariants, value, path);');
  }
  for (const profile of extras?.tp ?? []) lines.push(`  applyTypeProfile(ctx, ${JSON.stringify(profile)}, ${item});`);
  if (extras?.rp) lines.push(`  checkTargetProfile(ctx, { profiles: e.extras!.rp!, item: ${item}, conformsTo });`);
  const child = childOf(element);
  if (child !== undefined) lines.push(...emitChild(child, item, table));
  if (lines.length === 0) return undefined;
  return [
    `function ${fnName}(ctx: WalkContext, e: LinkedElement, value: unknown, path: string): void {`,
    ...lines,
    '}',
  ].join('\n');
}

/** Walks the value against its child node: its generated function when it has one. */
function emitChild(child: string, item: string, table: EmitTable): string[] {
  const index = table.indexes.get(child);
  if (index === undefined) return [`  conformsTo(ctx, ${JSON.stringify(child)}, ${item});`];
  return [
    `  if (typeof value === 'object' && value !== null) n${index}(ctx, nodeOf(ctx, ${index}), value as JsonObject, path);`,
  ];
}
