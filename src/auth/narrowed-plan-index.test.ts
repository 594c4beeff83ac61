// The open-visit index as a restricted caller gets it: each query carries the compartment's
// subject conditions, and a compartment too large to bind makes the index unusable (the
// worklist then reads the plans) rather than unfiltered.
import { describe, expect, it } from 'vitest';
import type { PlanActivityIndex, PlanActivityScope } from '../storage/plan-activity-index.js';
import { MAX_SUBJECT_REFERENCES } from '../storage/plan-activity-index.js';
import type { PatientFilter } from './compartment.js';
import { narrowedPlanIndex } from './narrowed-plan-index.js';
import type { RequestAccess } from './request-access.js';

/** An index that records the scopes it is asked with. */
function recordingIndex(): PlanActivityIndex & { scopes: PlanActivityScope[] } {
  const scopes: PlanActivityScope[] = [];
  return {
    scopes,
    openVisits: (scope) => (scopes.push(scope), Promise.resolve([])),
    counts: (scope) => (
      scopes.push(scope),
      Promise.resolve({ overdue: 1, due: 0, upcoming: 0, completed: 0, cancelled: 0 })
    ),
    subjectsWithPlans: () => Promise.resolve(new Set<string>()),
  };
}

const accessWith = (filter: PatientFilter) => ({ filter: () => Promise.resolve(filter) }) as unknown as RequestAccess;
const SCOPE: PlanActivityScope = { performer: 'Organization/a', today: 1, from: 1, to: 1 };

describe('narrowedPlanIndex', () => {
  it('adds the polyclinic and the caseload as subject conditions', async () => {
    const inner = recordingIndex();
    const index = narrowedPlanIndex(
      inner,
      accessWith({
        kind: 'linked',
        attachedTo: ['Organization/a', 'PractitionerRole/r'],
        caseload: ['Practitioner/n'],
      }),
    );
    expect(await index.usable!()).toBe(true);
    await index.openVisits(SCOPE, 10);
    await index.counts(SCOPE);
    const expected = [
      { parameter: 'attached-to', references: ['Organization/a', 'PractitionerRole/r'] },
      { parameter: 'general-practitioner', references: ['Practitioner/n'] },
    ];
    expect(inner.scopes).toEqual([
      { ...SCOPE, subjects: expected },
      { ...SCOPE, subjects: expected },
    ]);
  });

  it('is not usable, and answers nothing, for more references than it can bind or for one patient', async () => {
    const many = Array.from({ length: MAX_SUBJECT_REFERENCES + 1 }, (_, i) => `PractitionerRole/r${i}`);
    for (const filter of [
      { kind: 'linked', attachedTo: many },
      { kind: 'patient', id: 'p' },
    ] as PatientFilter[]) {
      const inner = recordingIndex();
      const index = narrowedPlanIndex(inner, accessWith(filter));
      expect(await index.usable!()).toBe(false);
      expect(await index.openVisits(SCOPE, 10)).toEqual([]);
      expect((await index.counts(SCOPE)).overdue).toBe(0);
      expect(inner.scopes).toEqual([]);
    }
  });
});
