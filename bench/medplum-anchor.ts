/**
 * The second anchor of `npm run bench -- rest`: Medplum 4.5.2's `FhirRouter` over its
 * `MemoryRepository`, behind the same @hono/node-server as the gateway, under `/medplum/fhir`.
 * It keeps resources in a Map (no durability, no index rows), so it is a generous anchor for
 * create; it is the FHIR router engineers in this field know.
 */
import { FhirRouter, MemoryRepository, type FhirRequest } from '@medplum/fhir-router';

const PREFIX = '/medplum/fhir';
const FHIR_JSON = { 'content-type': 'application/fhir+json' };

/** A fetch-style handler for `/medplum/fhir/...`. */
export function createMedplumHandler(): (request: Request) => Promise<Response> {
  const router = new FhirRouter();
  const repo = new MemoryRepository();
  return async (request) => {
    const url = new URL(request.url);
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.json();
    const fhirRequest: FhirRequest = {
      method: request.method as FhirRequest['method'],
      url: url.pathname.slice(PREFIX.length) + url.search,
      pathname: '',
      body,
      params: {},
      query: {},
      headers: Object.fromEntries(request.headers),
    };
    const [outcome, resource] = await router.handleRequest(fhirRequest, repo);
    const status = outcomeStatus(outcome);
    return new Response(JSON.stringify(resource ?? outcome), { status, headers: FHIR_JSON });
  };
}

/** Medplum's outcome ids to HTTP statuses, for the few the benchmark can meet. */
function outcomeStatus(outcome: { id?: string }): number {
  const byId: Record<string, number> = { created: 201, ok: 200, 'not-found': 404, gone: 410 };
  return byId[outcome.id ?? ''] ?? (outcome.id === undefined ? 200 : 400);
}
