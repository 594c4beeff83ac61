/**
 * Conditional create, update and delete: the target is found by a search. The "no match"
 * precondition is a {@link SearchGuard} committed with the write, so concurrent conditional
 * creates of the same identifier produce one resource even on D1 (no interactive transactions).
 * @see https://hl7.org/fhir/R4/http.html#ccreate
 * @see https://hl7.org/fhir/R4/http.html#cond-update
 * @see https://hl7.org/fhir/R4/http.html#cdelete
 * @module
 */
import { LOST_RACE_RETRIES } from './lost-race.js';
import { badRequest, conflict, preconditionFailed } from '../fhir/outcome.js';
import { parseSearch } from '../search/parse-search.js';
import type { Condition } from '../search/search-request.js';
import type { StoredVersion } from '../storage/port.js';
import type { RestContext, RestResult } from './context.js';
import { assertResourceOfType } from './resource-body.js';
import { buildWrite, deleteResource, tryCommit, validateOrThrow, type UpdateOptions } from './write.js';

/** Parses conditional criteria strictly: an unknown parameter would widen the match, so it is a 400. */
export function parseCriteria(ctx: RestContext, resourceType: string, query: string, location: string): Condition[] {
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const parsed = parseSearch(resourceType, params, { strict: true, now: ctx.clock().getTime() });
  if (parsed.conditions.length === 0) throw badRequest(`${location} has no search criteria`, location);
  return parsed.conditions;
}

/** Up to two current matches (enough to tell none, one and several apart). */
export async function findMatches(
  ctx: RestContext,
  resourceType: string,
  conditions: Condition[],
): Promise<StoredVersion[]> {
  const page = await ctx.store.search({ resourceType, conditions, sort: [], count: 2, total: false });
  return page.resources;
}

/** `POST [base]/[type]` with `If-None-Exist`: 201 when none matches, 200 with the match, 412 for several. */
export async function conditionalCreate(
  ctx: RestContext,
  resourceType: string,
  body: unknown,
  ifNoneExist: string,
): Promise<RestResult> {
  assertResourceOfType(body, resourceType);
  const conditions = parseCriteria(ctx, resourceType, ifNoneExist, 'If-None-Exist');
  for (let attempt = 0; attempt < LOST_RACE_RETRIES; attempt++) {
    const matches = await findMatches(ctx, resourceType, conditions);
    if (matches.length > 1)
      throw preconditionFailed(`If-None-Exist '${ifNoneExist}' matches several ${resourceType} resources`);
    const [match] = matches;
    if (match) return { status: 200, resource: match.resource!, version: match };
    const write = buildWrite(
      ctx,
      { resourceType, id: ctx.newId() },
      { resource: body, previous: undefined, method: 'POST' },
    );
    const issues = validateOrThrow(ctx, write.resource!);
    if (await tryCommit(ctx, write, [{ resourceType, conditions }])) {
      return { status: 201, resource: write.resource, version: write, issues };
    }
  }
  throw conflict(`Concurrent writes kept changing the matches of '${ifNoneExist}'; retry`);
}

/** `PUT [base]/[type]?criteria`: update the one match, or create when there is none. */
export async function conditionalUpdate(
  ctx: RestContext,
  target: { resourceType: string; query: string },
  body: unknown,
  options: UpdateOptions = {},
): Promise<RestResult> {
  const { resourceType } = target;
  assertResourceOfType(body, resourceType);
  const conditions = parseCriteria(ctx, resourceType, target.query, 'criteria');
  for (let attempt = 0; attempt < LOST_RACE_RETRIES; attempt++) {
    const matches = await findMatches(ctx, resourceType, conditions);
    if (matches.length > 1) throw preconditionFailed(`The criteria match several ${resourceType} resources`);
    const [match] = matches;
    if (match && body.id !== undefined && body.id !== match.id) {
      throw badRequest(
        `Body id '${body.id}' differs from the matching ${resourceType}/${match.id}`,
        `${resourceType}.id`,
      );
    }
    const id = match?.id ?? body.id ?? ctx.newId();
    const previous = match ?? (await ctx.store.readCurrent(resourceType, id));
    if (!match && previous && !previous.deleted)
      throw conflict(`${resourceType}/${id} exists but does not match the criteria`);
    if (options.ifMatch !== undefined && previous?.versionId !== options.ifMatch) {
      throw preconditionFailed(`If-Match expects version ${options.ifMatch} of ${resourceType}/${id}`);
    }
    const write = buildWrite(ctx, { resourceType, id }, { resource: body, previous, method: 'PUT' });
    const issues = validateOrThrow(ctx, write.resource!);
    if (await tryCommit(ctx, write, match ? [] : [{ resourceType, conditions }])) {
      return { status: match ? 200 : 201, resource: write.resource, version: write, issues };
    }
  }
  throw conflict('Concurrent writes kept changing the matches of the criteria; retry');
}

/** `DELETE [base]/[type]?criteria`: deletes the one match; none is a success; several is 412. */
export async function conditionalDelete(
  ctx: RestContext,
  target: { resourceType: string; query: string },
): Promise<RestResult> {
  const conditions = parseCriteria(ctx, target.resourceType, target.query, 'criteria');
  const matches = await findMatches(ctx, target.resourceType, conditions);
  if (matches.length > 1) throw preconditionFailed(`The criteria match several ${target.resourceType} resources`);
  const [match] = matches;
  if (!match) return { status: 204 };
  return deleteResource(ctx, { resourceType: target.resourceType, id: match.id }, { ifMatch: match.versionId });
}
