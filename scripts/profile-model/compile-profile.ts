/**
 * Compiles a profile's snapshot into compact nodes of the same shape as base R4 (see
 * src/validation/model/compiled-model.ts), keeping only what the profile adds to base R4 so the
 * profile pass never repeats a base issue: a min above the base min, a max below the base max,
 * fixed/pattern values, changed bindings, the profile's own invariants, type profiles, and
 * slicing with build-time discriminator values per slice.
 * @see https://hl7.org/fhir/R4/profiling.html
 */
import {
  UNBOUNDED,
  type CompactElement,
  type CompactExtensionUse,
  type CompactExtras,
  type CompactNode,
  type CompactSlice,
} from '../../src/validation/model/compiled-model.js';
import { discriminatorsOf } from './discriminators.js';
import { profileExtras, type ProfileContext } from './profile-extras.js';

type Element = fhir4.ElementDefinition;

/** Compiles `sd` (with snapshot) into nodes keyed `url` (root) and `url#elementId`. */
export function compileProfile(sd: fhir4.StructureDefinition, ctx: ProfileContext): Map<string, CompactNode> {
  const elements = sd.snapshot?.element ?? [];
  const rootId = elements[0]!.id!;
  const children = new Map<string, Element[]>();
  const slices = new Map<string, Element[]>();
  for (const el of elements.slice(1)) {
    const id = el.id!;
    const last = id.slice(id.lastIndexOf('.') + 1);
    const bucket = last.includes(':') ? slices : children;
    const key = last.includes(':') ? parentOfSlice(id) : id.slice(0, id.lastIndexOf('.'));
    bucket.set(key, [...(bucket.get(key) ?? []), el]);
  }
  const nodes = new Map<string, CompactNode>();
  const tools: Tools = {
    sd,
    ctx,
    slices,
    nodeId: (id) => (id === rootId ? sd.url : `${sd.url}#${id}`),
    nodeOf: (id) => compileNode(id, tools, children, nodes),
  };
  compileNode(rootId, tools, children, nodes, true);
  return nodes;
}

/**
 * The element a slice belongs to: `Patient.identifier` for `Patient.identifier:a`, and for a
 * re-slice the slice it re-slices (`Patient.identifier:a` for `Patient.identifier:a/b`).
 * @see https://hl7.org/fhir/R4/profiling.html#reslicing
 */
function parentOfSlice(id: string): string {
  const name = id.slice(id.lastIndexOf(':') + 1);
  return name.includes('/') ? id.slice(0, id.lastIndexOf('/')) : id.slice(0, id.lastIndexOf(':'));
}

/**
 * Compiles the node of the element `parentId` (its children) once, into `nodes`; returns its id,
 * or undefined when it adds nothing to base R4 (then the element keeps its base type).
 */
function compileNode(
  parentId: string,
  tools: Tools,
  children: ReadonlyMap<string, Element[]>,
  nodes: Map<string, CompactNode>,
  isRoot = false,
): string | undefined {
  const id = tools.nodeId(parentId);
  if (nodes.has(id)) return id;
  const kids = children.get(parentId);
  if (!kids) return undefined;
  // An element that adds nothing to base R4 and has no profiled children is left out.
  const compact = kids.map((el) => compileElement(el, tools)).filter(addsRules);
  const c = isRoot ? tools.ctx.registry.profileKeys(tools.sd, tools.sd.snapshot!.element[0]!) : undefined;
  if (!isRoot && compact.length === 0) return undefined;
  const kind = isRoot ? (tools.sd.kind === 'resource' ? 'r' : 'c') : 'b';
  const use = isRoot ? extensionUseOf(tools.sd) : undefined;
  nodes.set(id, {
    k: kind,
    ...(isRoot ? { u: tools.sd.url } : {}),
    e: compact,
    ...(c ? { c } : {}),
    ...(use ? { use } : {}),
  });
  return id;
}

/**
 * Context, modifier flag and root cardinality of an extension definition; undefined for other
 * profiles. Only contexts of type `element` exist in R4 core and the guide; a `fhirpath` or
 * `extension` context is kept as written and never matches a path.
 * @see https://hl7.org/fhir/R4/extensibility.html#context
 */
function extensionUseOf(sd: fhir4.StructureDefinition): CompactExtensionUse | undefined {
  if (sd.type !== 'Extension') return undefined;
  const root = sd.snapshot!.element[0]!;
  const c = (sd.context ?? []).map((context) =>
    context.type === 'element' ? context.expression : `${context.type}:${context.expression}`,
  );
  const max = root.max === undefined || root.max === '*' ? UNBOUNDED : Number(root.max);
  return { c, ...(root.isModifier ? { m: 1 as const } : {}), min: root.min ?? 0, max };
}

function addsRules(el: CompactElement): boolean {
  const [name, min, max, , types, extras] = el;
  // Choice elements are kept: a profile may have narrowed their types.
  if (name.endsWith('[x]')) return true;
  const profiled = (typeof types === 'string' ? [types] : types).some((t) => t.includes('#'));
  return min > 0 || max >= 0 || extras !== undefined || profiled;
}

interface Tools {
  sd: fhir4.StructureDefinition;
  ctx: ProfileContext;
  slices: ReadonlyMap<string, Element[]>;
  nodeId: (id: string) => string;
  /** Node id of an element's children, compiled on first use; undefined when they add nothing. */
  nodeOf: (id: string) => string | undefined;
}

function compileElement(el: Element, tools: Tools): CompactElement {
  const id = el.id!;
  const name = id.slice(id.lastIndexOf('.') + 1);
  const baseMin = el.base?.min ?? 0;
  const baseMax = el.base?.max ?? '*';
  const min = (el.min ?? 0) > baseMin ? el.min! : 0;
  const max =
    el.max !== undefined && el.max !== '*' && (baseMax === '*' || Number(el.max) < Number(baseMax))
      ? Number(el.max)
      : -1;
  const isArray: 0 | 1 = baseMax === '1' || baseMax === '0' ? 0 : 1;
  // A choice keeps its type list (the JSON names depend on it); its children go to `cn`.
  const isChoice = name.endsWith('[x]');
  const node = tools.nodeOf(id);
  const types = node && !isChoice ? [node] : (el.type ?? []).map((t) => t.code);
  const extras: CompactExtras = {
    ...profileExtras(el, tools.sd, tools.ctx),
    ...slicingOf(el, tools),
    ...(node && isChoice ? { cn: node } : {}),
  };
  const t = types.length === 1 ? types[0]! : types;
  return Object.keys(extras).length > 0 ? [name, min, max, isArray, t, extras] : [name, min, max, isArray, t];
}

function slicingOf(el: Element, tools: Tools): Pick<CompactExtras, 's'> {
  const entries = tools.slices.get(el.id!);
  if (!el.slicing || !entries?.length) return {};
  const sl = entries.map((slice): CompactSlice => {
    const sliceId = slice.id!;
    const node = tools.nodeOf(sliceId);
    const tp = (slice.type ?? []).flatMap((t) => t.profile ?? []);
    const d = discriminatorsOf(el.slicing!, slice, tools.sd.snapshot?.element ?? []);
    const max = slice.max === '*' ? -1 : Number(slice.max ?? '1');
    const b = profileExtras(slice, tools.sd, tools.ctx).b;
    const t = slice.type?.[0]?.code;
    const reslicing = slicingOf(slice, tools).s;
    return {
      n: slice.sliceName!,
      min: slice.min ?? 0,
      max,
      d,
      ...(node ? { node } : {}),
      ...(tp.length ? { tp } : {}),
      ...(b && t ? { b, t } : {}),
      ...(reslicing ? { s: reslicing } : {}),
    };
  });
  const r = el.slicing.rules ?? 'open';
  return { s: { r, ...(el.slicing.ordered ? { o: 1 as const } : {}), sl } };
}
