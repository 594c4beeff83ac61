/**
 * Where the terminology operations find CodeSystems, ValueSets and ConceptMaps: the guide's own
 * (in memory, {@link igResources}) first, then those stored on this server, by canonical url
 * (and version) or by id. The guide's resources are stored at start-up too but read-only, so
 * reading them from memory gives the same answer without a query.
 * @see https://hl7.org/fhir/R4/references.html#canonical
 * @module
 */
import { FhirError } from '../../fhir/outcome.js';
import { igResources } from '../../ig/ig-resources.js';
import { parseSearch } from '../../search/parse-search.js';
import type { TerminologySource } from '../../terminology/value-set-expansion.js';
import type { RestContext } from '../context.js';
import { escapeSearchValue } from '../../search/escape-search-value.js';

/** The definitional types the terminology operations read. */
export type TerminologyType = 'CodeSystem' | 'ValueSet' | 'ConceptMap';

type Definition<T extends TerminologyType> = Extract<fhir4.FhirResource, { resourceType: T }>;

/** Stored ConceptMaps read for a `$translate` without a map: more than this are not searched. */
const MAX_STORED_MAPS = 200;

/** Reads terminology resources for one request. */
export interface TerminologyResources extends TerminologySource {
  byUrl<T extends TerminologyType>(type: T, url: string, version?: string): Promise<Definition<T> | undefined>;
  byId<T extends TerminologyType>(type: T, id: string): Promise<Definition<T> | undefined>;
  /**
   * Every ConceptMap known here, the guide's first, each canonical url once; with `from`, the
   * stored ones are only those that may translate a code of that system (in that direction).
   */
  conceptMaps(from?: { system?: string | undefined; reverse?: boolean }): Promise<fhir4.ConceptMap[]>;
}

/** Terminology resources from the guide and from `ctx.store`. */
export function createTerminologyResources(ctx: Pick<RestContext, 'store' | 'clock'>): TerminologyResources {
  const resources: TerminologyResources = {
    async byUrl(type, url, version) {
      return guideByUrl(type, url, version) ?? (await storedByUrl(ctx, type, url, version));
    },
    async byId(type, id) {
      const guide = igResources().find((r) => r.resourceType === type && r.id === id);
      if (guide) return guide as Definition<typeof type>;
      const stored = await ctx.store.readCurrent(type, id);
      return stored && !stored.deleted ? (stored.resource as Definition<typeof type>) : undefined;
    },
    async conceptMaps(from) {
      const maps = guideOfType('ConceptMap');
      const known = new Set(maps.map((m) => m.url));
      // Only the stored maps with a group from (or, reversed, to) the code's system, when known.
      const params = new URLSearchParams();
      if (from?.system !== undefined)
        params.set(from.reverse ? 'target-system' : 'source-system', escapeSearchValue(from.system));
      for (const { resource: map } of await storedSearch(ctx, 'ConceptMap', params, MAX_STORED_MAPS)) {
        if (map.url !== undefined && !known.has(map.url)) maps.push(map);
      }
      return maps;
    },
    codeSystem: (url, version) => resources.byUrl('CodeSystem', url, version),
    valueSet: (url, version) => resources.byUrl('ValueSet', url, version),
  };
  return resources;
}

function guideOfType<T extends TerminologyType>(type: T): Definition<T>[] {
  return igResources().filter((r) => r.resourceType === type) as unknown as Definition<T>[];
}

function guideByUrl<T extends TerminologyType>(type: T, url: string, version?: string): Definition<T> | undefined {
  return guideOfType(type).find((r) => {
    const definition = r as { url?: string; version?: string };
    return definition.url === url && (version === undefined || definition.version === version);
  });
}

/** The newest current stored resource with that url (and version). */
async function storedByUrl<T extends TerminologyType>(
  ctx: Pick<RestContext, 'store' | 'clock'>,
  type: T,
  url: string,
  version: string | undefined,
): Promise<Definition<T> | undefined> {
  const params = new URLSearchParams({ url: escapeSearchValue(url) });
  if (version !== undefined) params.set('version', escapeSearchValue(version));
  const found = await storedSearch(ctx, type, params, 20);
  const newest = found.reduce<(typeof found)[number] | undefined>(
    (best, v) => (best === undefined || v.lastUpdated > best.lastUpdated ? v : best),
    undefined,
  );
  return newest?.resource;
}

/** Current stored resources of `type` matching the search `params`, at most `count`. */
async function storedSearch<T extends TerminologyType>(
  ctx: Pick<RestContext, 'store' | 'clock'>,
  type: T,
  params: URLSearchParams,
  count: number,
): Promise<{ resource: Definition<T>; lastUpdated: string }[]> {
  let conditions;
  try {
    conditions = parseSearch(type, params, { strict: true, now: ctx.clock().getTime() }).conditions;
  } catch (error) {
    // A value that cannot be searched for names nothing held here.
    if (error instanceof FhirError) return [];
    throw error;
  }
  const page = await ctx.store.search({ resourceType: type, conditions, sort: [], count, total: false });
  return page.resources.map((v) => ({ resource: v.resource as Definition<T>, lastUpdated: v.lastUpdated }));
}
