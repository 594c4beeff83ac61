/**
 * Definitions the validator needs from the store, fetched before it runs (it is synchronous and
 * storage-free): for a QuestionnaireResponse, the Questionnaire its `questionnaire` canonical
 * names (`url`, or `url|version`). Writes (create, update, patch, transaction entries) and
 * `$validate` both fetch through here, so both check answers against the same Questionnaire.
 * @see https://hl7.org/fhir/R4/questionnaireresponse.html
 * @see https://hl7.org/fhir/R4/references.html#canonical
 * @module
 */
import { FhirError } from '../fhir/outcome.js';
import { parseSearch } from '../search/parse-search.js';
import type { RestContext, ValidateOptions } from './context.js';
import { escapeSearchValue } from '../search/escape-search-value.js';

type Json = Record<string, unknown>;

/**
 * The validator options that carry what `resource` refers to on this server; empty when it
 * refers to nothing the validator looks up, so other resources pay one check.
 */
export async function heldDefinitionsFor(
  ctx: Pick<RestContext, 'store' | 'clock'>,
  resource: unknown,
): Promise<Pick<ValidateOptions, 'questionnaires'>> {
  const response = resource as Json | null | undefined;
  if (response?.resourceType !== 'QuestionnaireResponse') return {};
  const canonical = response.questionnaire;
  // `#id` names a contained Questionnaire, which the validator finds itself.
  if (typeof canonical !== 'string' || canonical === '' || canonical.startsWith('#')) return {};
  const found = await findQuestionnaire(ctx, canonical);
  return { questionnaires: new Map(found ? [[canonical, found]] : []) };
}

/** The newest current Questionnaire with that canonical URL (and version, when given). */
async function findQuestionnaire(
  ctx: Pick<RestContext, 'store' | 'clock'>,
  canonical: string,
): Promise<Json | undefined> {
  const bar = canonical.indexOf('|');
  const params = new URLSearchParams({ url: escapeSearchValue(bar < 0 ? canonical : canonical.slice(0, bar)) });
  if (bar >= 0) params.set('version', escapeSearchValue(canonical.slice(bar + 1)));
  let conditions;
  try {
    conditions = parseSearch('Questionnaire', params, { strict: true, now: ctx.clock().getTime() }).conditions;
  } catch (error) {
    // A canonical that cannot be searched for names nothing held here.
    if (error instanceof FhirError) return undefined;
    throw error;
  }
  const page = await ctx.store.search({ resourceType: 'Questionnaire', conditions, sort: [], count: 20, total: false });
  const newest = page.resources.reduce<(typeof page.resources)[number] | undefined>(
    (best, v) => (best === undefined || v.lastUpdated > best.lastUpdated ? v : best),
    undefined,
  );
  return newest?.resource as Json | undefined;
}
