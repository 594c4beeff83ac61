import { describe, expect, it } from 'vitest';
import { mergeCarePlan, newCarePlan, scheduledActivity, type PlanContent } from './care-plan.js';

const content = (version: string, windows: [string, string, string][]): PlanContent => ({
  identifier: 'patronage-child-universal/Patient/p1',
  planCanonical: `https://fhir.patronage.kz/PlanDefinition/patronage-child-universal|${version}`,
  subject: 'Patient/p1',
  period: { start: '2025-01-01' },
  activities: windows.map(([code, start, end]) => scheduledActivity({ code, due: start, start, end }, version)),
});

describe('re-applying a newer plan version', () => {
  it('keeps done, attempted and progressive activities and recomputes only untouched ones', () => {
    const old = newCarePlan(
      content('0.1.0', [
        ['NB-3D', '2025-01-01', '2025-01-04'],
        ['U-1M', '2025-01-25', '2025-02-08'],
        ['U-2M', '2025-02-22', '2025-03-08'],
      ]),
    );
    const [nb, u1] = old.activity!;
    nb!.detail!.status = 'completed';
    nb!.outcomeReference = [{ reference: 'Encounter/e1' }];
    u1!.outcomeReference = [{ reference: 'Encounter/e2' }];
    u1!.detail!.statusReason = { coding: [{ code: 'family-absent' }] };
    const prog = scheduledActivity(
      { code: 'PROG', due: '2025-01-10', start: '2025-01-10', end: '2025-01-13' },
      '0.1.0',
    );
    const stored = { ...old, id: 'plan1', activity: [...old.activity!, prog] };

    const merged = mergeCarePlan(
      stored,
      content('0.2.0', [
        ['NB-3D', '2025-01-02', '2025-01-05'],
        ['U-1M', '2025-01-20', '2025-02-10'],
        ['U-2M', '2025-02-20', '2025-03-10'],
        ['U-4M', '2025-04-20', '2025-05-10'],
      ]),
    );

    expect(merged.id).toBe('plan1');
    expect(merged.instantiatesCanonical).toEqual([
      'https://fhir.patronage.kz/PlanDefinition/patronage-child-universal|0.2.0',
    ]);
    const rows = merged.activity!.map((a) => [
      a.detail?.code?.coding?.[0]?.code,
      a.detail?.scheduledPeriod?.start,
      a.detail?.status,
    ]);
    expect(rows).toEqual([
      ['NB-3D', '2025-01-01', 'completed'], // done: kept as it was
      ['U-1M', '2025-01-25', 'scheduled'], // attempted (family absent): kept with its history
      ['U-2M', '2025-02-20', 'scheduled'], // untouched: the new window
      ['U-4M', '2025-04-20', 'scheduled'], // new in the schedule
      ['PROG', '2025-01-10', 'scheduled'], // progressive: kept
    ]);
    expect(merged.activity![1]!.outcomeReference).toEqual([{ reference: 'Encounter/e2' }]);
  });
});
