/**
 * Setting and reading FHIR elements by the simple paths of the mapping rules
 * (`name[0].given[0]`, `extension[0].valueCodeableConcept.coding[0]`).
 * @module
 */

type Step = { key: string; index?: number };

function steps(path: string, index: number): Step[] {
  return path.split('.').map((part) => {
    const match = /^([a-zA-Z0-9]+)(?:\[(\d+|\$index)\])?$/.exec(part)!;
    const at = match[2] === undefined ? undefined : match[2] === '$index' ? index : Number(match[2]);
    return at === undefined ? { key: match[1]! } : { key: match[1]!, index: at };
  });
}

/** Sets `value` at `path` in `target`, creating objects and arrays on the way. */
export function setElement(target: Record<string, unknown>, path: string, value: unknown, index = 0): void {
  const list = steps(path, index);
  let node: Record<string, unknown> = target;
  list.forEach((step, i) => {
    const last = i === list.length - 1;
    if (step.index === undefined) {
      if (last) node[step.key] = value;
      else node = (node[step.key] ??= {}) as Record<string, unknown>;
      return;
    }
    const array = (node[step.key] ??= []) as unknown[];
    if (last) array[step.index] = value;
    else node = (array[step.index] ??= {}) as Record<string, unknown>;
  });
}

/** The value at `path`, or undefined. */
export function getElement(source: unknown, path: string, index = 0): unknown {
  let node: unknown = source;
  for (const step of steps(path, index)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[step.key];
    if (step.index !== undefined) node = Array.isArray(node) ? node[step.index] : undefined;
  }
  return node;
}

/** Removes holes that rules left in arrays (a skipped `type[1]` before a set `type[2]`). */
export function compactArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(compactArrays);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compactArrays(v)]));
  return value;
}
