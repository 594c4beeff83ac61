/**
 * The calls both authorisation matrix files make as one role: a GET with the role's token, a
 * search with an accurate total, a `_summary=count`, and the Observation they post.
 */
import type { Role, SecuredGateway } from './access-fixtures.js';

type Bundle = fhir4.Bundle;

/** `Type/id` of a Bundle's entries (of `type` only, when given), sorted. */
export const ids = (bundle: Bundle, type?: string) =>
  (bundle.entry ?? [])
    .filter((e) => !type || e.resource?.resourceType === type)
    .map((e) => `${e.resource?.resourceType}/${e.resource?.id}`)
    .sort();

/** A body weight of `patient`, with `id` when given. */
export const observation = (id: string | undefined, patient: string) => ({
  resourceType: 'Observation',
  ...(id ? { id } : {}),
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
  subject: { reference: `Patient/${patient}` },
  effectiveDateTime: '2026-11-20',
  valueQuantity: { value: 7.4, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
});

/** GET, search and count as a role of `gateway`. */
export function matrixCalls(gateway: SecuredGateway) {
  /** GET below the FHIR base with `role`'s token; the parsed body. */
  async function get(role: Role, path: string): Promise<fhir4.Resource> {
    const response = await fetch(`${gateway.server.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${gateway.tokens[role]}` },
    });
    return (await response.json()) as fhir4.Resource;
  }

  async function search(role: Role, resourceType: string, searchParams: Record<string, string> = {}): Promise<Bundle> {
    return (await gateway
      .client(role)
      .search({ resourceType, searchParams: { _total: 'accurate', ...searchParams } })) as unknown as Bundle;
  }

  async function countAs(role: Role, resourceType: string, searchParams: Record<string, string> = {}): Promise<number> {
    const bundle = (await gateway
      .client(role)
      .search({ resourceType, searchParams: { ...searchParams, _summary: 'count' } })) as unknown as Bundle;
    return bundle.total ?? -1;
  }

  return { get, search, countAs };
}
