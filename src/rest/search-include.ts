/**
 * `_include` and `_revinclude` (with `:iterate`): the resources a page refers to, and those that
 * refer to it, added to the Bundle with search mode `include`.
 * @see https://hl7.org/fhir/R4/search.html#include
 * @module
 */
import type { IncludeSpec } from '../search/parse-search.js';
import { parseReferenceString } from '../search/reference-string.js';
import { getSearchParameter } from '../search/search-parameter-registry.js';
import type { SearchValue } from '../search/search-request.js';
import type { Deadline } from '../lib/deadline.js';
import type { ResourceStore } from '../storage/port.js';

/** How many rounds `:iterate` follows. */
const MAX_ITERATIONS = 4;
/** Reference values per revinclude query, within D1's 100 bound parameters. */
const REVINCLUDE_CHUNK = 40;
/** Most resources one revinclude adds per round. */
const REVINCLUDE_LIMIT = 1000;

const keyOf = (r: fhir4.Resource) => `${r.resourceType}/${r.id}`;

/** The included resources for `matches`, not repeating any match. */
export async function findIncludes(
  store: ResourceStore,
  matches: readonly fhir4.Resource[],
  specs: { include: readonly IncludeSpec[]; revinclude: readonly IncludeSpec[]; deadline?: Deadline },
): Promise<fhir4.Resource[]> {
  if (specs.include.length === 0 && specs.revinclude.length === 0) return [];
  const seen = new Set(matches.map(keyOf));
  const included: fhir4.Resource[] = [];
  let frontier = [...matches];
  for (let round = 0; round < MAX_ITERATIONS && frontier.length > 0; round++) {
    const active = (list: readonly IncludeSpec[]) => list.filter((s) => round === 0 || s.iterate);
    if (round > 0) specs.deadline?.check(`round ${round + 1} of _include:iterate`);
    const forward = await forwardIncludes(store, frontier, active(specs.include));
    const reverse = await reverseIncludes(store, frontier, active(specs.revinclude), specs.deadline);
    const found = [...forward, ...reverse];
    frontier = [];
    for (const resource of found) {
      if (seen.has(keyOf(resource))) continue;
      seen.add(keyOf(resource));
      included.push(resource);
      frontier.push(resource);
    }
  }
  return included;
}

async function forwardIncludes(store: ResourceStore, from: readonly fhir4.Resource[], specs: readonly IncludeSpec[]) {
  const targets = new Map<string, { type: string; id: string }>();
  const canonicals = new Map<string, { types: string[]; url: string }>();
  for (const spec of specs) {
    const param = getSearchParameter(spec.sourceType, spec.code);
    if (!param) continue;
    const types = spec.targetType ? [spec.targetType] : [...param.target];
    for (const resource of from.filter((r) => r.resourceType === spec.sourceType)) {
      for (const { data, fhirType } of param.evaluate(resource)) {
        if (typeof data === 'string' && (fhirType === 'canonical' || fhirType === 'uri')) {
          canonicals.set(`${types.join(',')} ${data}`, { types, url: data.split('|')[0]! });
          continue;
        }
        const text = typeof data === 'string' ? data : (data as { reference?: unknown })?.reference;
        const parsed = typeof text === 'string' ? parseReferenceString(text) : undefined;
        if (parsed && (!spec.targetType || parsed.type === spec.targetType))
          targets.set(`${parsed.type}/${parsed.id}`, parsed);
      }
    }
  }
  const versions = await Promise.all([...targets.values()].map((t) => store.readCurrent(t.type, t.id)));
  const byUrl = await Promise.all([...canonicals.values()].map((c) => findByCanonical(store, c.types, c.url)));
  return [...versions.flatMap((v) => (v && !v.deleted && v.resource ? [v.resource] : [])), ...byUrl.flat()];
}

/** A canonical reference resolves by the target's `url` search parameter, not by its id. */
async function findByCanonical(store: ResourceStore, types: readonly string[], url: string): Promise<fhir4.Resource[]> {
  const found: fhir4.Resource[] = [];
  for (const resourceType of types.filter((t) => getSearchParameter(t, 'url')?.type === 'uri')) {
    const page = await store.search({
      resourceType,
      conditions: [{ kind: 'param', table: 'uri', code: 'url', values: [{ kind: 'uri', value: url, match: 'equal' }] }],
      sort: [],
      count: 10,
      total: false,
    });
    for (const version of page.resources) if (version.resource) found.push(version.resource);
  }
  return found;
}

async function reverseIncludes(
  store: ResourceStore,
  to: readonly fhir4.Resource[],
  specs: readonly IncludeSpec[],
  deadline: Deadline | undefined,
) {
  const out: fhir4.Resource[] = [];
  for (const spec of specs) {
    const targets = to.filter((r) => !spec.targetType || r.resourceType === spec.targetType);
    for (let start = 0; start < targets.length; start += REVINCLUDE_CHUNK) {
      // One statement per chunk: the request's deadline is checked between them.
      deadline?.check(`_revinclude=${spec.sourceType}:${spec.code}`);
      const values: SearchValue[] = targets
        .slice(start, start + REVINCLUDE_CHUNK)
        .map((r) => ({ kind: 'reference', targetType: r.resourceType, id: r.id! }));
      const page = await store.search({
        resourceType: spec.sourceType,
        conditions: [{ kind: 'param', table: 'reference', code: spec.code, values }],
        sort: [],
        count: REVINCLUDE_LIMIT,
        total: false,
        ...(deadline ? { deadline } : {}),
      });
      for (const version of page.resources) if (version.resource) out.push(version.resource);
    }
  }
  return out;
}
