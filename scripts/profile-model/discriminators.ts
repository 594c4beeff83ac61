/**
 * Build-time discriminator values of one slice: for each discriminator of the slicing, the value
 * an item must have at the discriminator path to belong to the slice (from the slice's fixed or
 * pattern values, its cardinality for `exists`, its type or type profile).
 * @see https://hl7.org/fhir/R4/profiling.html#discriminator
 */
import type { CompactDiscriminator } from '../../src/validation/model/compiled-model.js';

type Element = fhir4.ElementDefinition;

/** Discriminator values of `slice` under `slicing`; `all` are the snapshot's elements. */
export function discriminatorsOf(
  slicing: fhir4.ElementDefinitionSlicing,
  slice: Element,
  all: readonly Element[],
): CompactDiscriminator[] {
  return (slicing.discriminator ?? []).map((d): CompactDiscriminator => {
    const target = d.path === '$this' ? slice : targetOf(slice, d.path, all);
    switch (d.type) {
      case 'value':
      case 'pattern': {
        const fixed = target && valueOf(target, 'fixed');
        if (fixed !== undefined) return [d.path, 'f', fixed];
        const pattern = target && valueOf(target, 'pattern');
        if (pattern !== undefined) return [d.path, 'p', pattern];
        const inSlice = valueInside(slice, d.path);
        if (inSlice) return inSlice;
        // Extensions are sliced by url; the url is the extension definition's canonical.
        const profile = slice.type?.[0]?.profile?.[0];
        if (d.path === 'url' && profile) return [d.path, 'f', profile];
        throw new Error(`slice ${slice.id}: no value for discriminator ${d.path}`);
      }
      case 'exists':
        return [d.path, 'e', (target?.min ?? 0) > 0];
      case 'type':
        return [d.path, 't', (target?.type ?? []).map((t) => t.code)];
      case 'profile':
        return [d.path, 'pr', (target?.type ?? []).flatMap((t) => t.profile ?? [])];
    }
  });
}

/**
 * The element at `path` inside `slice`. When an element on the way is itself sliced, the path
 * names no element directly (`code.coding.code` is defined as `code.coding:SBPCode.code`); then
 * the first element under the slice whose id, without slice names, is the path and which has a
 * fixed or pattern value (or, for exists/type/profile, any such element).
 */
function targetOf(slice: Element, path: string, all: readonly Element[]): Element | undefined {
  const prefix = `${slice.id}.`;
  const exact = all.find((e) => e.id === prefix + path);
  if (exact) return exact;
  const candidates = all.filter(
    (e) => e.id!.startsWith(prefix) && e.id!.slice(prefix.length).replace(/:[^.]*/g, '') === path,
  );
  return (
    candidates.find((e) => valueOf(e, 'fixed') !== undefined || valueOf(e, 'pattern') !== undefined) ?? candidates[0]
  );
}

/** A discriminator value taken from the slice's own fixed or pattern value (`patternCoding.code`). */
function valueInside(slice: Element, path: string): CompactDiscriminator | undefined {
  for (const kind of ['fixed', 'pattern'] as const) {
    let value = valueOf(slice, kind);
    for (const segment of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[segment];
    if (value !== undefined) return [path, kind === 'fixed' ? 'f' : 'p', value];
  }
  return undefined;
}

/** The value of the first `fixed…` or `pattern…` property of `el`. */
export function valueOf(el: Element, prefix: 'fixed' | 'pattern'): unknown {
  for (const [key, value] of Object.entries(el)) if (key.startsWith(prefix)) return value;
  return undefined;
}
