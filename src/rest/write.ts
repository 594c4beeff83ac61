/**
 * create, update and delete: each validates, builds a one-write unit of work with the
 * precondition it relies on, and commits it.
 * @see https://hl7.org/fhir/R4/http.html#create
 * @module
 */
import { LOST_RACE_RETRIES } from './lost-race.js';
import { FhirError, conflict, hasErrors, preconditionFailed, type Issue } from '../fhir/outcome.js';
import {
  WriteConflictError,
  type ResourceWrite,
  type SearchGuard,
  type StoredVersion,
  type WriteMethod,
} from '../storage/port.js';
import type { RestContext, RestResult } from './context.js';
import { extractIndexRows } from '../search/extract-index.js';
import { assertIdMatches, assertResourceOfType, withServerMeta } from './resource-body.js';

/** `POST [base]/[type]`: the server assigns the id; any id in the body is ignored. */
export async function createResource(ctx: RestContext, resourceType: string, body: unknown): Promise<RestResult> {
  assertResourceOfType(body, resourceType);
  const target = { resourceType, id: ctx.newId() };
  const write = buildWrite(ctx, target, { resource: body, previous: undefined, method: 'POST' });
  const issues = validateOrThrow(ctx, write.resource!);
  if (!(await tryCommit(ctx, write))) throw conflict(`${resourceType}/${target.id} already exists`);
  return { status: 201, resource: write.resource, version: write, issues };
}

/** Options of {@link updateResource}. */
export interface UpdateOptions {
  /** Version id from `If-Match` (without the `W/"…"` wrapper). */
  ifMatch?: string;
  /** `If-None-Match: *`: only create; 412 when the resource exists. @see https://hl7.org/fhir/R4/http.html#concurrency */
  ifNoneMatch?: boolean;
}

/** `PUT [base]/[type]/[id]`: update, or create with the client's id when none exists. */
export async function updateResource(
  ctx: RestContext,
  target: { resourceType: string; id: string },
  body: unknown,
  options: UpdateOptions = {},
): Promise<RestResult> {
  assertResourceOfType(body, target.resourceType);
  assertIdMatches(body, target.id);
  // Without If-Match the client asked for "last writer wins": re-read and retry a lost race.
  const attempts = options.ifMatch === undefined ? LOST_RACE_RETRIES : 1;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const previous = await ctx.store.readCurrent(target.resourceType, target.id);
    checkIfMatch(previous, options.ifMatch, target);
    if (options.ifNoneMatch && previous && !previous.deleted) {
      throw preconditionFailed(`If-None-Match: * but ${target.resourceType}/${target.id} exists`);
    }
    const write = buildWrite(ctx, target, { resource: body, previous, method: 'PUT' });
    const issues = validateOrThrow(ctx, write.resource!);
    if (await tryCommit(ctx, write)) {
      const created = !previous || previous.deleted;
      return { status: created ? 201 : 200, resource: write.resource, version: write, issues };
    }
  }
  throw raceError(options.ifMatch, target);
}

/** `DELETE [base]/[type]/[id]`: writes a delete marker; deleting nothing is a success. */
export async function deleteResource(
  ctx: RestContext,
  target: { resourceType: string; id: string },
  options: UpdateOptions = {},
): Promise<RestResult> {
  const previous = await ctx.store.readCurrent(target.resourceType, target.id);
  checkIfMatch(previous, options.ifMatch, target);
  if (!previous || previous.deleted) return { status: 204 };
  const write = buildWrite(ctx, target, { resource: undefined, previous, method: 'DELETE' });
  if (!(await tryCommit(ctx, write))) throw raceError(options.ifMatch, target);
  return { status: 204, version: write };
}

function checkIfMatch(
  previous: StoredVersion | undefined,
  ifMatch: string | undefined,
  target: { resourceType: string; id: string },
): void {
  if (ifMatch === undefined) return;
  if (!previous || previous.versionId !== ifMatch) {
    const actual = previous ? `is at version ${previous.versionId}` : 'does not exist';
    throw preconditionFailed(`If-Match expects version ${ifMatch} but ${target.resourceType}/${target.id} ${actual}`);
  }
}

function raceError(ifMatch: string | undefined, target: { resourceType: string; id: string }): FhirError {
  const message = `${target.resourceType}/${target.id} was changed by another request; read it again and retry`;
  return ifMatch === undefined ? conflict(message) : preconditionFailed(message);
}

/** The next version of `target` after `input.previous`, with server meta and index rows. */
export function buildWrite(
  ctx: Pick<RestContext, 'clock'>,
  target: { resourceType: string; id: string },
  input: { resource: fhir4.Resource | undefined; previous: StoredVersion | undefined; method: WriteMethod },
): ResourceWrite {
  const { previous } = input;
  const versionId = String(previous ? Number(previous.versionId) + 1 : 1);
  const lastUpdated = ctx.clock().toISOString();
  const write: ResourceWrite = {
    resourceType: target.resourceType,
    id: target.id,
    versionId,
    lastUpdated,
    method: input.method,
    expect: previous ? { kind: 'version', versionId: previous.versionId } : { kind: 'absent' },
  };
  if (input.resource) {
    write.resource = withServerMeta(input.resource, { id: target.id, versionId, lastUpdated });
    write.index = extractIndexRows(write.resource);
  }
  return write;
}

/** Validates; a resource with errors is a 422 carrying the issues. */
export function validateOrThrow(ctx: RestContext, resource: fhir4.Resource): Issue[] {
  const issues = ctx.validate(resource);
  if (hasErrors(issues)) throw new FhirError(422, issues);
  return issues;
}

/** Commits one write; false when its precondition no longer holds (another request won). */
export async function tryCommit(ctx: RestContext, write: ResourceWrite, guards: SearchGuard[] = []): Promise<boolean> {
  try {
    await ctx.store.commit({ writes: [write], ...(guards.length ? { guards } : {}) });
    return true;
  } catch (error) {
    if (error instanceof WriteConflictError) return false;
    throw error;
  }
}
