/**
 * Queries derived from the index rows of real resources, for comparing an adapter with the
 * in-memory oracle: every parameter type, modifier and prefix, on values that occur in the data.
 */
import { extractIndexRows } from '../../src/search/extract-index.js';
import { MIN_INSTANT, MAX_INSTANT } from '../../src/search/normalize.js';

const esc = (v: string) => v.replace(/[\\,|$]/g, (ch) => `\\${ch}`);
const PREFIXES = ['eq', 'ne', 'lt', 'gt', 'le', 'ge', 'sa', 'eb', 'ap'];

/** A query (`Type?…`) and whether the source resource must be among its results. */
export interface DerivedQuery {
  query: string;
  mustInclude?: string;
}

/** Queries for one resource. */
export function deriveQueries(resource: fhir4.Resource): DerivedQuery[] {
  const rows = extractIndexRows(resource);
  const type = resource.resourceType;
  const id = resource.id!;
  const q = (params: Record<string, string>, must = false): DerivedQuery => ({
    query: `${type}?${new URLSearchParams(params).toString()}`,
    ...(must ? { mustInclude: id } : {}),
  });
  const out: DerivedQuery[] = [];
  for (const r of rows.token) {
    if (r.code.includes(':') || r.value === null) continue;
    out.push(q({ [r.code]: r.system ? `${esc(r.system)}|${esc(r.value)}` : esc(r.value) }, true));
    out.push(q({ [`${r.code}:not`]: esc(r.value) }), q({ [`${r.code}:missing`]: 'true' }));
    if (r.text) out.push(q({ [`${r.code}:text`]: esc(r.text.slice(0, 4)) }, true));
  }
  for (const r of rows.token.filter((t) => t.code.endsWith(':identifier') && t.value)) {
    out.push(q({ [r.code]: `${esc(r.system ?? '')}|${esc(r.value!)}` }, true));
  }
  for (const r of rows.string) {
    out.push(q({ [r.code]: esc(r.exact.slice(0, 3)) }, true), q({ [`${r.code}:exact`]: esc(r.exact) }, true));
    out.push(q({ [`${r.code}:contains`]: esc(r.exact.slice(1, 4)) }));
  }
  for (const r of rows.date) {
    const edge = r.low === MIN_INSTANT ? r.high : r.low;
    if (edge === MAX_INSTANT || edge === MIN_INSTANT) continue;
    const day = new Date(edge).toISOString().slice(0, 10);
    for (const prefix of PREFIXES) out.push(q({ [r.code]: `${prefix}${day}` }));
    out.push(q({ _sort: `-${r.code}`, [r.code]: `ge${day.slice(0, 4)}` }));
    out.push(...dateRangeQueries(type, r.code, edge));
  }
  for (const r of rows.reference) {
    if (r.targetType && r.targetId) out.push(q({ [r.code]: `${r.targetType}/${r.targetId}` }, true));
    out.push(q({ [`${r.code}:missing`]: 'false' }, true));
  }
  for (const r of rows.quantity) {
    out.push(q({ [r.code]: String(r.value) }, true));
    if (r.system && r.unit) out.push(q({ [r.code]: `ge${r.value}|${esc(r.system)}|${esc(r.unit)}` }, true));
    out.push(q({ [r.code]: `lt${r.value}` }), q({ [r.code]: `ap${r.value}` }));
  }
  for (const r of [...rows.number]) out.push(q({ [r.code]: String(r.value) }, true), q({ [r.code]: `gt${r.value}` }));
  for (const r of rows.uri) out.push(q({ [r.code]: esc(r.value) }, true));
  out.push(q({ _sort: '-_lastUpdated,_id' }));
  return out;
}

const DAY = 86_400_000;

/** Both bounds on one parameter (one range on the same value), around a value that occurs. */
function dateRangeQueries(type: string, code: string, edge: number): DerivedQuery[] {
  const day = (offset: number) => new Date(edge + offset * DAY).toISOString().slice(0, 10);
  const pairs = [
    [`ge${day(0)}`, `lt${day(7)}`],
    [`gt${day(-3)}`, `le${day(0)}`],
    [`ge${day(-400)}`, `le${day(400)}`],
    [`sa${day(-30)}`, `eb${day(30)}`],
    [`gt${day(-1)}`, `eb${day(1)}`],
  ];
  return pairs.map(([lower, upper]) => ({
    query: `${type}?${new URLSearchParams([
      [code, lower!],
      [code, upper!],
    ]).toString()}`,
  }));
}

/** Unique queries over `resources`, thinned evenly to at most `limit`. */
export function deriveCorpusQueries(resources: readonly fhir4.Resource[], limit: number): DerivedQuery[] {
  const unique = new Map<string, DerivedQuery>();
  for (const resource of resources)
    for (const d of deriveQueries(resource)) if (!unique.has(d.query)) unique.set(d.query, d);
  const all = [...unique.values()];
  const step = Math.max(1, all.length / limit);
  const out: DerivedQuery[] = [];
  for (let i = 0; i < all.length && out.length < limit; i += step) out.push(all[Math.floor(i)]!);
  return out;
}
