import { describe, expect, it } from 'vitest';
import { parseValidationConfig } from '../config/validation-config.js';
import type { RestContext } from '../rest/context.js';
import { handleRequest } from '../rest/router.js';
import { processBundle } from '../rest/transaction.js';
import { createMemoryResourceStore } from '../storage/memory/memory-resource-store.js';
import type { ResourceWrite } from '../storage/port.js';
import { createValidator } from '../validation/create-validator.js';
import { datePart } from './calendar-dates.js';
import { findResources } from './plan-store.js';
import { bySubject, plansReaction, subjectOf } from './plans-reaction.js';

const VISIT_TYPE = 'https://fhir.patronage.kz/CodeSystem/patronage-visit-type';
const OPTIONS = { baseUrl: 'http://test/fhir' };

/**
 * A context with the plans reaction over a memory store whose commits take a turn of the event
 * loop (as the SQLite writer thread's do) and count how many are in flight at once.
 */
function countingContext() {
  const store = createMemoryResourceStore();
  const commits = { inFlight: 0, most: 0 };
  const ctx: RestContext = {
    store: {
      ...store,
      async commit(unit) {
        commits.inFlight++;
        commits.most = Math.max(commits.most, commits.inFlight);
        try {
          await new Promise((resolve) => setImmediate(resolve));
          return await store.commit(unit);
        } finally {
          commits.inFlight--;
        }
      },
    },
    clock: () => new Date(),
    validate: createValidator(parseValidationConfig({})),
    newId: () => crypto.randomUUID(),
    reactions: [plansReaction()],
  };
  return { ctx, commits };
}

const daysAgo = (days: number) => datePart(new Date(Date.now() - days * 86_400_000).toISOString());

function child(fullUrl: string, birthDate: string): fhir4.BundleEntry {
  return {
    fullUrl,
    resource: {
      resourceType: 'Patient',
      birthDate,
      managingOrganization: { reference: 'Organization/clinic' },
    } as fhir4.Patient,
    request: { method: 'POST', url: 'Patient' },
  };
}

function newbornVisit(subject: string, date: string): fhir4.BundleEntry {
  const encounter: fhir4.Encounter = {
    resourceType: 'Encounter',
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'HH' },
    type: [{ coding: [{ system: VISIT_TYPE, code: 'NB-3D' }] }],
    subject: { reference: subject },
    period: { start: `${date}T10:00:00+05:00` },
  };
  return { resource: encounter, request: { method: 'POST', url: 'Encounter' } };
}

const written = (resource: fhir4.Resource): ResourceWrite =>
  ({ resource, resourceType: resource.resourceType, id: resource.id ?? '' }) as ResourceWrite;

describe('subjects of committed resources', () => {
  it('names the patient a resource is about, and groups each subject in commit order', () => {
    const childA: fhir4.Patient = { resourceType: 'Patient', id: 'a' };
    const visitA: fhir4.Encounter = {
      resourceType: 'Encounter',
      status: 'finished',
      class: {},
      subject: { reference: 'Patient/a' },
    };
    const episodeB = { resourceType: 'EpisodeOfCare', patient: { reference: 'Patient/b' } } as fhir4.EpisodeOfCare;
    const clinic: fhir4.Organization = { resourceType: 'Organization', id: 'o' };
    expect([childA, visitA, episodeB, clinic].map(subjectOf)).toEqual(['Patient/a', 'Patient/a', 'Patient/b', '']);
    const groups = bySubject([visitA, episodeB, childA, clinic].map(written));
    expect(groups).toEqual([[visitA, childA], [episodeB], [clinic]]);
    const withoutPatients = bySubject([visitA, episodeB, childA].map(written), (r) => r.resourceType !== 'Patient');
    expect(withoutPatients).toEqual([[visitA], [episodeB]]);
  });
});

describe('the plans of a transaction', () => {
  it('are written side by side for different children, in order for one child', async () => {
    const { ctx, commits } = countingContext();
    await handleRequest(
      ctx,
      { method: 'PUT', url: 'Organization/clinic', body: { resourceType: 'Organization', id: 'clinic', name: 'P3' } },
      OPTIONS,
    );
    const born = daysAgo(2);
    const entry = [
      child('urn:uuid:0b8d2f8e-52f4-4e0a-9d0e-000000000001', born),
      child('urn:uuid:0b8d2f8e-52f4-4e0a-9d0e-000000000002', born),
      child('urn:uuid:0b8d2f8e-52f4-4e0a-9d0e-000000000003', born),
      newbornVisit('urn:uuid:0b8d2f8e-52f4-4e0a-9d0e-000000000001', daysAgo(1)),
    ];
    commits.most = 0;
    const result = await processBundle(ctx, { resourceType: 'Bundle', type: 'transaction', entry }, OPTIONS);
    // The transaction's own commit, then three plans at once: sequential reactions would give 1.
    expect(commits.most).toBeGreaterThan(1);
    const locations = result.entry!.map((e) => e.response!.location!.split('/_history')[0]!);
    for (const subject of locations.slice(0, 3)) {
      const plans = await findResources<fhir4.CarePlan>(ctx, 'CarePlan', { subject });
      expect(plans).toHaveLength(1);
      const newborn = plans[0]!.activity![0]!;
      // The first child's visit came after its plan, in the same Bundle, and completed it.
      expect(newborn.detail?.status).toBe(subject === locations[0] ? 'completed' : 'scheduled');
    }
  });
});
