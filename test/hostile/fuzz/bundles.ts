/**
 * Generators of transaction and batch Bundles with hostile entries: odd methods and URLs, broken
 * fullUrls and references, duplicates, conditional forms, and GET entries that fail.
 */
import fc from 'fast-check';
import { jsonRequest, type FuzzRequest } from './fuzz-request.js';
import { SEED_OBSERVATION, SEED_PATIENT } from './seeds.js';

const UUID = 'urn:uuid:6f1c2a8e-1d3b-4c5a-9e7f-0a1b2c3d4e5f';

const fullUrl = fc.option(
  fc.constantFrom(
    UUID,
    'urn:uuid:not-a-uuid',
    'urn:oid:1.2.x',
    'not a uri',
    'Patient/fz-1',
    'http://other.example/Patient/1',
    '',
  ),
  { nil: undefined },
);

const reference = fc.constantFrom(
  UUID,
  'urn:uuid:00000000-0000-4000-8000-000000000000',
  'Patient?',
  'Patient?identifier=x|nobody',
  'Patient/fz-missing',
  '#nope',
  '__proto__',
  '',
);

const request = fc.record(
  {
    method: fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE', 'GET', 'HEAD', 'BREW', ''),
    url: fc.constantFrom(
      'Patient',
      'Observation',
      'Patient/fz-1',
      'Patient?identifier=x|y',
      'Patient?',
      'Patient?birthdate=ge2020-13-45',
      'Nope',
      'Patient/fz-1/_history/x',
      '__proto__',
      '',
    ),
    ifMatch: fc.option(fc.constantFrom('W/"1"', 'junk'), { nil: undefined }),
    ifNoneExist: fc.option(fc.constantFrom('identifier=x|y', '', 'junk='), { nil: undefined }),
  },
  { requiredKeys: ['method', 'url'] },
);

const resource = fc.oneof(
  fc.constant<Record<string, unknown>>(SEED_PATIENT),
  reference.map((ref) => ({ ...SEED_OBSERVATION, subject: { reference: ref } })),
  fc.constant<Record<string, unknown>>({ resourceType: 'Patient', gender: 'nope' }),
  fc.constant<Record<string, unknown>>({ resourceType: 'Parameters', parameter: [] }),
  fc.jsonValue({ maxDepth: 2 }).map((value) => ({ resourceType: 'Patient', extension: value })),
);

const entry = fc.record(
  { fullUrl, resource: fc.option(resource, { nil: undefined }), request },
  { requiredKeys: ['request'] },
);

const bundle = fc.record(
  {
    resourceType: fc.constant('Bundle'),
    type: fc.constantFrom('transaction', 'batch', 'transaction', 'batch', 'searchset', 'collection', 'nope'),
    id: fc.constantFrom('fz-bundle', 'a b'),
    total: fc.nat(),
    entry: fc.array(entry, { maxLength: 6 }),
  },
  { requiredKeys: ['resourceType', 'type', 'entry'] },
);

/** Transaction and batch Bundles with hostile entries, posted to the base. */
export const bundleRequests: fc.Arbitrary<FuzzRequest> = bundle.map((b) =>
  jsonRequest(`${b.type} of ${b.entry.length}`, 'POST', '', JSON.stringify(b)),
);
