/**
 * End-to-end: the Task state machine (decision 021) on the real Node server, with
 * fhir-kit-client. Every allowed status change succeeds and every forbidden one is a 422 naming
 * `Task.status` and the change, through every write form of the one pipeline (update, both PATCH
 * formats, conditional update, transaction and batch entries); a Task is created only in an
 * initial state; concurrent changes from one state let exactly one win.
 * @see https://hl7.org/fhir/R4/task.html#statemachine
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TASK_TRANSITIONS, type TaskStatus } from '../../src/rest/write/rules/task-state.js';
import { useNodeServer } from './fhir-client.js';
import {
  TASK_ID_SYSTEM,
  WRITE_FORMS,
  answerOf,
  bundleWrite,
  createReferralRefs,
  putEntry,
  referralTask,
  resultOutput,
  writeStatus,
  type ReferralRefs,
  type WriteAnswer,
  TASK_STATUS_PATH,
} from './task-writes.js';

const gateway = useNodeServer({ LOAD_DEMO_DATA: 'false' }, { auditCheck: true });
let refs: ReferralRefs;

beforeAll(async () => {
  refs = await createReferralRefs(gateway.client);
});

const STATUSES = Object.keys(TASK_TRANSITIONS) as TaskStatus[];

/** How to reach each status from a create, by allowed steps (hand-written, not searched). */
const PATH_TO: Record<TaskStatus, TaskStatus[]> = {
  draft: ['draft'],
  requested: ['requested'],
  ready: ['ready'],
  received: ['requested', 'received'],
  accepted: ['requested', 'accepted'],
  rejected: ['requested', 'rejected'],
  cancelled: ['draft', 'cancelled'],
  'in-progress': ['ready', 'in-progress'],
  'on-hold': ['ready', 'in-progress', 'on-hold'],
  failed: ['ready', 'in-progress', 'failed'],
  completed: ['ready', 'in-progress', 'completed'],
  'entered-in-error': ['draft', 'entered-in-error'],
};

/** The allowed changes, spelled out as the decision lists them (same status included). */
const ALLOWED: ReadonlySet<string> = new Set([
  ...['draft>requested', 'draft>ready', 'draft>cancelled'],
  ...['requested>received', 'requested>accepted', 'requested>rejected', 'requested>cancelled'],
  ...['received>accepted', 'received>rejected', 'received>cancelled'],
  ...['accepted>in-progress', 'accepted>rejected', 'accepted>cancelled'],
  ...['ready>in-progress', 'ready>cancelled'],
  ...['in-progress>on-hold', 'in-progress>completed', 'in-progress>failed', 'in-progress>cancelled'],
  ...['on-hold>in-progress', 'on-hold>failed', 'on-hold>cancelled'],
  ...['draft', 'requested', 'received', 'accepted', 'ready', 'in-progress', 'on-hold'].map((s) => `${s}>${s}`),
  ...STATUSES.filter((s) => s !== 'entered-in-error').map((s) => `${s}>entered-in-error`),
]);

/** A stored Task brought to `status` along {@link PATH_TO}. */
async function taskIn(status: TaskStatus): Promise<fhir4.Task> {
  const [first, ...steps] = PATH_TO[status];
  const created = await gateway.client.create({ resourceType: 'Task', body: referralTask(first!, refs) as never });
  let task = created as unknown as fhir4.Task;
  for (const step of steps) {
    const answer = await writeStatus(gateway.client, task, step, 'update', refs);
    expect(answer.status, `${task.status} → ${step} on the way to ${status}`).toBe(200);
    task = answer.task!;
  }
  return task;
}

async function readTask(id: string): Promise<fhir4.Task> {
  return (await gateway.client.read({ resourceType: 'Task', id })) as unknown as fhir4.Task;
}

/** Asserts a 422 whose error names Task.status and the change. */
function expectForbidden(answer: WriteAnswer, from: TaskStatus, to: TaskStatus): void {
  expect(answer.status, `${from} → ${to}`).toBe(422);
  const issue = answer.outcome!.issue.find((i) => i.severity === 'error')!;
  expect(issue.code).toBe('business-rule');
  expect(issue.expression).toContainEqual(TASK_STATUS_PATH);
  expect(issue.details!.text).toContain(from === to ? `is ${from}, a final state` : `from ${from} to ${to}`);
}

describe('allowed status changes', () => {
  const edges = [...ALLOWED].map((edge) => edge.split('>') as [TaskStatus, TaskStatus]);
  for (const [index, [from, to]] of edges.entries()) {
    const form = WRITE_FORMS[index % WRITE_FORMS.length]!;
    it(`${from} → ${to} succeeds (${form})`, async () => {
      const before = await taskIn(from);
      const answer = await writeStatus(gateway.client, before, to, form, refs);
      expect(answer.status, JSON.stringify(answer.outcome)).toBe(200);
      const after = await readTask(before.id!);
      expect(after.status).toBe(to);
      expect(Number(after.meta!.versionId)).toBe(Number(before.meta!.versionId) + 1);
    });
  }

  it('covers every edge of the table and every write form', () => {
    const fromTable = STATUSES.flatMap((s) => TASK_TRANSITIONS[s].map((t) => `${s}>${t}`));
    for (const edge of fromTable) expect(ALLOWED).toContain(edge);
    expect(ALLOWED.size).toBeGreaterThan(WRITE_FORMS.length);
  });
});

describe('forbidden status changes', () => {
  for (const [index, from] of STATUSES.entries()) {
    const targets = STATUSES.filter((to) => !ALLOWED.has(`${from}>${to}`));
    it(`from ${from}: ${targets.join(', ')} are 422 and change nothing`, async () => {
      const before = await taskIn(from);
      for (const [j, to] of targets.entries()) {
        const form = WRITE_FORMS[(index + j) % WRITE_FORMS.length]!;
        expectForbidden(await writeStatus(gateway.client, before, to, form, refs), from, to);
      }
      expect((await readTask(before.id!)).meta!.versionId).toBe(before.meta!.versionId);
    });
  }

  it('locates a forbidden change inside a transaction at its entry and writes none of the Bundle', async () => {
    const [moving, done] = [await taskIn('requested'), await taskIn('completed')];
    const answer = await bundleWrite(
      gateway.client,
      'transaction',
      putEntry({ ...moving, status: 'accepted' }),
      putEntry({ ...done, status: 'in-progress' }),
    );
    expectForbidden(answer, 'completed', 'in-progress');
    expect(answer.outcome!.issue[0]!.expression).toEqual(['Bundle.entry[1].resource.status']);
    expect((await readTask(moving.id!)).status).toBe('requested');
  });

  it('judges each batch entry alone: the allowed change lands, the forbidden one is 422', async () => {
    const [moving, done] = [await taskIn('requested'), await taskIn('failed')];
    const bundle = (await gateway.client.batch({
      body: {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [putEntry({ ...moving, status: 'received' }), putEntry({ ...done, status: 'in-progress' })],
      } as never,
    })) as unknown as fhir4.Bundle;
    expect(bundle.entry!.map((e) => e.response!.status.slice(0, 3))).toEqual(['200', '422']);
    expect((await readTask(moving.id!)).status).toBe('received');
    expect((await readTask(done.id!)).status).toBe('failed');
  });

  it('refuses completing without an output linking the result, at Task.output', async () => {
    const before = await taskIn('in-progress');
    const answer = await answerOf(
      gateway.client.update({
        resourceType: 'Task',
        id: before.id!,
        body: { ...before, status: 'completed' } as never,
      }),
    );
    expect(answer.status).toBe(422);
    expect(answer.outcome!.issue[0]).toMatchObject({ code: 'business-rule', expression: ['Task.output'] });
    expect((await readTask(before.id!)).status).toBe('in-progress');
  });
});

describe('creating a Task', () => {
  const notInitial = STATUSES.filter((s) => !['draft', 'requested', 'ready'].includes(s));
  const CREATE_FORMS = ['create', 'update-as-create', 'conditional-create', 'transaction', 'batch'] as const;

  async function createIn(status: TaskStatus, form: (typeof CREATE_FORMS)[number]): Promise<WriteAnswer> {
    const body = referralTask(status, refs, status === 'completed' ? { output: resultOutput(refs) } : {});
    const id = crypto.randomUUID();
    const ifNoneExist = `identifier=${TASK_ID_SYSTEM}|${body.identifier![0]!.value!}`;
    if (form === 'create') return answerOf(gateway.client.create({ resourceType: 'Task', body: body as never }));
    if (form === 'update-as-create')
      return answerOf(gateway.client.update({ resourceType: 'Task', id, body: { ...body, id } as never }));
    if (form === 'conditional-create')
      return answerOf(
        gateway.client.create({
          resourceType: 'Task',
          body: body as never,
          options: { headers: { 'If-None-Exist': ifNoneExist } },
        }),
      );
    return bundleWrite(gateway.client, form, { resource: body, request: { method: 'POST', url: 'Task' } });
  }

  for (const [index, status] of notInitial.entries()) {
    const form = CREATE_FORMS[index % CREATE_FORMS.length]!;
    it(`refuses a new Task in ${status} with 422 at Task.status (${form})`, async () => {
      const answer = await createIn(status, form);
      expect(answer.status).toBe(422);
      const issue = answer.outcome!.issue[0]!;
      expect(issue.expression).toContainEqual(TASK_STATUS_PATH);
      expect(issue.details!.text).toContain(
        `A new Task cannot start as ${status}; it starts as draft, requested, ready`,
      );
    });
  }

  for (const status of ['draft', 'requested', 'ready'] as const) {
    it(`creates a Task in ${status} through every create form`, async () => {
      for (const form of CREATE_FORMS) {
        const answer = await createIn(status, form);
        expect(answer.status, `${form}: ${JSON.stringify(answer.outcome)}`).toBe(201);
        expect(answer.task!.status).toBe(status);
      }
    });
  }

  it('lets a deleted Task start again only in an initial state', async () => {
    const done = await taskIn('completed');
    await gateway.client.delete({ resourceType: 'Task', id: done.id! });
    const again = { ...done, status: 'in-progress' as const };
    const refused = await answerOf(gateway.client.update({ resourceType: 'Task', id: done.id!, body: again as never }));
    expect(refused.status).toBe(422);
    const restarted = await answerOf(
      gateway.client.update({ resourceType: 'Task', id: done.id!, body: { ...again, status: 'requested' } as never }),
    );
    expect(restarted.status).toBe(201);
  });
});

describe('$validate', () => {
  async function validate(path: string, body: fhir4.Task): Promise<fhir4.OperationOutcomeIssue[]> {
    const headers = { 'Content-Type': 'application/fhir+json' };
    const outcome = await gateway.client.request(path, { method: 'POST', body: body as never, options: { headers } });
    return (outcome as unknown as fhir4.OperationOutcome).issue.filter((i) => i.severity === 'error');
  }

  it('reports the state machine for mode=create and for mode=update against the current version', async () => {
    const created = await validate('Task/$validate?mode=create', referralTask('in-progress', refs));
    expect(created.map((i) => i.expression)).toEqual([['Task.status']]);
    const done = await taskIn('completed');
    const updated = await validate(`Task/${done.id!}/$validate?mode=update`, { ...done, status: 'in-progress' });
    expect(updated[0]!.details!.text).toContain('from completed to in-progress');
    expect(await validate('Task/$validate', referralTask('in-progress', refs))).toEqual([]);
    expect((await readTask(done.id!)).meta!.versionId).toBe(done.meta!.versionId);
  });
});
