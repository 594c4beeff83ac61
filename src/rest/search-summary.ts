/**
 * `_summary` and `_elements`: subsetting the resources of a search result. A subsetted resource
 * carries the SUBSETTED tag so that nobody mistakes it for the whole.
 * @see https://hl7.org/fhir/R4/search.html#summary
 * @see https://hl7.org/fhir/R4/search.html#elements
 * @module
 */
import { FORBIDDEN_KEYS } from '../fhir/json/scan-json.js';
import { SUMMARY_ELEMENTS } from '../generated/search/summary-elements.js';
import type { SummaryMode } from '../search/parse-search.js';

const SUBSETTED = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED' };
const ALWAYS = ['resourceType', 'id', 'meta'];

/** Applies `_summary` / `_elements` to `resource`; returns it unchanged when neither applies. */
export function subsetResource(
  resource: fhir4.Resource,
  options: { summary?: SummaryMode; elements?: readonly string[] },
): fhir4.Resource {
  const keep = keptElements(resource.resourceType, options);
  if (!keep) return resource;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource)) {
    // Never assign a prototype-reaching key (stored resources cannot hold one; this is a guard).
    if (FORBIDDEN_KEYS.has(key)) continue;
    const stem = key.startsWith('_') ? key.slice(1) : key;
    if (ALWAYS.includes(stem) || keep(stem)) out[key] = value;
  }
  const meta = { ...(resource.meta ?? {}) };
  meta.tag = [...(meta.tag ?? []), SUBSETTED];
  out.meta = meta;
  return out as unknown as fhir4.Resource;
}

function keptElements(
  type: string,
  options: { summary?: SummaryMode; elements?: readonly string[] },
): ((key: string) => boolean) | undefined {
  const spec = (Object.hasOwn(SUMMARY_ELEMENTS, type) && SUMMARY_ELEMENTS[type]) || { summary: [], required: [] };
  if (options.summary === 'true') return (key) => spec.summary.some((name) => matches(key, name));
  if (options.summary === 'text') return (key) => key === 'text' || spec.required.some((name) => matches(key, name));
  if (options.summary === 'data') return (key) => key !== 'text';
  if (options.elements?.length) {
    const wanted = options.elements;
    return (key) => spec.required.some((name) => matches(key, name)) || wanted.some((name) => matches(key, name));
  }
  return undefined;
}

/** `valueQuantity` matches the choice stem `value`. */
function matches(key: string, name: string): boolean {
  return key === name || (key.startsWith(name) && /^[A-Z]/.test(key.slice(name.length)));
}
