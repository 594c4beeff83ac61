/**
 * Canonical references resolved against what the server holds. An R4 element of type canonical
 * whose definition names the types it may point at (`QuestionnaireResponse.questionnaire` →
 * Questionnaire, `CarePlan.instantiatesCanonical` → PlanDefinition, Questionnaire…) must not
 * name a resource of another type: when the server holds a resource with that `url` (and
 * `version`, after `|`) and none of an allowed type, the reference is an error. A canonical the
 * server does not hold is not checked (it may live elsewhere); neither is a `#contained` one.
 * The validator stays synchronous and storage-free; this runs in the REST layer, after it.
 * @see https://hl7.org/fhir/R4/references.html#canonical
 * @module
 */
import { error, type Issue } from '../../fhir/outcome.js';
import { SUPPORTED_RESOURCE_TYPES } from '../../fhir/resource-types.js';
import { CANONICAL_TARGETS } from '../../generated/r4/canonical-targets.js';
import { parseSearch } from '../../search/parse-search.js';
import { getSearchParameter } from '../../search/search-parameter-registry.js';
import type { ResourceStore } from '../../storage/port.js';
import { escapeSearchValue } from '../../search/escape-search-value.js';

/** A canonical of a resource with the types its element allows. */
export interface CanonicalReference {
  url: string;
  allowed: readonly string[];
  /** FHIRPath of the element, e.g. `QuestionnaireResponse.questionnaire`. */
  expression: string;
}

/** The stored types a canonical can name: those with a `url` search parameter. */
const CANONICAL_TYPES = SUPPORTED_RESOURCE_TYPES.filter((type) => getSearchParameter(type, 'url') !== undefined);

/**
 * Every canonical of `resource` (contained resources included, each at its own type's paths)
 * whose element names its allowed target types. An explicit stack, as for literal references.
 */
export function canonicalReferencesOf(resource: fhir4.Resource): CanonicalReference[] {
  const found: CanonicalReference[] = [];
  const stack: { value: unknown; path: string; definition: string }[] = [
    { value: resource, path: resource.resourceType, definition: resource.resourceType },
  ];
  while (stack.length > 0) {
    const { value, path, definition } = stack.pop()!;
    if (typeof value === 'string') {
      const allowed = Object.hasOwn(CANONICAL_TARGETS, definition) ? CANONICAL_TARGETS[definition] : undefined;
      if (allowed && !value.startsWith('#')) found.push({ url: value, allowed, expression: path });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object);
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k]!;
      const child = object[key];
      const nested =
        typeof child === 'object' &&
        child !== null &&
        typeof (child as { resourceType?: unknown }).resourceType === 'string';
      const childDefinition = nested
        ? String((child as { resourceType: string }).resourceType)
        : `${definition}.${key}`;
      if (!Array.isArray(child)) stack.push({ value: child, path: `${path}.${key}`, definition: childDefinition });
      else
        for (let i = child.length - 1; i >= 0; i--)
          stack.push({
            value: child[i],
            path: `${path}.${key}[${i}]`,
            definition: typeOfItem(child[i], `${definition}.${key}`),
          });
    }
  }
  return found;
}

function typeOfItem(item: unknown, definition: string): string {
  const resourceType = (item as { resourceType?: unknown } | null)?.resourceType;
  return typeof resourceType === 'string' ? resourceType : definition;
}

/** Resource types with canonical elements of their own; others are walked only for contained resources. */
const HOLDERS = new Set(Object.keys(CANONICAL_TARGETS).map((path) => path.slice(0, path.indexOf('.'))));

/** Issues for the canonicals of `resource` that name a stored resource of a type they do not allow. */
export async function checkCanonicalReferences(
  store: Pick<ResourceStore, 'search'>,
  resource: fhir4.Resource,
  now: number,
): Promise<Issue[]> {
  const issues: Issue[] = [];
  const contained = (resource as { contained?: unknown }).contained;
  if (!HOLDERS.has(resource.resourceType) && !Array.isArray(contained)) return issues;
  const canonicals = canonicalReferencesOf(resource);
  const heldByAllowed = await heldByAllowedTypes(store, canonicals, now);
  for (const canonical of canonicals) {
    if (heldByAllowed.has(canonical)) continue;
    const held = await typesHolding(store, canonical, now);
    if (held.length === 0 || held.some((type) => canonical.allowed.includes(type))) continue;
    const message =
      `${canonical.url} names a ${held.join(' and a ')} on this server; ` +
      `${canonical.expression.replace(/\[\d+\]/g, '')} allows ${canonical.allowed.join(', ')}`;
    issues.push(error('invalid', message, canonical.expression));
  }
  return issues;
}

/** Most urls asked of one type in one search; a resource plan names about fifteen. */
const URLS_PER_SEARCH = 50;

/**
 * The canonicals that a stored resource of an allowed type holds exactly (same `url`, and the
 * same `version` where the type has one), found with one search per allowed type for all the
 * canonicals of a resource (`url=a,b,c`) instead of one per canonical: a visit plan names a
 * PlanDefinition and an ActivityDefinition per activity, each written again on every change
 * (decision 034). Only an exact match counts; whatever this does not settle goes through
 * {@link typesHolding}, which answers as before, so the result never differs from it.
 */
async function heldByAllowedTypes(
  store: Pick<ResourceStore, 'search'>,
  canonicals: readonly CanonicalReference[],
  now: number,
): Promise<Set<CanonicalReference>> {
  const settled = new Set<CanonicalReference>();
  if (canonicals.length < 2) return settled;
  const types = likelyHoldersFirst(
    CANONICAL_TYPES.filter((type) => canonicals.some((c) => c.allowed.includes(type))),
    canonicals,
  );
  for (const type of types) {
    const asking = canonicals.filter((c) => !settled.has(c) && c.allowed.includes(type));
    const urls = [...new Set(asking.map((c) => c.url.split('|')[0]!))];
    if (urls.length === 0 || urls.length > URLS_PER_SEARCH) continue;
    const query = new URLSearchParams({ url: urls.map(escapeSearchValue).join(',') });
    const { conditions } = parseSearch(type, query, { strict: true, now });
    const count = URLS_PER_SEARCH * 2;
    const page = await store.search({ resourceType: type, conditions, sort: [], count, total: false });
    // A full page may leave out a match: the per-canonical searches settle those.
    if (page.resources.length >= count) continue;
    const versioned = getSearchParameter(type, 'version') !== undefined;
    const held = new Set(
      page.resources.flatMap((stored) => {
        const found = stored.resource as { url?: unknown; version?: unknown } | undefined;
        if (typeof found?.url !== 'string') return [];
        return typeof found.version === 'string' ? [found.url, `${found.url}|${found.version}`] : [found.url];
      }),
    );
    for (const canonical of asking) {
      const [url, version] = canonical.url.split('|');
      if (held.has(version !== undefined && versioned ? `${url}|${version}` : url!)) settled.add(canonical);
    }
  }
  return settled;
}

/**
 * `types` ordered by how many canonicals name them in their url path (`…/ActivityDefinition/x`),
 * most first, otherwise as given. A plan's canonicals name its PlanDefinition and its
 * ActivityDefinitions, and their elements also allow Questionnaire: asked in that order, the
 * definitions settle every canonical and the Questionnaire search is never made (two searches
 * instead of three for each CarePlan the visit plans write). The order changes which searches
 * run, never the answer: a canonical is settled only by an exact match of an allowed type.
 */
function likelyHoldersFirst(types: readonly string[], canonicals: readonly CanonicalReference[]): string[] {
  const named = (type: string) => canonicals.filter((c) => c.url.includes(`/${type}/`)).length;
  const counts = new Map(types.map((type) => [type, named(type)]));
  return types
    .map((type, index) => ({ type, index }))
    .sort((a, b) => counts.get(b.type)! - counts.get(a.type)! || a.index - b.index)
    .map(({ type }) => type);
}

/**
 * The types of the stored resources whose `url` (and `version`) the canonical names, as far as
 * the check needs them: the allowed types are searched first, and when one holds the canonical
 * the answer is that type alone (the reference is fine whatever else shares the url). So a
 * canonical to a held definition costs a search or two, not one per definitional type; only a
 * canonical held nowhere or by a wrong type is looked up in every type.
 */
async function typesHolding(
  store: Pick<ResourceStore, 'search'>,
  canonical: CanonicalReference,
  now: number,
): Promise<string[]> {
  const allowed = CANONICAL_TYPES.filter((type) => canonical.allowed.includes(type));
  const heldAllowed = await typesAmong(store, allowed, { canonical: canonical.url, now, firstOnly: true });
  if (heldAllowed.length > 0) return heldAllowed;
  const others = CANONICAL_TYPES.filter((type) => !canonical.allowed.includes(type));
  return typesAmong(store, others, { canonical: canonical.url, now, firstOnly: false });
}

/** Which of `types` hold a resource with the canonical's `url` (and `version`); stops at the first when asked. */
async function typesAmong(
  store: Pick<ResourceStore, 'search'>,
  types: readonly string[],
  args: { canonical: string; now: number; firstOnly: boolean },
): Promise<string[]> {
  const [url, version] = args.canonical.split('|').map(escapeSearchValue);
  const params = new URLSearchParams({ url: url! });
  if (version) params.set('version', version);
  const held: string[] = [];
  for (const type of types) {
    const versioned = version !== undefined && getSearchParameter(type, 'version') !== undefined;
    const query = versioned ? params : new URLSearchParams({ url: url! });
    const { conditions } = parseSearch(type, query, { strict: true, now: args.now });
    const page = await store.search({ resourceType: type, conditions, sort: [], count: 1, total: false });
    if (page.resources.length === 0) continue;
    held.push(type);
    if (args.firstOnly) break;
  }
  return held;
}
