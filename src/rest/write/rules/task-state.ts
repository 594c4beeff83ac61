/**
 * The Task state machine, enforced on every write of a Task (decision 021): a new Task starts in
 * an initial state, a status changes only along the edges below, a final Task does not change,
 * and a Task is completed only with an output that links its result.
 *
 * The spec draws the machine as a picture; where the picture leaves an edge open, the
 * definitions of the task-status codes decide it: `rejected` is the performer declining before
 * any work (so not after work began), `failed` is an attempt that did not succeed (so only once
 * work began), `cancelled` ends any Task that is not final, and `entered-in-error` corrects the
 * record of any Task, final or not.
 * @see https://hl7.org/fhir/R4/task.html#statemachine
 * @see https://hl7.org/fhir/R4/codesystem-task-status.html
 * @module
 */
import { error, type Issue } from '../../../fhir/outcome.js';
import type { ResourceChange } from './write-rules.js';

/** A code of the R4 task-status value set. @see https://hl7.org/fhir/R4/valueset-task-status.html */
export type TaskStatus = fhir4.Task['status'];

/** States a Task may be created in. */
export const TASK_INITIAL_STATES: readonly TaskStatus[] = ['draft', 'requested', 'ready'];

/** States after which a Task does not change (only `entered-in-error` may still correct it). */
export const TASK_FINAL_STATES: readonly TaskStatus[] = [
  'completed',
  'cancelled',
  'failed',
  'rejected',
  'entered-in-error',
];

/**
 * Where each status may go next (besides `entered-in-error`, reachable from every status but
 * itself). A final status has no entry to go to.
 */
export const TASK_TRANSITIONS: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  draft: ['requested', 'ready', 'cancelled'],
  requested: ['received', 'accepted', 'rejected', 'cancelled'],
  received: ['accepted', 'rejected', 'cancelled'],
  accepted: ['in-progress', 'rejected', 'cancelled'],
  ready: ['in-progress', 'cancelled'],
  'in-progress': ['on-hold', 'completed', 'failed', 'cancelled'],
  'on-hold': ['in-progress', 'failed', 'cancelled'],
  completed: [],
  cancelled: [],
  failed: [],
  rejected: [],
  'entered-in-error': [],
};

const KNOWN = new Set<string>(Object.keys(TASK_TRANSITIONS));

/** True when a Task in `from` may next be in `to` (an unchanged non-final status included). */
export function isTaskTransitionAllowed(from: TaskStatus, to: TaskStatus): boolean {
  if (from === to) return !TASK_FINAL_STATES.includes(from);
  if (to === 'entered-in-error') return true;
  return TASK_TRANSITIONS[from].includes(to);
}

/**
 * Checks a Task write against the state machine; issues locate `Task.status` (or `Task.output`).
 * A status outside the value set is the validator's to report, so it is not judged here.
 */
export function checkTaskStatus(change: ResourceChange): Issue[] {
  const next = change.next as fhir4.Task;
  const previous = change.previous as fhir4.Task | undefined;
  if (!KNOWN.has(next.status) || (previous && !KNOWN.has(previous.status))) return [];
  if (!previous) return checkInitial(next.status);
  if (!isTaskTransitionAllowed(previous.status, next.status)) return [forbidden(previous.status, next.status)];
  if (next.status === 'completed' && previous.status !== 'completed' && !next.output?.length)
    return [
      error(
        'business-rule',
        'A Task is completed only with Task.output linking its result (for a referral: what the service did)',
        'Task.output',
      ),
    ];
  return [];
}

function checkInitial(status: TaskStatus): Issue[] {
  if (TASK_INITIAL_STATES.includes(status)) return [];
  const allowed = TASK_INITIAL_STATES.join(', ');
  return [error('business-rule', `A new Task cannot start as ${status}; it starts as ${allowed}`, 'Task.status')];
}

function forbidden(from: TaskStatus, to: TaskStatus): Issue {
  if (from === to)
    return error(
      'business-rule',
      `Task.status is ${from}, a final state: a final Task does not change, not even with the same status`,
      'Task.status',
    );
  const next = [...TASK_TRANSITIONS[from], ...(from === 'entered-in-error' ? [] : ['entered-in-error'])];
  const why = TASK_FINAL_STATES.includes(from)
    ? `${from} is a final state and a final Task does not change`
    : `from ${from} a Task can become ${next.join(', ')}`;
  return error('business-rule', `Task.status cannot change from ${from} to ${to}: ${why}`, 'Task.status');
}
