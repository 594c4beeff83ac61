/**
 * Request bodies of 1–2 MB of the kinds that drove the server's memory up in issue 17 (finding 7):
 * valid JSON that is not valid FHIR, huge arrays, huge numbers of keys, huge strings, Bundles
 * with many entries. Used by the memory bench.
 */

/** One hostile request: where it goes and its JSON body. */
export interface HostileRequest {
  label: string;
  path: string;
  body: string;
}

const MB = 1024 * 1024;

function range<T>(n: number, item: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => item(i));
}

/** The hostile requests, each 1–2 MB. */
export function hostileRequests(): HostileRequest[] {
  const patient = (extra: object) => JSON.stringify({ resourceType: 'Patient', ...extra });
  return [
    { label: 'unknown keys', path: '/Patient', body: patient(Object.fromEntries(range(90_000, (i) => [`k${i}`, 1]))) },
    {
      label: 'strings of the wrong type',
      path: '/Patient',
      body: patient({ name: [{ given: range(500_000, () => 7) }] }),
    },
    {
      label: 'huge array of strings',
      path: '/Patient',
      body: patient({ name: [{ given: range(200_000, () => 'abcdef') }] }),
    },
    {
      label: 'huge string',
      path: '/Patient',
      body: patient({ name: [{ family: 'x'.repeat(1.5 * MB) }], gender: 'x' }),
    },
    {
      label: 'identifiers with bad systems',
      path: '/Patient',
      body: patient({ identifier: range(25_000, (i) => ({ system: `not a uri ${i}`, value: '' })) }),
    },
    {
      label: 'Observation components with bad units',
      path: '/Observation',
      body: JSON.stringify({
        resourceType: 'Observation',
        status: 'final',
        code: { text: 'x' },
        component: range(12_000, (i) => ({
          code: { text: 'c' },
          valueQuantity: { value: i, system: 'http://unitsofmeasure.org', code: `u ${i}` },
        })),
      }),
    },
    {
      label: 'transaction of invalid Patients',
      path: '',
      body: JSON.stringify({
        resourceType: 'Bundle',
        type: 'transaction',
        entry: range(10_000, (i) => ({
          fullUrl: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          resource: { resourceType: 'Patient', gender: 'x', birthDate: '2020-13-45' },
          request: { method: 'POST', url: 'Patient' },
        })),
      }),
    },
    {
      label: 'batch of empty entries',
      path: '',
      body: JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry: range(150_000, () => ({})) }),
    },
  ];
}
