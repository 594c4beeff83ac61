import { describe, expect, it } from 'vitest';
import { checkWriteRules } from './write-rules.js';
import type { TaskStatus } from './task-state.js';

const STATUSES: TaskStatus[] = [
  'draft',
  'requested',
  'received',
  'accepted',
  'rejected',
  'ready',
  'cancelled',
  'in-progress',
  'on-hold',
  'failed',
  'completed',
  'entered-in-error',
];

// Written out edge by edge (not derived from the module's table), so a change there must show here.
const ALLOWED = new Set([
  'draft>draft',
  'draft>requested',
  'draft>ready',
  'draft>cancelled',
  'requested>requested',
  'requested>received',
  'requested>accepted',
  'requested>rejected',
  'requested>cancelled',
  'received>received',
  'received>accepted',
  'received>rejected',
  'received>cancelled',
  'accepted>accepted',
  'accepted>in-progress',
  'accepted>rejected',
  'accepted>cancelled',
  'ready>ready',
  'ready>in-progress',
  'ready>cancelled',
  'in-progress>in-progress',
  'in-progress>on-hold',
  'in-progress>completed',
  'in-progress>failed',
  'in-progress>cancelled',
  'on-hold>on-hold',
  'on-hold>in-progress',
  'on-hold>failed',
  'on-hold>cancelled',
  ...STATUSES.filter((s) => s !== 'entered-in-error').map((s) => `${s}>entered-in-error`),
]);

const OUTPUT = [{ type: { text: 'result' }, valueReference: { reference: 'Encounter/visit' } }];

function task(status: TaskStatus, extra: Partial<fhir4.Task> = {}): fhir4.Task {
  return { resourceType: 'Task', status, intent: 'order', ...extra };
}

describe('Task state machine', () => {
  for (const from of STATUSES) {
    for (const to of STATUSES) {
      const allowed = ALLOWED.has(`${from}>${to}`);
      it(`${allowed ? 'allows' : 'refuses'} ${from} → ${to}`, () => {
        const issues = checkWriteRules({ previous: task(from), next: task(to, { output: OUTPUT }) });
        if (allowed) expect(issues).toEqual([]);
        else {
          expect(issues).toHaveLength(1);
          expect(issues[0]).toMatchObject({ severity: 'error', code: 'business-rule', expression: ['Task.status'] });
          expect(issues[0]!.message).toContain(from === to ? `is ${from}, a final state` : `from ${from} to ${to}`);
        }
      });
    }
  }

  it('creates a Task only in draft, requested or ready', () => {
    const startable = STATUSES.filter((s) => checkWriteRules({ next: task(s, { output: OUTPUT }) }).length === 0);
    expect(startable).toEqual(['draft', 'requested', 'ready']);
    expect(checkWriteRules({ next: task('completed') })[0]).toMatchObject({
      expression: ['Task.status'],
      message: 'A new Task cannot start as completed; it starts as draft, requested, ready',
    });
  });

  it('says why a final Task cannot change, and where a live one can go', () => {
    const [final] = checkWriteRules({ previous: task('completed'), next: task('in-progress') });
    expect(final!.message).toBe(
      'Task.status cannot change from completed to in-progress: completed is a final state and a final Task does not change',
    );
    const [live] = checkWriteRules({ previous: task('requested'), next: task('completed') });
    expect(live!.message).toBe(
      'Task.status cannot change from requested to completed: from requested a Task can become received, accepted, rejected, cancelled, entered-in-error',
    );
  });

  it('completes a Task only with an output linking its result', () => {
    const [issue] = checkWriteRules({ previous: task('in-progress'), next: task('completed') });
    expect(issue).toMatchObject({ severity: 'error', code: 'business-rule', expression: ['Task.output'] });
    expect(checkWriteRules({ previous: task('in-progress'), next: task('completed', { output: OUTPUT }) })).toEqual([]);
  });

  it('leaves a status outside the value set to the validator', () => {
    const odd = { ...task('draft'), status: 'finished' } as unknown as fhir4.Task;
    expect(checkWriteRules({ previous: task('completed'), next: odd })).toEqual([]);
    expect(checkWriteRules({ previous: odd, next: task('completed') })).toEqual([]);
  });

  it('has no rules for other resource types', () => {
    const previous: fhir4.Flag = { resourceType: 'Flag', status: 'inactive', code: {}, subject: {} };
    const next: fhir4.Flag = { ...previous, status: 'active' };
    expect(checkWriteRules({ previous, next })).toEqual([]);
  });
});
