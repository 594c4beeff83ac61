import { describe, expect, it } from 'vitest';
import { validateResource } from '../validate-resource.js';

type Json = Record<string, unknown>;

const PATIENT_URL = 'urn:uuid:5b7c1e0a-6f3d-4a8e-9c2b-0d1e2f3a4b5c';
const PRACTITIONER_URL = 'https://fhir.example.kz/fhir/Practitioner/nurse-1';
const MISSING_URN = 'urn:uuid:00000000-0000-4000-8000-000000000000';

const patient = { resourceType: 'Patient', birthDate: '2024-01-15' };
const practitioner = { resourceType: 'Practitioner', id: 'nurse-1', name: [{ family: 'Ахметова' }] };

function composition(subject = PATIENT_URL): Json {
  return {
    resourceType: 'Composition',
    status: 'final',
    type: { text: 'Patronage visit summary' },
    date: '2024-02-01',
    author: [{ reference: 'Practitioner/nurse-1' }],
    title: 'Visit',
    subject: { reference: subject },
  };
}

function messageHeader(focus = PATIENT_URL): Json {
  return {
    resourceType: 'MessageHeader',
    eventCoding: { system: 'http://example.org/events', code: 'birth-notification' },
    source: { endpoint: 'https://maternity.example.kz/fhir' },
    focus: [{ reference: focus }],
  };
}

function document(first: Json = composition(), more: Json[] = []): Json {
  return {
    resourceType: 'Bundle',
    type: 'document',
    identifier: { system: 'urn:ietf:rfc:3986', value: 'urn:uuid:9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' },
    timestamp: '2024-02-01T10:00:00Z',
    entry: [
      { fullUrl: 'urn:uuid:1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9', resource: first },
      { fullUrl: PATIENT_URL, resource: patient },
      { fullUrl: PRACTITIONER_URL, resource: practitioner },
      ...more,
    ],
  };
}

function message(first: Json = messageHeader()): Json {
  return {
    resourceType: 'Bundle',
    type: 'message',
    timestamp: '2024-02-01T10:00:00Z',
    entry: [
      { fullUrl: 'urn:uuid:2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d', resource: first },
      { fullUrl: PATIENT_URL, resource: patient },
    ],
  };
}

function transaction(entries: Json[]): Json {
  return { resourceType: 'Bundle', type: 'transaction', entry: entries };
}

/** `bundle` without `key` (JSON has no undefined). */
function without(bundle: Json, key: string): Json {
  const copy = { ...bundle };
  delete copy[key];
  return copy;
}

const post = (type: string) => ({ method: 'POST', url: type });

/** `[severity, code, expression]` of every issue but dom-6 (no narrative). */
function issuesOf(bundle: unknown): [string, string, string | undefined][] {
  return validateResource(bundle as fhir4.Resource)
    .filter((i) => !i.message.startsWith('dom-6'))
    .map((i) => [i.severity, i.code, i.expression?.[0]]);
}

/** Invariant keys reported, with their expression. */
function invariantsOf(bundle: unknown): [string, string | undefined][] {
  return validateResource(bundle as fhir4.Resource)
    .filter((i) => i.code === 'invariant' && i.severity === 'error')
    .map((i) => [i.message.split(':')[0]!, i.expression?.[0]]);
}

describe('document Bundles', () => {
  it('accepts a document whose references all resolve inside it', () => {
    expect(issuesOf(document())).toEqual([]);
  });

  it('needs a Composition first (bdl-11) and at least one entry', () => {
    expect(invariantsOf(document(patient))).toEqual([['bdl-11', 'Bundle']]);
    expect(issuesOf(without(document(), 'entry'))).toEqual([['error', 'required', 'Bundle.entry']]);
  });

  it('needs an identifier with system and value (bdl-9) and a timestamp (bdl-10)', () => {
    expect(invariantsOf({ ...document(), identifier: { value: 'x' } })).toEqual([['bdl-9', 'Bundle']]);
    expect(invariantsOf(without(document(), 'timestamp'))).toEqual([['bdl-10', 'Bundle']]);
  });

  it('reports urn:uuid and relative references that no entry carries as errors', () => {
    const bundle = document(composition(MISSING_URN));
    expect(issuesOf(bundle)).toEqual([['error', 'not-found', 'Bundle.entry[0].resource.subject.reference']]);
    const relative = document({ ...composition(), author: [{ reference: 'Practitioner/nurse-2' }] });
    expect(issuesOf(relative)).toEqual([['error', 'not-found', 'Bundle.entry[0].resource.author[0].reference']]);
  });

  it('warns about an entry without fullUrl, which no other entry can refer to', () => {
    const bundle = document(composition(), [{ resource: { resourceType: 'Organization', name: 'Polyclinic 3' } }]);
    expect(issuesOf(bundle)).toEqual([['warning', 'required', 'Bundle.entry[3].fullUrl']]);
  });

  it('reports a RESTful fullUrl that disagrees with the resource id, and a repeated fullUrl (bdl-7)', () => {
    const bundle = document();
    (bundle.entry as Json[])[2] = { fullUrl: PRACTITIONER_URL, resource: { ...practitioner, id: 'nurse-9' } };
    // The author reference still resolves: by the entry's fullUrl, which is what a reference names.
    expect(issuesOf(bundle)).toEqual([['error', 'value', 'Bundle.entry[2].fullUrl']]);
    const repeated = document(composition(), [{ fullUrl: PATIENT_URL, resource: patient }]);
    expect(invariantsOf(repeated)).toEqual([['bdl-7', 'Bundle']]);
  });

  it('refuses entry.request outside batch, transaction and history (bdl-3)', () => {
    const bundle = document();
    (bundle.entry as Json[])[1] = { fullUrl: PATIENT_URL, resource: patient, request: post('Patient') };
    expect(invariantsOf(bundle)).toEqual([['bdl-3', 'Bundle']]);
  });

  it('validates each entry against its own type, with one full path per issue', () => {
    const bundle = document();
    (bundle.entry as Json[])[1] = { fullUrl: PATIENT_URL, resource: { ...patient, birthDate: '2024-02-30' } };
    expect(issuesOf(bundle)).toEqual([['error', 'value', 'Bundle.entry[1].resource.birthDate']]);
  });
});

describe('message Bundles', () => {
  it('accepts a message whose focus is in the Bundle', () => {
    expect(issuesOf(message())).toEqual([]);
  });

  it('needs a MessageHeader first (bdl-12) and at least one entry', () => {
    expect(invariantsOf(message(patient))).toEqual([['bdl-12', 'Bundle']]);
    expect(issuesOf(without(message(), 'entry'))).toEqual([['error', 'required', 'Bundle.entry']]);
  });

  it('reports an unresolved urn:uuid as an error and an unresolved relative reference as a warning', () => {
    expect(issuesOf(message(messageHeader(MISSING_URN)))).toEqual([
      ['error', 'not-found', 'Bundle.entry[0].resource.focus[0].reference'],
    ]);
    expect(issuesOf(message(messageHeader('Patient/elsewhere')))).toEqual([
      ['warning', 'not-found', 'Bundle.entry[0].resource.focus[0].reference'],
    ]);
  });
});

describe('transaction and batch Bundles', () => {
  const withSubject = (reference: string) => ({
    fullUrl: 'urn:uuid:3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
    resource: { resourceType: 'Flag', status: 'active', code: { text: 'x' }, subject: { reference } },
    request: post('Flag'),
  });

  it('needs a request in every entry (bdl-3)', () => {
    expect(invariantsOf(transaction([{ fullUrl: PATIENT_URL, resource: patient }]))).toEqual([['bdl-3', 'Bundle']]);
  });

  it('reports an unresolved urn:uuid as an error but leaves relative references to the server', () => {
    expect(issuesOf(transaction([withSubject(MISSING_URN)]))).toEqual([
      ['error', 'not-found', 'Bundle.entry[0].resource.subject.reference'],
    ]);
    expect(issuesOf(transaction([withSubject('Patient/on-the-server')]))).toEqual([]);
    const batch = { ...transaction([withSubject(MISSING_URN)]), type: 'batch' };
    expect(issuesOf(batch)).toEqual([['error', 'not-found', 'Bundle.entry[0].resource.subject.reference']]);
  });

  it('resolves a urn:uuid to an entry, and refuses a malformed one as fullUrl', () => {
    const resolved = transaction([
      { fullUrl: PATIENT_URL, resource: patient, request: post('Patient') },
      withSubject(PATIENT_URL),
    ]);
    expect(issuesOf(resolved)).toEqual([]);
    const bad = transaction([{ fullUrl: 'urn:uuid:not-a-uuid', resource: patient, request: post('Patient') }]);
    expect(issuesOf(bad)).toEqual([['error', 'value', 'Bundle.entry[0].fullUrl']]);
  });

  it('refuses a version-specific fullUrl (bdl-8) and an entry with nothing in it (bdl-5)', () => {
    const versioned = transaction([
      { fullUrl: `${PRACTITIONER_URL}/_history/2`, resource: practitioner, request: post('Practitioner') },
    ]);
    expect(invariantsOf(versioned)).toContainEqual(['bdl-8', 'Bundle.entry[0]']);
    expect(invariantsOf(transaction([{ fullUrl: PATIENT_URL }]))).toContainEqual(['bdl-5', 'Bundle.entry[0]']);
  });
});

describe('searchset, history, collection and response Bundles', () => {
  it('allows total only in searchset and history (bdl-1) and search only in searchset (bdl-2)', () => {
    const collection = {
      resourceType: 'Bundle',
      type: 'collection',
      total: 1,
      entry: [{ fullUrl: PATIENT_URL, resource: patient }],
    };
    expect(invariantsOf(collection)).toEqual([['bdl-1', 'Bundle']]);
    const searched = {
      ...collection,
      total: undefined,
      entry: [{ fullUrl: PATIENT_URL, resource: patient, search: { mode: 'match' } }],
    };
    expect(invariantsOf(searched)).toEqual([['bdl-2', 'Bundle']]);
    expect(invariantsOf({ ...searched, type: 'searchset', total: 1 })).toEqual([]);
  });

  it('needs a response in every entry of a transaction-response (bdl-4) and a request in history (bdl-3)', () => {
    const response = {
      resourceType: 'Bundle',
      type: 'transaction-response',
      entry: [{ fullUrl: PATIENT_URL, resource: patient }],
    };
    expect(invariantsOf(response)).toEqual([['bdl-4', 'Bundle']]);
    expect(invariantsOf({ ...response, type: 'history' })).toEqual([
      ['bdl-3', 'Bundle'],
      ['bdl-4', 'Bundle'],
    ]);
  });

  it('only warns about an unresolved urn:uuid in a collection', () => {
    const flag = { resourceType: 'Flag', status: 'active', code: { text: 'x' }, subject: { reference: MISSING_URN } };
    const collection = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ fullUrl: PATIENT_URL, resource: flag }],
    };
    expect(issuesOf(collection)).toEqual([['warning', 'not-found', 'Bundle.entry[0].resource.subject.reference']]);
  });
});
