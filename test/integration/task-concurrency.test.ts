/**
 * End-to-end: concurrent Task status changes on the real Node server, with fhir-kit-client.
 * Twenty clients move one in-progress Task at once, half to completed and half to cancelled:
 * exactly one wins (decision 021). A loser is planned again on the winner's version, which is
 * final, so it answers 422 naming the change it asked for; with `If-Match` it answers 412; a
 * transaction is not retried, so it answers 409 when it lost at commit, 422 when it was planned
 * after the winner. Also: Task search by owner, status and date, and the CapabilityStatement of
 * the types issue 10 adds.
 * @see https://hl7.org/fhir/R4/http.html#concurrency
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TaskStatus } from '../../src/rest/write/rules/task-state.js';
import { useNodeServer } from './fhir-client.js';
import {
  createReferralRefs,
  referralTask,
  writeStatus,
  type ReferralRefs,
  type WriteAnswer,
  type WriteForm,
  TASK_STATUS_PATH,
} from './task-writes.js';

const gateway = useNodeServer({ LOAD_DEMO_DATA: 'false' }, { auditCheck: true });
let refs: ReferralRefs;

beforeAll(async () => {
  refs = await createReferralRefs(gateway.client);
});

const CONTENDERS = 20;

/** A stored in-progress Task (version 2). */
async function inProgressTask(): Promise<fhir4.Task> {
  const created = (await gateway.client.create({
    resourceType: 'Task',
    body: referralTask('ready', refs) as never,
  })) as unknown;
  const answer = await writeStatus(gateway.client, created as fhir4.Task, 'in-progress', 'update', refs);
  expect(answer.status).toBe(200);
  return answer.task!;
}

/** Half the contenders ask for completed, half for cancelled. */
const targetOf = (i: number): TaskStatus => (i % 2 === 0 ? 'completed' : 'cancelled');

/** Runs the contenders at once; returns their answers and the Task's history afterwards. */
async function race(
  task: fhir4.Task,
  form: WriteForm,
  headers: Record<string, string> = {},
): Promise<{ answers: WriteAnswer[]; versions: fhir4.Task[] }> {
  const answers = await Promise.all(
    Array.from({ length: CONTENDERS }, (_, i) => writeStatus(gateway.client, task, targetOf(i), form, refs, headers)),
  );
  const history = (await gateway.client.history({ resourceType: 'Task', id: task.id! })) as unknown as fhir4.Bundle;
  return { answers, versions: history.entry!.map((e) => e.resource as fhir4.Task) };
}

/** Exactly one 200, whose status is the one stored as the only version after the race. */
function expectOneWinner({ answers, versions }: { answers: WriteAnswer[]; versions: fhir4.Task[] }): void {
  const winners = answers.filter((a) => a.status === 200);
  expect(winners).toHaveLength(1);
  expect(versions).toHaveLength(3);
  expect(versions[0]!.status).toBe(winners[0]!.task!.status);
}

describe('concurrent status changes from in-progress', () => {
  for (const form of ['update', 'json-patch', 'fhirpath-patch', 'conditional-update', 'batch'] as const) {
    it(`lets exactly one of ${CONTENDERS} win (${form}); the others are 422 against the final state`, async () => {
      const result = await race(await inProgressTask(), form);
      expectOneWinner(result);
      const final = result.versions[0]!.status;
      for (const [i, answer] of result.answers.entries()) {
        if (answer.status === 200) continue;
        expect(answer.status).toBe(422);
        expect(answer.outcome!.issue[0]!.expression).toContainEqual(TASK_STATUS_PATH);
        const text = answer.outcome!.issue[0]!.details!.text!;
        expect(text).toContain(
          final === targetOf(i) ? `is ${final}, a final state` : `from ${final} to ${targetOf(i)}`,
        );
      }
    });
  }

  it('answers 412 to every loser that sent If-Match', async () => {
    const task = await inProgressTask();
    const result = await race(task, 'update', { 'If-Match': `W/"${task.meta!.versionId!}"` });
    expectOneWinner(result);
    expect(result.answers.filter((a) => a.status === 412)).toHaveLength(CONTENDERS - 1);
  });

  it('answers 409 or 422 to every losing transaction, never a second 200', async () => {
    const result = await race(await inProgressTask(), 'transaction');
    expectOneWinner(result);
    for (const answer of result.answers) expect([200, 409, 422]).toContain(answer.status);
  });
});

describe('Task search by owner, status and date', () => {
  let ids: Record<string, string>;
  let otherOwner: string;

  beforeAll(async () => {
    const owner = await gateway.client.create({
      resourceType: 'Organization',
      body: { resourceType: 'Organization', name: 'Mental-health centre' } as never,
    });
    otherOwner = (owner as fhir4.Resource).id!;
    const make = async (status: TaskStatus, extra: Partial<fhir4.Task>) => {
      const created = await gateway.client.create({
        resourceType: 'Task',
        body: referralTask(status, refs, extra) as never,
      });
      return (created as fhir4.Resource).id!;
    };
    ids = {
      early: await make('requested', { authoredOn: '2026-10-01T10:00:00+05:00', lastModified: '2026-10-02' }),
      late: await make('requested', { authoredOn: '2026-11-20T10:00:00+05:00', lastModified: '2026-11-21' }),
      other: await make('ready', {
        owner: { reference: `Organization/${otherOwner}` },
        authoredOn: '2026-11-25',
        executionPeriod: { start: '2026-11-25', end: '2026-11-26' },
      }),
    };
  });

  async function found(query: string): Promise<string[]> {
    const bundle = (await gateway.client.request(`Task?${query}&_count=100`)) as unknown as fhir4.Bundle;
    return (bundle.entry ?? []).map((e) => e.resource!.id!).filter((id) => Object.values(ids).includes(id));
  }

  it('finds Tasks by owner and status', async () => {
    expect(await found(`owner=Organization/${otherOwner}`)).toEqual([ids.other]);
    expect((await found(`owner=Organization/${refs.owner}&status=requested`)).sort()).toEqual(
      [ids.early, ids.late].sort(),
    );
    expect(await found(`owner=Organization/${refs.owner}&status=ready`)).toEqual([]);
  });

  it('finds Tasks by authored-on, modified and period, and sorts by authored-on', async () => {
    expect(await found('authored-on=ge2026-11-01&authored-on=lt2026-11-24')).toEqual([ids.late]);
    expect(await found('modified=2026-10-02')).toEqual([ids.early]);
    expect(await found('period=ge2026-11-26')).toEqual([ids.other]);
    expect(await found('status=requested,ready&_sort=-authored-on')).toEqual([ids.other, ids.late, ids.early]);
  });

  it('follows a status change in the index', async () => {
    const task = (await gateway.client.read({ resourceType: 'Task', id: ids.early! })) as unknown as fhir4.Task;
    expect((await writeStatus(gateway.client, task, 'received', 'json-patch', refs)).status).toBe(200);
    expect(await found(`status=received&_id=${ids.early!}`)).toEqual([ids.early]);
    expect(await found(`status=requested&_id=${ids.early!}`)).toEqual([]);
  });
});

describe('CapabilityStatement', () => {
  it('lists the types issue 10 adds with their interactions and search parameters', async () => {
    const statement = (await gateway.client.capabilityStatement()) as unknown as fhir4.CapabilityStatement;
    const resources = statement.rest![0]!.resource!;
    const expected: Record<string, string[]> = {
      ServiceRequest: ['category', 'priority', 'requester', 'status', 'subject'],
      Communication: ['based-on', 'recipient', 'sent', 'subject'],
      Consent: ['category', 'patient', 'scope', 'status'],
      Procedure: ['code', 'date', 'subject'],
      Goal: ['lifecycle-status', 'subject'],
      Task: ['owner', 'status', 'authored-on', 'modified', 'period'],
    };
    for (const [type, params] of Object.entries(expected)) {
      const entry = resources.find((r) => r.type === type);
      expect(entry, type).toBeDefined();
      expect(entry!.interaction!.map((i) => i.code)).toEqual(
        expect.arrayContaining(['read', 'vread', 'update', 'patch', 'delete', 'create', 'search-type']),
      );
      expect(entry!.searchParam!.map((p) => p.name)).toEqual(expect.arrayContaining(params));
    }
  });

  it('stores a referral and its Task in one transaction, the Task pointing at the new ServiceRequest', async () => {
    const fullUrl = 'urn:uuid:6f0c7a54-4a4e-4c1b-9d3f-0a6f2d1e9b11';
    const referral: fhir4.ServiceRequest = {
      resourceType: 'ServiceRequest',
      status: 'active',
      intent: 'order',
      subject: { reference: `Patient/${refs.patient}` },
    };
    const task = referralTask('requested', refs, { focus: { reference: fullUrl }, basedOn: [{ reference: fullUrl }] });
    const bundle = (await gateway.client.transaction({
      body: {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          { fullUrl, resource: referral, request: { method: 'POST', url: 'ServiceRequest' } },
          { resource: task, request: { method: 'POST', url: 'Task' } },
        ],
      } as never,
    })) as unknown as fhir4.Bundle;
    expect(bundle.entry!.map((e) => e.response!.status.slice(0, 3))).toEqual(['201', '201']);
    const [stored, storedTask] = bundle.entry!.map((e) => e.resource!) as [fhir4.ServiceRequest, fhir4.Task];
    expect(storedTask.focus!.reference).toBe(`ServiceRequest/${stored.id!}`);
    const byFocus = (await gateway.client.request(
      `Task?focus=ServiceRequest/${stored.id!}`,
    )) as unknown as fhir4.Bundle;
    expect(byFocus.entry!.map((e) => e.resource!.id)).toEqual([storedTask.id]);
  });
});
