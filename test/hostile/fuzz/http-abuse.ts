/**
 * Generators of abuse at the HTTP level: odd methods, paths, queries and headers through fetch,
 * and request bytes no client library would send, on a raw socket.
 */
import fc from 'fast-check';
import type { FuzzRequest } from './fuzz-request.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PROPFIND'];
const TYPES = [
  'Patient',
  'Observation',
  'Bundle',
  'patient',
  'Nope',
  '__proto__',
  'constructor',
  '$validate',
  '_history',
  'metadata',
];
const IDS = ['demo-child', 'x', 'a'.repeat(65), '..', '%00', '%2e%2e', 'ключ', 'a b', '__proto__', '1/_history/1'];
const PARAMS = [
  '_id',
  'name',
  'birthdate',
  'gender',
  '_sort',
  '_count',
  '_elements',
  '_include',
  '_revinclude',
  '_has:Observation:subject:code',
  'subject.name',
  '_total',
  '_summary',
  '_format',
  '_at',
  '_since',
  '__proto__',
  'identifier:of-type',
];
const VALUES = [
  '',
  'x',
  'ge2020-13-45',
  '-1',
  '99999999',
  '*',
  '__proto__',
  'constructor.prototype',
  'name,,,',
  'a'.repeat(3_000),
  'Patient:link:Patient',
  '%zz',
  'eq',
  'true',
  'gt',
  'http://x|y|z',
];

const path = fc.oneof(
  fc.tuple(fc.constantFrom(...TYPES)).map(([type]) => `/${type}`),
  fc.tuple(fc.constantFrom(...TYPES), fc.constantFrom(...IDS)).map(([type, id]) => `/${type}/${id}`),
  fc.tuple(fc.constantFrom(...TYPES), fc.constantFrom(...IDS)).map(([type, id]) => `/${type}/${id}/_history/${id}`),
  fc.string({ maxLength: 40 }).map((s) => `/${encodeURIComponent(s)}`),
);

const query = fc
  .array(fc.tuple(fc.constantFrom(...PARAMS), fc.constantFrom(...VALUES)), { maxLength: 6 })
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : ''));

const headers = fc.record(
  {
    'content-type': fc.constantFrom(
      'application/fhir+json',
      'application/json',
      'text/plain',
      'application/json-patch+json',
      'application/fhir+json; charset=latin1',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
    ),
    accept: fc.constantFrom(
      'application/fhir+json',
      'application/xml',
      '*/*',
      'text/html;q=0.1',
      'application/fhir+xml',
    ),
    'if-match': fc.constantFrom('W/"1"', '"x"', 'W/""', '*', 'W/"99999999999999999999"', 'garbage'),
    'if-none-exist': fc.constantFrom('identifier=x|y', '', '_id=', '__proto__=1', 'name:foo=bar'),
    prefer: fc.constantFrom(
      'return=representation',
      'return=OperationOutcome',
      'handling=strict',
      'return=nonsense',
      'respond-async',
    ),
  },
  { requiredKeys: [] },
);

const body = fc.option(
  fc.oneof(
    fc.constant('{"resourceType":"Patient","gender":"female"}'),
    fc.constant('[{"op":"replace","path":"/gender","value":"male"}]'),
    fc.constant('[{"op":"add","path":"/__proto__/polluted","value":"x"}]'),
    fc.constant('[{"op":"add","path":"/constructor/prototype/polluted","value":"x"}]'),
    fc.constant('{"resourceType":"Parameters","parameter":[]}'),
    fc.string({ maxLength: 100 }),
  ),
  { nil: undefined },
);

const fetched: fc.Arbitrary<FuzzRequest> = fc
  .tuple(fc.constantFrom(...METHODS), path, query, headers, body)
  .map(([method, p, q, h, b]) => ({
    label: 'http',
    method,
    path: p + q,
    headers: h as Record<string, string>,
    ...(b !== undefined ? { body: b } : {}),
  }));

const encode = (text: string) => new TextEncoder().encode(text);

const rawRequests = fc.oneof(
  fc
    .constantFrom(
      'GET /fhir/Patient HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      'POST /fhir/Patient HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/fhir+json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
      'TRACE /fhir/Patient HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      'BREW /fhir/Patient HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      'GET /fhir/Patient HTTP/9.9\r\nHost: x\r\n\r\n',
      'GET /fhir/Patient\r\n\r\n',
      `GET /fhir/Patient?name=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      `GET /fhir/Patient HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    )
    .map(encode),
  fc
    .uint8Array({ minLength: 1, maxLength: 40 })
    .map(
      (bytes) =>
        new Uint8Array([
          ...encode('GET /fhir/'),
          ...bytes,
          ...encode(' HTTP/1.1\r\nHost: x\r\nConnection: close\r\nConnection: close\r\n\r\n'),
        ]),
    ),
  fc.string({ unit: 'binary', maxLength: 60 }).map((junk) => encode(`${junk}\r\n\r\n`)),
);

const raw: fc.Arbitrary<FuzzRequest> = rawRequests.map((bytes) => ({
  label: `raw ${JSON.stringify(new TextDecoder().decode(bytes.slice(0, 60)))}`,
  method: 'RAW',
  path: '',
  headers: {},
  raw: bytes,
}));

/** Requests abusing methods, paths, queries, headers and the HTTP framing itself. */
export const httpAbuseRequests: fc.Arbitrary<FuzzRequest> = fc.oneof(
  { weight: 4, arbitrary: fetched },
  { weight: 1, arbitrary: raw },
);
