/**
 * Driving Task status changes over HTTP with fhir-kit-client, through every write form of the
 * one pipeline: update, JSON Patch, FHIRPath Patch, conditional update, and a PUT entry of a
 * transaction or a batch. Each form answers a status and, on failure, the OperationOutcome.
 */
import { expect } from 'vitest';
import type { Client } from 'fhir-kit-client';
import type { TaskStatus } from '../../src/rest/write/rules/task-state.js';
import { responseOf } from './fhir-client.js';

/** `Task.status`, or inside a Bundle one full path to the entry's status (issue 9). */
export const TASK_STATUS_PATH = expect.stringMatching(/^(Task|Bundle\.entry\[\d+\]\.resource)\.status$/);

/** Identifier system of the test Tasks, for the conditional forms. */
export const TASK_ID_SYSTEM = 'https://fhir.patronage.kz/sid/test-task';

/** The write forms a status change can take. */
export const WRITE_FORMS = [
  'update',
  'json-patch',
  'fhirpath-patch',
  'conditional-update',
  'transaction',
  'batch',
] as const;
export type WriteForm = (typeof WRITE_FORMS)[number];

/** What the server answered: the status, and the outcome or the stored Task. */
export interface WriteAnswer {
  status: number;
  outcome?: fhir4.OperationOutcome;
  task?: fhir4.Task;
}

/** Resources a referral Task refers to (they must exist: referential integrity is on). */
export interface ReferralRefs {
  patient: string;
  owner: string;
  referral: string;
  result: string;
}

/** The output a completed Task carries: the Communication that reports the referral's result. */
export function resultOutput(refs: ReferralRefs): fhir4.TaskOutput[] {
  return [{ type: { text: 'referral result' }, valueReference: { reference: `Communication/${refs.result}` } }];
}

/** A referral Task in `status`, with its own identifier. */
export function referralTask(status: TaskStatus, refs: ReferralRefs, extra: Partial<fhir4.Task> = {}): fhir4.Task {
  return {
    resourceType: 'Task',
    identifier: [{ system: TASK_ID_SYSTEM, value: crypto.randomUUID() }],
    status,
    intent: 'order',
    code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] },
    focus: { reference: `ServiceRequest/${refs.referral}` },
    basedOn: [{ reference: `ServiceRequest/${refs.referral}` }],
    for: { reference: `Patient/${refs.patient}` },
    owner: { reference: `Organization/${refs.owner}` },
    authoredOn: '2026-11-30T09:00:00+05:00',
    ...extra,
  };
}

/** Creates the Patient, owner Organization, referral ServiceRequest and result Communication. */
export async function createReferralRefs(client: Client): Promise<ReferralRefs> {
  const id = async (body: fhir4.FhirResource) =>
    ((await client.create({ resourceType: body.resourceType, body: body as never })) as fhir4.Resource).id!;
  const patient = await id({ resourceType: 'Patient', gender: 'female', birthDate: '2026-09-01' });
  const owner = await id({ resourceType: 'Organization', name: 'Social protection department' });
  const referral = await id({
    resourceType: 'ServiceRequest',
    status: 'active',
    intent: 'order',
    priority: 'stat',
    category: [{ coding: [{ system: 'http://snomed.info/sct', code: '3457005', display: 'Patient referral' }] }],
    subject: { reference: `Patient/${patient}` },
    performer: [{ reference: `Organization/${owner}` }],
  } as fhir4.ServiceRequest);
  const result = await id({
    resourceType: 'Communication',
    status: 'completed',
    subject: { reference: `Patient/${patient}` },
    basedOn: [{ reference: `ServiceRequest/${referral}` }],
    payload: [{ contentString: 'The family was visited by the social worker.' }],
  } as fhir4.Communication);
  return { patient, owner, referral, result };
}

/** The status of a fhir-kit-client call, and its body (resource or OperationOutcome). */
export async function answerOf(call: Promise<unknown>): Promise<WriteAnswer> {
  try {
    const result = await call;
    return { status: responseOf(result).status, task: result as fhir4.Task };
  } catch (thrown) {
    const { response } = thrown as { response?: { status: number; data: unknown } };
    if (!response) throw thrown;
    return { status: response.status, outcome: response.data as fhir4.OperationOutcome };
  }
}

/** Sets `current` (a stored Task) to status `to` through `form`; a completed Task gets its output. */
export function writeStatus(
  client: Client,
  current: fhir4.Task,
  to: TaskStatus,
  form: WriteForm,
  refs: ReferralRefs,
  headers: Record<string, string> = {},
): Promise<WriteAnswer> {
  const output = to === 'completed' ? resultOutput(refs) : current.output;
  const next: fhir4.Task = { ...current, status: to, ...(output ? { output } : {}) };
  const options = { headers };
  const path = `Task/${current.id!}`;
  switch (form) {
    case 'update':
      return answerOf(client.update({ resourceType: 'Task', id: current.id!, body: next as never, options }));
    case 'json-patch': {
      const jsonPatch: { op: 'replace' | 'add'; path: string; value: unknown }[] = [
        { op: 'replace', path: '/status', value: to },
      ];
      if (to === 'completed') jsonPatch.push({ op: 'add', path: '/output', value: output });
      return answerOf(client.patch({ resourceType: 'Task', id: current.id!, jsonPatch, options }));
    }
    case 'fhirpath-patch':
      return answerOf(
        client.request(path, {
          method: 'PATCH',
          body: fhirPathPatch(to, refs) as never,
          options: { headers: { ...headers, 'Content-Type': 'application/fhir+json' } },
        }),
      );
    case 'conditional-update': {
      const searchParams = { identifier: `${TASK_ID_SYSTEM}|${current.identifier![0]!.value!}` };
      return answerOf(client.update({ resourceType: 'Task', searchParams, body: next as never, options }));
    }
    case 'transaction':
    case 'batch':
      return bundleWrite(client, form, putEntry(next));
  }
}

/** A Bundle entry that PUTs `task` at its id. */
export function putEntry(task: fhir4.Task): fhir4.BundleEntry {
  return { resource: task as fhir4.Resource, request: { method: 'PUT', url: `Task/${task.id!}` } };
}

/** FHIRPath Patch: replace Task.status, and add the output when completing. */
function fhirPathPatch(to: TaskStatus, refs: ReferralRefs): fhir4.Parameters {
  const operation = (...part: fhir4.ParametersParameter[]) => ({ name: 'operation', part });
  const parameter = [
    operation(
      { name: 'type', valueCode: 'replace' },
      { name: 'path', valueString: 'Task.status' },
      { name: 'value', valueCode: to },
    ),
  ];
  if (to === 'completed') {
    const [output] = resultOutput(refs);
    parameter.push(
      operation(
        { name: 'type', valueCode: 'add' },
        { name: 'path', valueString: 'Task' },
        { name: 'name', valueString: 'output' },
        {
          name: 'value',
          part: [
            { name: 'type', valueCodeableConcept: output!.type },
            { name: 'valueReference', valueReference: output!.valueReference! },
          ],
        },
      ),
    );
  }
  return { resourceType: 'Parameters', parameter };
}

/**
 * Posts a Bundle of one entry. A transaction answers as a whole (its OperationOutcome on
 * failure); a batch answers 200 with the entry's own status, outcome or resource.
 */
export async function bundleWrite(
  client: Client,
  type: 'transaction' | 'batch',
  ...entry: fhir4.BundleEntry[]
): Promise<WriteAnswer> {
  const body = { resourceType: 'Bundle', type, entry } as never;
  const send = type === 'transaction' ? client.transaction.bind(client) : client.batch.bind(client);
  const answer = await answerOf(send({ body }));
  if (answer.status !== 200) return answer;
  const bundle = answer.task as unknown as fhir4.Bundle;
  const first = bundle.entry![0]!;
  const status = Number(first.response!.status.slice(0, 3));
  if (status >= 400) return { status, outcome: first.response!.outcome as fhir4.OperationOutcome };
  return { status, task: first.resource as fhir4.Task };
}
