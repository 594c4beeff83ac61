// The Task state machine (decision 021) on the real Workers entry in workerd with D1, through
// the Worker's own fetch handler: forbidden changes and creates are 422 at Task.status, and of
// twenty concurrent changes from in-progress exactly one wins. Also Task search on D1.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

const BASE = 'http://gateway.test/fhir';
const OWNER = 'Organization/demo-polyclinic';
const OUTPUT = [{ type: { text: 'referral result' }, valueReference: { reference: 'Patient/demo-child' } }];

function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const init: RequestInit = { method, headers: { 'content-type': 'application/fhir+json', ...headers } };
  if (body !== undefined) init.body = JSON.stringify(body);
  return exports.default.fetch(new Request(`${BASE}/${path}`, init));
}

function task(status: fhir4.Task['status'], extra: Partial<fhir4.Task> = {}): fhir4.Task {
  return {
    resourceType: 'Task',
    status,
    intent: 'order',
    for: { reference: 'Patient/demo-child' },
    owner: { reference: OWNER },
    ...extra,
  };
}

/** A stored Task walked through `steps` (the first one creates it). */
async function taskThrough(...steps: fhir4.Task['status'][]): Promise<fhir4.Task> {
  const [first, ...rest] = steps;
  let response = await send('POST', 'Task', task(first!));
  expect(response.status).toBe(201);
  let current = (await response.json()) as fhir4.Task;
  for (const status of rest) {
    const output = status === 'completed' ? { output: OUTPUT } : {};
    response = await send('PUT', `Task/${current.id!}`, { ...current, status, ...output });
    expect(response.status).toBe(200);
    current = (await response.json()) as fhir4.Task;
  }
  return current;
}

async function issueOf(response: Response): Promise<fhir4.OperationOutcomeIssue> {
  const outcome = (await response.json()) as fhir4.OperationOutcome;
  expect(outcome.resourceType).toBe('OperationOutcome');
  return outcome.issue[0]!;
}

async function stored(id: string): Promise<fhir4.Task> {
  return (await (await send('GET', `Task/${id}`)).json()) as fhir4.Task;
}

describe('Task state machine on D1', () => {
  it('refuses leaving a final state, by PUT and by PATCH, with 422 at Task.status', async () => {
    const done = await taskThrough('ready', 'in-progress', 'completed');
    const put = await send('PUT', `Task/${done.id!}`, { ...done, status: 'in-progress' });
    expect(put.status).toBe(422);
    const issue = await issueOf(put);
    expect(issue.expression).toEqual(['Task.status']);
    expect(issue.details!.text).toContain('from completed to in-progress');
    const ops = [{ op: 'replace', path: '/status', value: 'cancelled' }];
    const patch = await send('PATCH', `Task/${done.id!}`, ops, { 'content-type': 'application/json-patch+json' });
    expect(patch.status).toBe(422);
    expect((await stored(done.id!)).meta!.versionId).toBe(done.meta!.versionId);
  });

  it('refuses a jump and a create outside the initial states', async () => {
    const requested = await taskThrough('requested');
    const jump = await send('PUT', `Task/${requested.id!}`, { ...requested, status: 'completed', output: OUTPUT });
    expect(jump.status).toBe(422);
    expect((await issueOf(jump)).details!.text).toContain('from requested to completed');
    const create = await send('POST', 'Task', task('in-progress'));
    expect(create.status).toBe(422);
    expect((await issueOf(create)).expression).toEqual(['Task.status']);
  });

  it('lets exactly one of twenty concurrent changes from in-progress win; the others are 422', async () => {
    const running = await taskThrough('ready', 'in-progress');
    const targets = Array.from({ length: 20 }, (_, i): fhir4.Task['status'] =>
      i % 2 === 0 ? 'completed' : 'cancelled',
    );
    const responses = await Promise.all(
      targets.map((status) => send('PUT', `Task/${running.id!}`, { ...running, status, output: OUTPUT })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 422)).toHaveLength(19);
    const winner = targets[statuses.indexOf(200)];
    expect(await stored(running.id!)).toMatchObject({ status: winner, meta: { versionId: '3' } });
  });

  it('answers 412 to the nineteen losers that sent If-Match', async () => {
    const running = await taskThrough('ready', 'in-progress');
    const ifMatch = { 'If-Match': `W/"${running.meta!.versionId!}"` };
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        send('PUT', `Task/${running.id!}`, { ...running, status: i % 2 ? 'cancelled' : 'failed' }, ifMatch),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array.from({ length: 19 }, () => 412)]);
  });

  it('finds Tasks by owner, status and authored-on', async () => {
    const tag = crypto.randomUUID();
    const identifier = [{ system: 'https://fhir.patronage.kz/sid/test-task', value: tag }];
    const one = await send('POST', 'Task', task('requested', { identifier, authoredOn: '2026-11-29T08:00:00Z' }));
    const id = ((await one.json()) as fhir4.Task).id!;
    const search = async (query: string) => {
      const bundle = (await (await send('GET', `Task?identifier=${tag}&${query}`)).json()) as fhir4.Bundle;
      return (bundle.entry ?? []).map((e) => e.resource!.id);
    };
    expect(await search(`owner=${OWNER}&status=requested`)).toEqual([id]);
    expect(await search('authored-on=2026-11-29&status=requested,ready')).toEqual([id]);
    expect(await search('status=completed')).toEqual([]);
    expect(await search('authored-on=lt2026-11-29')).toEqual([]);
  });
});
