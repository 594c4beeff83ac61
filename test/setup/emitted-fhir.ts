/**
 * Checks that what the gateway emits is valid FHIR: every `application/fhir+json` body a test
 * receives from the gateway (through fetch, which fhir-kit-client uses, or through `app.request`)
 * is validated against base R4 with our own validator, and a test that received an invalid body
 * fails after it ends, naming the request and the issues. SUBSETTED results (`_elements`,
 * `_summary`) are exempt, as the spec allows them to break cardinality.
 * @see https://hl7.org/fhir/R4/search.html#summary
 */
import { afterEach, expect } from 'vitest';

/**
 * The validator, imported on the first gateway body: this file is set up in every test file, and
 * most of them (unit tests) never receive one, so they need not load the R4 model and profiles.
 */
const loadValidator = () => import('../../src/validation/validate-resource.js');

const problems: string[] = [];

/** Validates the body of `response` (a clone is read) and records what is wrong with it. */
export async function checkEmittedFhir(label: string, response: Response): Promise<void> {
  if (!/application\/fhir\+json/.test(response.headers.get('content-type') ?? '')) return;
  const text = await response.clone().text();
  if (!text) return;
  let body: fhir4.Resource;
  try {
    body = JSON.parse(text) as fhir4.Resource;
  } catch {
    problems.push(`${label}: the body is not JSON: ${text.slice(0, 200)}`);
    return;
  }
  if (isSubsetted(body)) return;
  const { validateResource } = await loadValidator();
  // What the gateway stored it may emit: extensions it accepted unknown on a write (decision 018).
  const errors = validateResource(body, { unknownProfile: 'ignore', unknownExtension: 'ignore' }).filter(
    (issue) => issue.severity === 'error' || issue.severity === 'fatal',
  );
  if (errors.length > 0) {
    const listed = errors.slice(0, 5).map((issue) => `${issue.expression?.join(',')}: ${issue.message}`);
    problems.push(`${label} emitted invalid FHIR: ${listed.join('; ')}`);
  }
}

function isSubsetted(resource: fhir4.Resource): boolean {
  const tagged = (r: fhir4.Resource | undefined) => r?.meta?.tag?.some((tag) => tag.code === 'SUBSETTED') ?? false;
  if (tagged(resource)) return true;
  const entries = (resource as fhir4.Bundle).entry ?? [];
  return resource.resourceType === 'Bundle' && entries.some((entry) => tagged(entry.resource));
}

const isGatewayUrl = (url: string) => /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/fhir/.test(url);
const originalFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const response = await originalFetch(input, init);
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (isGatewayUrl(url)) await checkEmittedFhir(`${init?.method ?? 'GET'} ${url.slice(0, 200)}`, response);
  return response;
};

afterEach(() => {
  const found = problems.splice(0);
  expect(found, 'the gateway emitted invalid FHIR').toEqual([]);
});
