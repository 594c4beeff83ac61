/**
 * Reading a child's Observations through the REST pipeline (the same search as a client's), for
 * the z-scoring reaction and the growth chart.
 * @module
 */
import type { RestContext } from '../../rest/context.js';
import { handleRequest } from '../../rest/router.js';

/** Search Bundles read here are never shown; their links need some base. */
export const INTERNAL_ROUTE = { baseUrl: 'urn:growth' };
/** A child under five has far fewer measurements than one page of this size. */
const PAGE = 1000;

/** The child's Observations with one of `codes` (`system|code`), any status. */
export async function childObservations(
  ctx: RestContext,
  patientId: string,
  codes: readonly string[],
): Promise<fhir4.Observation[]> {
  const query = new URLSearchParams({ subject: `Patient/${patientId}`, code: codes.join(','), _count: String(PAGE) });
  const result = await handleRequest(ctx, { method: 'GET', url: `Observation?${query.toString()}` }, INTERNAL_ROUTE);
  const bundle = result.resource as fhir4.Bundle;
  return (bundle.entry ?? [])
    .map((e) => e.resource as fhir4.Observation)
    .filter((o) => o?.resourceType === 'Observation');
}
