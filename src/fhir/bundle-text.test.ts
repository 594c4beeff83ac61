import { describe, expect, it } from 'vitest';
import { bundleText, withStoredText } from './bundle-text.js';

const patient = { resourceType: 'Patient', id: 'p1', meta: { versionId: '1' }, name: [{ family: 'Äbel "q"' }] };

function response(): fhir4.Bundle {
  return {
    resourceType: 'Bundle',
    type: 'transaction-response',
    entry: [
      withStoredText(
        { response: { status: '201 Created' }, resource: patient as fhir4.Patient, fullUrl: 'http://x/Patient/p1' },
        JSON.stringify(patient),
      ),
      { response: { status: '204 No Content', etag: undefined } as fhir4.BundleEntryResponse },
      { response: { status: '200 OK' }, resource: { resourceType: 'Basic', id: 'b', code: {} } as fhir4.Basic },
    ],
  };
}

describe('bundleText', () => {
  it('gives the text JSON.stringify gives, key order and skipped undefined values included', () => {
    const bundle = response();
    expect(bundleText(bundle)).toBe(JSON.stringify(bundle));
    expect(JSON.parse(bundleText(bundle))).toEqual(JSON.parse(JSON.stringify(bundle)));
  });

  it('splices in the stored text of an entry resource instead of serialising the resource', () => {
    const entry = withStoredText({ resource: patient as fhir4.Patient }, '{"resourceType":"Patient","id":"stored"}');
    const text = bundleText({ resourceType: 'Bundle', type: 'batch-response', entry: [entry] });
    expect(text).toBe(
      '{"resourceType":"Bundle","type":"batch-response","entry":[{"resource":{"resourceType":"Patient","id":"stored"}}]}',
    );
  });

  it('keeps the stored text out of the entry itself: not enumerable, dropped by a copy', () => {
    const entry = withStoredText({ resource: patient as fhir4.Patient }, '{}');
    expect(Object.keys(entry)).toEqual(['resource']);
    expect(JSON.stringify(entry)).toBe(JSON.stringify({ resource: patient }));
    const copy = { ...entry };
    expect(bundleText({ resourceType: 'Bundle', type: 'batch-response', entry: [copy] })).toContain('"Äbel \\"q\\""');
  });

  it('serialises a Bundle without entries as JSON.stringify does', () => {
    const bundle: fhir4.Bundle = { resourceType: 'Bundle', type: 'transaction-response', total: undefined };
    expect(bundleText(bundle)).toBe(JSON.stringify(bundle));
  });
});
