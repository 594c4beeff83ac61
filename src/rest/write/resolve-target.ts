/**
 * Step one of the write pipeline: which resource a write applies to. Create gets a new id (and,
 * with If-None-Exist, searches first); `[type]/[id]` reads the current version; the conditional
 * forms search. A "nothing matches" that the write relies on becomes a {@link SearchGuard} in
 * the unit of work, so a concurrent request cannot slip in between the search and the commit.
 * @see https://hl7.org/fhir/R4/http.html#ccreate
 * @see https://hl7.org/fhir/R4/http.html#cond-update
 * @see https://hl7.org/fhir/R4/http.html#cdelete
 * @module
 */
import { conflict, gone, notFound, preconditionFailed } from '../../fhir/outcome.js';
import type { Condition } from '../../search/search-request.js';
import type { RestContext } from '../context.js';
import { findMatches, parseCriteria } from '../criteria.js';
import type { WriteInteraction, WritePlan } from './write-plan.js';

/** What a transaction knows when it resolves one of its entries. */
export interface TargetScope {
  /**
   * `Type/id` of resources that earlier (DELETE) entries of the same transaction remove: a
   * conditional create ignores them, in its search and its guard, as the processing order implies.
   * @see https://hl7.org/fhir/R4/http.html#trules
   */
  deleted?: ReadonlySet<string>;
}

/** Resolves the target of `write`; reads what it must and writes nothing. */
export async function resolveTarget(
  ctx: RestContext,
  write: WriteInteraction,
  scope: TargetScope = {},
): Promise<WritePlan> {
  const plan: WritePlan = { interaction: write, status: 200, guards: {}, issues: [] };
  const { resourceType } = write;
  if (write.kind === 'create') return resolveCreate(ctx, plan, scope);
  if (write.criteria === undefined) {
    const target = { resourceType, id: write.id! };
    const previous = await ctx.store.readCurrent(resourceType, target.id);
    if (write.kind === 'patch') assertPatchable(previous, target);
    return previous ? { ...plan, target, previous } : { ...plan, target };
  }
  const conditions = parseCriteria(ctx, resourceType, write.criteria, 'criteria');
  const matches = await findMatches(ctx, resourceType, conditions);
  if (matches.length > 1) throw preconditionFailed(`The criteria match several ${resourceType} resources`);
  const [match] = matches;
  if (match) return { ...plan, target: { resourceType, id: match.id }, previous: match };
  if (write.kind === 'delete') return { ...plan, status: 204 };
  if (write.kind === 'patch') throw notFound(`No ${resourceType} matches the criteria`);
  // An update that creates: the body's id, or a new one.
  const id = write.resource?.id ?? ctx.newId();
  const previous = write.resource?.id === undefined ? undefined : await ctx.store.readCurrent(resourceType, id);
  if (previous && !previous.deleted) throw conflict(`${resourceType}/${id} exists but does not match the criteria`);
  const guards = { guards: [{ resourceType, conditions }] };
  return { ...plan, target: { resourceType, id }, guards, ...(previous ? { previous } : {}) };
}

/** A create, or with If-None-Exist: the one match (nothing written), or a guarded create. */
async function resolveCreate(ctx: RestContext, plan: WritePlan, scope: TargetScope): Promise<WritePlan> {
  const { resourceType, criteria } = plan.interaction;
  const target = { resourceType, id: ctx.newId() };
  if (criteria === undefined) return { ...plan, target };
  const parsed = parseCriteria(ctx, resourceType, criteria, 'If-None-Exist');
  const conditions = withoutDeleted(parsed, resourceType, scope.deleted);
  const matches = await findMatches(ctx, resourceType, conditions);
  if (matches.length > 1) throw preconditionFailed(`If-None-Exist matches several ${resourceType} resources`);
  const [match] = matches;
  if (match) return { ...plan, target: { resourceType, id: match.id }, existing: match };
  return { ...plan, target, guards: { guards: [{ resourceType, conditions }] } };
}

/** PATCH needs a current version to apply to: 404 when none was ever stored, 410 when deleted. */
function assertPatchable(
  previous: { deleted: boolean; resource?: fhir4.Resource } | undefined,
  target: { resourceType: string; id: string },
): void {
  if (!previous) throw notFound(`${target.resourceType}/${target.id} is not known`);
  if (previous.deleted || !previous.resource) throw gone(target.resourceType, target.id);
}

function withoutDeleted(
  conditions: Condition[],
  resourceType: string,
  deleted: ReadonlySet<string> | undefined,
): Condition[] {
  const ids = [...(deleted ?? [])]
    .filter((key) => key.startsWith(`${resourceType}/`))
    .map((key) => key.slice(resourceType.length + 1));
  if (ids.length === 0) return conditions;
  const notDeleted: Condition = {
    kind: 'param',
    table: 'token',
    code: '_id',
    negate: true,
    values: ids.map((id) => ({ kind: 'token', code: id })),
  };
  return [...conditions, notDeleted];
}
