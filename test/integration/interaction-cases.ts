/**
 * One table of preconditions, Prefer and conditional cases, each run over HTTP and as the one
 * entry of a transaction and of a batch (interaction-cases.test.ts): the three must answer with
 * the same status, the same issue codes, the same body choice and leave the same stored state,
 * and that answer is the one written here, from the spec.
 * @see https://hl7.org/fhir/R4/http.html#concurrency
 * @see https://hl7.org/fhir/R4/http.html#ccreate
 * @see https://hl7.org/fhir/R4/http.html#cond-update
 * @see https://hl7.org/fhir/R4/http.html#cdelete
 */

/** The identifier system that ties the resources of one run together. */
export const CASE_SYSTEM = 'http://example.org/fhir/sid/interaction-case';

/** One JSON Patch operation. */
export interface PatchOperation {
  op: string;
  path: string;
  value?: unknown;
}

/** A request below the base, with the headers a Bundle entry's `request` can carry too. */
export interface CaseRequest {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  ifMatch?: string;
  ifNoneMatch?: string;
  ifNoneExist?: string;
  body?: fhir4.Patient;
  /** The JSON Patch of a PATCH (a Bundle entry carries it as a Binary). */
  patch?: PatchOperation[];
}

/** What every transport must answer. */
export interface CaseExpectation {
  status: number;
  /** Issue codes of the error OperationOutcome (sorted), for a failure. */
  codes?: string[];
  /** Whether the answer carries the resource (HTTP body, or `entry.resource`). */
  returnsResource?: boolean;
}

/** One case; `tag` keeps each run's resources apart (ids `${tag}-a`, identifier value `tag`). */
export interface InteractionCase {
  name: string;
  /** Patients stored before the request (each with an id, stored by PUT at version 1). */
  seed: (tag: string) => fhir4.Patient[];
  request: (tag: string) => CaseRequest;
  /** The `Prefer` header (over HTTP on the request, in a Bundle on the Bundle's POST). */
  prefer?: string;
  expected: CaseExpectation;
}

/** A Patient of run `tag`; `suffix` names it (`${tag}-${suffix}`), absent for a server-assigned id. */
export function patient(tag: string, suffix?: string, extra: Partial<fhir4.Patient> = {}): fhir4.Patient {
  return {
    resourceType: 'Patient',
    ...(suffix ? { id: `${tag}-${suffix}` } : {}),
    identifier: [{ system: CASE_SYSTEM, value: tag }],
    ...extra,
  };
}

const one = (tag: string) => [patient(tag, 'a', { gender: 'female' })];
const two = (tag: string) => [patient(tag, 'a', { gender: 'female' }), patient(tag, 'b', { gender: 'female' })];
const none = () => [];
const criteria = (tag: string) => `identifier=${encodeURIComponent(`${CASE_SYSTEM}|${tag}`)}`;
const male = (tag: string, suffix?: string) => patient(tag, suffix, { gender: 'male' });
const toMale: PatchOperation[] = [{ op: 'replace', path: '/gender', value: 'male' }];

/** If-Match on update, patch, delete and create. */
const IF_MATCH: InteractionCase[] = [
  {
    name: 'PUT with If-Match at the current version updates (versioned update)',
    seed: one,
    request: (t) => ({ method: 'PUT', url: `Patient/${t}-a`, ifMatch: 'W/"1"', body: male(t, 'a') }),
    expected: { status: 200, returnsResource: true },
  },
  {
    name: 'PUT with a stale If-Match is 412',
    seed: one,
    request: (t) => ({ method: 'PUT', url: `Patient/${t}-a`, ifMatch: 'W/"7"', body: male(t, 'a') }),
    expected: { status: 412, codes: ['conflict'] },
  },
  {
    name: 'PUT with a malformed If-Match is 400',
    seed: one,
    request: (t) => ({ method: 'PUT', url: `Patient/${t}-a`, ifMatch: 'W/"1', body: male(t, 'a') }),
    expected: { status: 400, codes: ['invalid'] },
  },
  {
    name: 'PUT with If-Match on a resource that does not exist is 412',
    seed: none,
    request: (t) => ({ method: 'PUT', url: `Patient/${t}-a`, ifMatch: 'W/"1"', body: male(t, 'a') }),
    expected: { status: 412, codes: ['conflict'] },
  },
  {
    name: 'POST with If-Match is 400: a create has no version to match',
    seed: none,
    request: (t) => ({ method: 'POST', url: 'Patient', ifMatch: 'W/"1"', body: male(t) }),
    expected: { status: 400, codes: ['invalid'] },
  },
  {
    name: 'PATCH with If-Match at the current version patches',
    seed: one,
    request: (t) => ({ method: 'PATCH', url: `Patient/${t}-a`, ifMatch: 'W/"1"', patch: toMale }),
    expected: { status: 200, returnsResource: true },
  },
  {
    name: 'PATCH with a stale If-Match is 412',
    seed: one,
    request: (t) => ({ method: 'PATCH', url: `Patient/${t}-a`, ifMatch: 'W/"2"', patch: toMale }),
    expected: { status: 412, codes: ['conflict'] },
  },
  {
    name: 'DELETE with a stale If-Match is 412',
    seed: one,
    request: (t) => ({ method: 'DELETE', url: `Patient/${t}-a`, ifMatch: 'W/"3"' }),
    expected: { status: 412, codes: ['conflict'] },
  },
  {
    name: 'DELETE with If-Match at the current version deletes',
    seed: one,
    request: (t) => ({ method: 'DELETE', url: `Patient/${t}-a`, ifMatch: 'W/"1"' }),
    expected: { status: 204, returnsResource: false },
  },
];

/** If-None-Match on update, and unversioned PUT. */
const IF_NONE_MATCH: InteractionCase[] = [
  {
    name: 'PUT with If-None-Match: * on an existing resource is 412',
    seed: one,
    request: (t) => ({ method: 'PUT', url: `Patient/${t}-a`, ifNoneMatch: '*', body: male(t, 'a') }),
    expected: { status: 412, codes: ['conflict'] },
  },
  {
    name: 'PUT with If-None-Match: * on an absent id creates it',
    seed: none,
    request: (t) => ({ method: 'PUT', url: `Patient/${t}-a`, ifNoneMatch: '*', body: male(t, 'a') }),
    expected: { status: 201, returnsResource: true },
  },
  {
    name: 'PUT with an If-None-Match other than * is 400',
    seed: one,
    request: (t) => ({ method: 'PUT', url: `Patient/${t}-a`, ifNoneMatch: 'W/"1"', body: male(t, 'a') }),
    expected: { status: 400, codes: ['invalid'] },
  },
  {
    name: 'PUT without If-Match updates the current version (unversioned update)',
    seed: one,
    request: (t) => ({ method: 'PUT', url: `Patient/${t}-a`, body: male(t, 'a') }),
    expected: { status: 200, returnsResource: true },
  },
  {
    name: 'PUT without If-Match on an absent id creates it',
    seed: none,
    request: (t) => ({ method: 'PUT', url: `Patient/${t}-a`, body: male(t, 'a') }),
    expected: { status: 201, returnsResource: true },
  },
];

/** Conditional create. */
const IF_NONE_EXIST: InteractionCase[] = [
  {
    name: 'If-None-Exist matching nothing creates',
    seed: none,
    request: (t) => ({ method: 'POST', url: 'Patient', ifNoneExist: criteria(t), body: male(t) }),
    expected: { status: 201, returnsResource: true },
  },
  {
    name: 'If-None-Exist matching one answers 200 with it and writes nothing',
    seed: one,
    request: (t) => ({ method: 'POST', url: 'Patient', ifNoneExist: criteria(t), body: male(t) }),
    expected: { status: 200, returnsResource: true },
  },
  {
    name: 'If-None-Exist matching two is 412',
    seed: two,
    request: (t) => ({ method: 'POST', url: 'Patient', ifNoneExist: criteria(t), body: male(t) }),
    expected: { status: 412, codes: ['conflict'] },
  },
  {
    name: 'If-None-Exist with an unknown parameter is 400',
    seed: none,
    request: (t) => ({ method: 'POST', url: 'Patient', ifNoneExist: 'shoe-size=44', body: male(t) }),
    expected: { status: 400, codes: ['not-supported'] },
  },
];

/** Prefer: return. */
const PREFER: InteractionCase[] = [
  {
    name: 'Prefer: return=minimal answers a create without the resource',
    seed: none,
    prefer: 'return=minimal',
    request: (t) => ({ method: 'POST', url: 'Patient', body: male(t) }),
    expected: { status: 201, returnsResource: false },
  },
  {
    name: 'Prefer: return=representation answers a create with the resource',
    seed: none,
    prefer: 'return=representation',
    request: (t) => ({ method: 'POST', url: 'Patient', body: male(t) }),
    expected: { status: 201, returnsResource: true },
  },
  {
    name: 'Prefer: return=OperationOutcome answers an update with an outcome instead of the resource',
    seed: one,
    prefer: 'return=OperationOutcome',
    request: (t) => ({ method: 'PUT', url: `Patient/${t}-a`, body: male(t, 'a') }),
    expected: { status: 200, returnsResource: false },
  },
];

/** Conditional update, delete and patch with none, one and two matches. */
const CONDITIONAL: InteractionCase[] = [
  {
    name: 'conditional update matching nothing creates',
    seed: none,
    request: (t) => ({ method: 'PUT', url: `Patient?${criteria(t)}`, body: male(t) }),
    expected: { status: 201, returnsResource: true },
  },
  {
    name: 'conditional update matching one updates it',
    seed: one,
    request: (t) => ({ method: 'PUT', url: `Patient?${criteria(t)}`, body: male(t) }),
    expected: { status: 200, returnsResource: true },
  },
  {
    name: 'conditional update matching two is 412',
    seed: two,
    request: (t) => ({ method: 'PUT', url: `Patient?${criteria(t)}`, body: male(t) }),
    expected: { status: 412, codes: ['conflict'] },
  },
  {
    name: 'conditional update whose body id differs from the match is 400',
    seed: one,
    request: (t) => ({ method: 'PUT', url: `Patient?${criteria(t)}`, body: male(t, 'other') }),
    expected: { status: 400, codes: ['invalid'] },
  },
  {
    name: 'conditional update matching nothing, onto an existing id that does not match, is 409',
    seed: (t) => [{ resourceType: 'Patient', id: `${t}-a`, gender: 'female' }],
    request: (t) => ({ method: 'PUT', url: `Patient?${criteria(t)}`, body: male(t, 'a') }),
    expected: { status: 409, codes: ['conflict'] },
  },
  {
    name: 'conditional delete matching nothing succeeds',
    seed: none,
    request: (t) => ({ method: 'DELETE', url: `Patient?${criteria(t)}` }),
    expected: { status: 204, returnsResource: false },
  },
  {
    name: 'conditional delete matching one deletes it',
    seed: one,
    request: (t) => ({ method: 'DELETE', url: `Patient?${criteria(t)}` }),
    expected: { status: 204, returnsResource: false },
  },
  {
    name: 'conditional delete matching two is 412',
    seed: two,
    request: (t) => ({ method: 'DELETE', url: `Patient?${criteria(t)}` }),
    expected: { status: 412, codes: ['conflict'] },
  },
  {
    name: 'conditional patch matching nothing is 404',
    seed: none,
    request: (t) => ({ method: 'PATCH', url: `Patient?${criteria(t)}`, patch: toMale }),
    expected: { status: 404, codes: ['not-found'] },
  },
  {
    name: 'conditional patch matching one patches it',
    seed: one,
    request: (t) => ({ method: 'PATCH', url: `Patient?${criteria(t)}`, patch: toMale }),
    expected: { status: 200, returnsResource: true },
  },
  {
    name: 'conditional patch matching two is 412',
    seed: two,
    request: (t) => ({ method: 'PATCH', url: `Patient?${criteria(t)}`, patch: toMale }),
    expected: { status: 412, codes: ['conflict'] },
  },
];

/** Every case. */
export const INTERACTION_CASES: readonly InteractionCase[] = [
  ...IF_MATCH,
  ...IF_NONE_MATCH,
  ...IF_NONE_EXIST,
  ...PREFER,
  ...CONDITIONAL,
];
