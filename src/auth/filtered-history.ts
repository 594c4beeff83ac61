/**
 * Type and system history for a caller who may not see every version: the store's history is
 * read in chunks, newest first, within one pinned history position, and only the versions the
 * caller may see are kept and paged. The page reports whether more follow instead of a total,
 * so neither the total nor the paging tells the caller how many versions it may not see
 * (decision 031). A page deep in a history the caller mostly cannot see costs a scan from the
 * start; past {@link MAX_SCANNED_VERSIONS} the request is refused as too costly, and narrowing it
 * with `_since` or `_at` is the way through.
 * @see https://hl7.org/fhir/R4/http.html#history
 * @module
 */
import { FhirError, error } from '../fhir/outcome.js';
import type { HistoryPage, HistoryQuery, ResourceStore, StoredVersion } from '../storage/port.js';

/** Versions read from the store for one filtered page, at most. */
export const MAX_SCANNED_VERSIONS = 10_000;
const CHUNK = 200;

/** The page of `query` (offset and count among the visible versions) of the versions `visible` keeps. */
export async function filteredHistory(
  inner: ResourceStore,
  query: HistoryQuery,
  visible: (version: StoredVersion) => Promise<boolean>,
): Promise<HistoryPage> {
  const wanted = query.offset + query.count + 1; // one more tells whether a next page exists
  const kept: StoredVersion[] = [];
  let upTo = query.upTo;
  let scanned = 0;
  for (;;) {
    const chunk = await inner.history({
      ...query,
      ...(upTo !== undefined ? { upTo } : {}),
      offset: scanned,
      count: CHUNK,
    });
    upTo ??= chunk.upTo;
    for (const version of chunk.versions) if (kept.length < wanted && (await visible(version))) kept.push(version);
    scanned += chunk.versions.length;
    if (kept.length >= wanted || chunk.versions.length < CHUNK) break;
    if (scanned >= MAX_SCANNED_VERSIONS)
      throw new FhirError(
        400,
        error('too-costly', 'This history is too long to page for a restricted caller; narrow it with _since or _at'),
      );
  }
  return {
    versions: kept.slice(query.offset, query.offset + query.count),
    total: Math.min(kept.length, query.offset + query.count),
    upTo: upTo ?? 0,
    hasMore: kept.length > query.offset + query.count,
  };
}
