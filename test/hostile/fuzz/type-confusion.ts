/**
 * Generators of well-formed JSON with the wrong FHIR content: a value of the wrong type at some
 * path of a valid resource, or a dangerous or unknown key added somewhere in it.
 */
import fc from 'fast-check';
import { jsonRequest, type FuzzRequest } from './fuzz-request.js';
import { SEEDS } from './seeds.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = readonly (string | number)[];

/** Every path of `value` (objects and arrays included), root first. */
function pathsOf(value: Json, prefix: Path = []): Path[] {
  const here: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((item, i) => here.push(...pathsOf(item, [...prefix, i])));
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) here.push(...pathsOf(item, [...prefix, key]));
  return here;
}

/** A copy of `root` with the value at `path` replaced (or a key added when `add` is set). */
function withValueAt(root: Json, path: Path, value: Json, addKey?: string): Json {
  const copy = structuredClone(root);
  let node = copy as Record<string | number, Json>;
  for (const step of path.slice(0, addKey === undefined ? -1 : undefined)) node = node[step] as Record<string, Json>;
  if (addKey !== undefined) {
    if (node && typeof node === 'object' && !Array.isArray(node))
      Object.defineProperty(node, addKey, { value, enumerable: true, configurable: true, writable: true });
    return copy;
  }
  if (path.length === 0) return value;
  node[path[path.length - 1]!] = value;
  return copy;
}

const DANGEROUS_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'isAdmin'];

const oddValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    [],
    {},
    '',
    '   ',
    '\u0000',
    0,
    -1,
    1e308,
    true,
    'x'.repeat(5_000),
    [[[]]],
    [null],
    JSON.parse('{"__proto__":{"polluted":"x"}}') as Json,
  ),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

const seedWithPath = fc
  .constantFrom(...(SEEDS as Json[]))
  .chain((seed) => fc.constantFrom(...pathsOf(seed)).map((path) => ({ seed, path })));

const replaced = fc.tuple(seedWithPath, oddValue).map(([{ seed, path }, value]) => ({
  label: `${path.join('.') || '(root)'} := ${JSON.stringify(value)?.slice(0, 60)}`,
  resource: withValueAt(seed, path, value),
  invalid: false,
}));

const objectPaths = (seed: Json) =>
  pathsOf(seed).filter((path) => {
    let node: Json = seed;
    for (const step of path) node = (node as Record<string | number, Json>)[step]!;
    return node !== null && typeof node === 'object' && !Array.isArray(node);
  });

const addedKey = fc
  .constantFrom(...(SEEDS as Json[]))
  .chain((seed) => fc.tuple(fc.constant(seed), fc.constantFrom(...objectPaths(seed))))
  .chain(([seed, path]) =>
    fc.tuple(
      fc.constant(seed),
      fc.constant(path),
      fc.oneof(fc.constantFrom(...DANGEROUS_KEYS), fc.string({ maxLength: 12 })),
      oddValue,
    ),
  )
  .map(([seed, path, key, value]) => ({
    invalid: DANGEROUS_KEYS.includes(key),
    label: `${path.join('.') || '(root)'}[${JSON.stringify(key)}] := ${JSON.stringify(value)?.slice(0, 60)}`,
    resource: withValueAt(seed, path, value, key),
  }));

const target = fc.constantFrom(
  { method: 'POST', path: (type: string) => `/${type}` },
  { method: 'PUT', path: (type: string) => `/${type}/fz-confused` },
  { method: 'POST', path: (type: string) => `/${type}/$validate` },
);

/** Requests whose bodies are valid JSON carrying wrongly typed or unexpected content. */
export const typeConfusionRequests: fc.Arbitrary<FuzzRequest> = fc
  .tuple(fc.oneof(replaced, addedKey), target)
  .map(([{ label, resource, invalid }, { method, path }]) => {
    const type = (resource as { resourceType?: unknown } | null)?.resourceType;
    return jsonRequest(
      label,
      method,
      path(typeof type === 'string' && /^[A-Z][a-z]+$/.test(type) ? type : 'Patient'),
      JSON.stringify(resource) ?? 'null',
      invalid,
    );
  });
