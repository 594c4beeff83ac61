/**
 * The open-visit index (`plan_activity`, migration 0008) against one SQL database: it follows the
 * CarePlan writes of the SQL store in the same commit (create, update, delete, a plan that stops
 * being active), the reindex fills it for plans stored without rows, and its queries list, order
 * and count visits as the worklist's rule says, narrowed to a compartment's patients when asked. Run on SQLite and PostgreSQL
 * (src/storage/sql/plan-activity-sql.test.ts) and on D1 in workerd (test/workers). Days are
 * relative to a fixed "today" (day 20000 = 2024-10-04).
 */
import { describe, expect, it } from 'vitest';
import { guardStore } from '../../src/auth/guarded-store.js';
import { anonymousAdmin, type Principal } from '../../src/auth/principal.js';
import { createRequestAccess } from '../../src/auth/request-access.js';
import { createIntegrityCheckedStore } from '../../src/rest/integrity/integrity-guards.js';
import { extractIndexRows } from '../../src/search/extract-index.js';
import type { PlanActivityScope } from '../../src/storage/plan-activity-index.js';
import type { ResourceStore, ResourceWrite } from '../../src/storage/port.js';
import { reindexSqlStore } from '../../src/storage/sql/reindex.js';
import type { SqlDriver } from '../../src/storage/sql/sql-driver.js';

/** A migrated, empty database and the SQL store over it. */
export type OpenedStore = { driver: SqlDriver; store: ResourceStore };

const VISIT = 'https://fhir.patronage.kz/CodeSystem/patronage-visit-type';
const ORG = 'Organization/poly';
const NURSE = 'Practitioner/nurse';
const TODAY = 20000;
const day = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

function activity(code: string, start: number, end: number, status = 'scheduled', performers = [ORG, NURSE]) {
  return {
    detail: {
      code: { coding: [{ system: VISIT, code }] },
      status,
      scheduledPeriod: { start: day(start), end: day(end) },
      performer: performers.map((reference) => ({ reference })),
    },
  } as fhir4.CarePlanActivity;
}

function plan(id: string, subject: string, activities: fhir4.CarePlanActivity[], status = 'active'): fhir4.CarePlan {
  return {
    resourceType: 'CarePlan',
    id,
    status,
    intent: 'plan',
    subject: { reference: subject },
    activity: activities,
  } as fhir4.CarePlan;
}

function write(resource: fhir4.CarePlan, version: number, deleted = false): ResourceWrite {
  return {
    resourceType: 'CarePlan',
    id: resource.id!,
    versionId: String(version),
    lastUpdated: '2024-10-04T00:00:00.000Z',
    method: deleted ? 'DELETE' : version === 1 ? 'POST' : 'PUT',
    ...(deleted ? {} : { resource, index: extractIndexRows(resource) }),
    expect: version === 1 ? { kind: 'absent' } : { kind: 'version', versionId: String(version - 1) },
  };
}

const scope = (performer = ORG, from = TODAY, to = TODAY) => ({ performer, today: TODAY, from, to });

/** A Patient with its search index rows, attached as `attachment` says. */
function patientWrite(id: string, attachment: Partial<fhir4.Patient>): ResourceWrite {
  const resource: fhir4.Patient = { resourceType: 'Patient', id, ...attachment };
  return {
    resourceType: 'Patient',
    id,
    versionId: '1',
    lastUpdated: '2024-10-04T00:00:00.000Z',
    method: 'PUT',
    resource,
    index: extractIndexRows(resource),
    expect: { kind: 'absent' },
  };
}

/** The cases, on stores that `openStore` makes. */
export function describePlanActivityIndex(name: string, openStore: () => Promise<OpenedStore>): void {
  describe(`plan_activity on ${name}`, () => {
    it('lists overdue visits by days overdue, then due visits by days left, progressive ones higher, with counts', async () => {
      const { store } = await openStore();
      const index = store.planActivities!;
      await store.commit({
        writes: [
          write(
            plan('a', 'Patient/a', [
              activity('NB-3D', TODAY - 40, TODAY - 37), // 37 days overdue: 237
              activity('M1', TODAY - 2, TODAY + 5), // due, 5 days left: 95
              activity('M3', TODAY + 30, TODAY + 40), // upcoming
              activity('M6', TODAY - 100, TODAY - 90, 'completed'),
            ]),
            1,
          ),
          write(
            plan('b', 'Patient/b', [
              activity('NB-3D', TODAY - 5, TODAY - 2), // 2 days overdue: 202
              activity('PROG', TODAY, TODAY + 1), // due progressive, 1 day left: 149
              activity('M1', TODAY - 500, TODAY - 400), // 400 days overdue, capped at 365: 565
              activity('M2', TODAY - 20, TODAY - 10, 'cancelled'),
              activity('PROG', TODAY - 10, TODAY - 3), // progressive, 3 days overdue: 253
              activity('M3', TODAY - 800, TODAY - 700), // 700 days overdue, capped: 565, closed before M1
            ]),
            1,
          ),
        ],
      });
      const visits = await index.openVisits(scope(), 10);
      expect(visits.map((v) => [v.carePlanId, v.visitType, v.state, v.urgency, v.daysOverdue])).toEqual([
        ['b', 'M3', 'overdue', 565, 700],
        ['b', 'M1', 'overdue', 565, 400],
        ['b', 'PROG', 'overdue', 253, 3],
        ['a', 'NB-3D', 'overdue', 237, 37],
        ['b', 'NB-3D', 'overdue', 202, 2],
        ['b', 'PROG', 'due', 149, undefined],
        ['a', 'M1', 'due', 95, undefined],
      ]);
      expect((await index.openVisits(scope(), 2)).map((v) => v.visitType)).toEqual(['M3', 'M1']);
      expect(await index.counts(scope())).toEqual({ overdue: 5, due: 2, upcoming: 1, completed: 1, cancelled: 1 });
      // A wider range makes the upcoming visit due.
      expect((await index.counts(scope(ORG, TODAY, TODAY + 30))).due).toBe(3);
      expect(await index.subjectsWithPlans(NURSE, ['Patient/a', 'Patient/x'])).toEqual(new Set(['Patient/a']));
    });

    it('replaces a plan’s rows on update, and drops them when the plan is deleted or no longer active', async () => {
      const { store } = await openStore();
      const index = store.planActivities!;
      const first = plan('a', 'Patient/a', [activity('NB-3D', TODAY - 3, TODAY)]);
      await store.commit({ writes: [write(first, 1)] });
      expect((await index.counts(scope())).due).toBe(1);
      await store.commit({
        writes: [write(plan('a', 'Patient/a', [activity('NB-3D', TODAY - 3, TODAY, 'completed')]), 2)],
      });
      expect(await index.counts(scope())).toMatchObject({ due: 0, completed: 1 });
      await store.commit({ writes: [write(plan('a', 'Patient/a', [activity('M1', TODAY, TODAY)], 'completed'), 3)] });
      expect(await index.counts(scope())).toMatchObject({ due: 0, completed: 0 });
      await store.commit({ writes: [write(plan('a', 'Patient/a', [activity('M1', TODAY, TODAY)]), 4)] });
      expect((await index.counts(scope())).due).toBe(1);
      await store.commit({ writes: [write(first, 5, true)] });
      expect(await index.openVisits(scope(), 10)).toEqual([]);
      // A unit that writes one plan twice keeps the rows of the later version.
      const twice = plan('t', 'Patient/t', [activity('M1', TODAY, TODAY)]);
      await store.commit({ writes: [write(twice, 1), { ...write(plan('t', 'Patient/t', []), 2) }] });
      expect(await index.subjectsWithPlans(ORG, ['Patient/t'])).toEqual(new Set());
    });

    it('is kept by the integrity-checking store the REST pipeline writes through', async () => {
      const { store } = await openStore();
      const settings = { referencesOnWrite: true, referencesOnDelete: true, uniqueIdentifiers: new Map() };
      expect(createIntegrityCheckedStore(store, settings).planActivities).toBe(store.planActivities);
    });

    it('is kept by the guarded store for a caller who sees every patient, and narrowed for one who does not', async () => {
      const { store } = await openStore();
      const unrestricted = anonymousAdmin();
      const polyclinic: Principal = { ...unrestricted, compartment: { kind: 'polyclinic', organization: 'poly' } };
      expect(guardStore(store, createRequestAccess(unrestricted, store, false)).planActivities).toBe(
        store.planActivities,
      );
      const narrowed = guardStore(store, createRequestAccess(polyclinic, store, false)).planActivities;
      expect(narrowed).toBeDefined();
      expect(narrowed).not.toBe(store.planActivities);
    });

    it('narrowed to a compartment, lists and counts only the visits of its patients', async () => {
      const { store } = await openStore();
      // Patients attached to `poly` by managingOrganization, by a generalPractitioner role of it,
      // and not at all (`poly-2`); a nurse's caseload is her Practitioner and her roles.
      await store.commit({
        writes: [
          patientWrite('a', { managingOrganization: { reference: ORG } }),
          patientWrite('r', { generalPractitioner: [{ reference: 'PractitionerRole/role-1' }] }),
          patientWrite('n', { managingOrganization: { reference: ORG }, generalPractitioner: [{ reference: NURSE }] }),
          patientWrite('x', { managingOrganization: { reference: 'Organization/poly-2' } }),
          // Every plan names `poly` as performer, whatever the patient's attachment.
          ...['a', 'r', 'n', 'x'].map((id) =>
            write(
              plan(`plan-${id}`, `Patient/${id}`, [activity('M1', TODAY - 3, TODAY - 1), activity('M3', TODAY, TODAY)]),
              1,
            ),
          ),
        ],
      });
      const index = store.planActivities!;
      const subjectsOf = async (subjects: PlanActivityScope['subjects']) =>
        [...new Set((await index.openVisits({ ...scope(), subjects }, 50)).map((v) => v.subject))].sort();
      expect(await subjectsOf(undefined)).toEqual(['Patient/a', 'Patient/n', 'Patient/r', 'Patient/x']);
      const polyclinic = [{ parameter: 'attached-to', references: [ORG, 'PractitionerRole/role-1'] }];
      expect(await subjectsOf(polyclinic)).toEqual(['Patient/a', 'Patient/n', 'Patient/r']);
      expect(await index.counts({ ...scope(), subjects: polyclinic })).toEqual({
        overdue: 3,
        due: 3,
        upcoming: 0,
        completed: 0,
        cancelled: 0,
      });
      const caseload = [...polyclinic, { parameter: 'general-practitioner', references: [NURSE] }];
      expect(await subjectsOf(caseload)).toEqual(['Patient/n']);
      expect((await index.counts({ ...scope(), subjects: caseload })).overdue).toBe(1);
      // A compartment that names nobody admits nobody.
      expect(await subjectsOf([{ parameter: 'attached-to', references: [] }])).toEqual([]);
      expect((await index.counts({ ...scope(), subjects: [{ parameter: 'attached-to', references: [] }] })).due).toBe(
        0,
      );
    });

    it('is filled by the reindex for plans stored before it existed', async () => {
      const { driver, store } = await openStore();
      await store.commit({ writes: [write(plan('a', 'Patient/a', [activity('M1', TODAY, TODAY)]), 1)] });
      await driver.batch([{ sql: 'DELETE FROM plan_activity', params: [] }]);
      expect((await store.planActivities!.counts(scope())).due).toBe(0);
      await reindexSqlStore(driver, extractIndexRows);
      expect((await store.planActivities!.counts(scope())).due).toBe(1);
    });
  });
}
