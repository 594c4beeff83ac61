/**
 * Planning the writes of a transaction: targets (with conditional create/update/delete
 * resolved), then one {@link ResourceWrite} per entry, without committing anything.
 * @see https://hl7.org/fhir/R4/http.html#trules
 * @module
 */
import { badRequest, preconditionFailed, notFound, gone, type Issue } from '../fhir/outcome.js';
import type { Condition } from '../search/search-request.js';
import type { ResourceWrite, SearchGuard, StoredVersion } from '../storage/port.js';
import type { ParsedEntry } from './bundle-entries.js';
import { findMatches, parseCriteria } from './conditional.js';
import type { RestContext } from './context.js';
import { applyPatch, type PatchDocument } from './patch.js';
import { assertIdMatches, assertResourceOfType } from './resource-body.js';
import { buildWrite, validateOrThrow } from './write.js';

/** What one entry will do. */
export interface EntryPlan {
  entry: ParsedEntry;
  target?: { resourceType: string; id: string };
  /** For a conditional create that matched: the existing resource (no write). */
  existing?: StoredVersion;
  /** A precondition "nothing matches" (conditional create, or update that creates). */
  guard?: SearchGuard;
  /** The current version when the entry was planned (update, patch, delete). */
  previous?: StoredVersion;
  write?: ResourceWrite;
  status: number;
  issues?: Issue[];
}

/**
 * Resolves the target of a write entry; conditional forms search now. `deleted` holds the
 * `Type/id` of resources that earlier (DELETE) entries remove: a conditional create ignores them,
 * in its search and in its guard, as the spec's processing order implies.
 */
export async function planTarget(
  ctx: RestContext,
  entry: ParsedEntry,
  deleted: ReadonlySet<string> = new Set(),
): Promise<EntryPlan> {
  const { resourceType } = entry;
  const plan: EntryPlan = { entry, status: 200 };
  if (entry.method === 'POST') {
    assertResourceOfType(entry.resource, resourceType);
    if (entry.ifNoneExist) {
      const conditions = withoutDeleted(
        parseCriteria(ctx, resourceType, entry.ifNoneExist, 'ifNoneExist'),
        resourceType,
        deleted,
      );
      const matches = await findMatches(ctx, resourceType, conditions);
      if (matches.length > 1) throw preconditionFailed(`ifNoneExist '${entry.ifNoneExist}' matches several resources`);
      if (matches[0]) return { ...plan, existing: matches[0], target: { resourceType, id: matches[0].id } };
      plan.guard = { resourceType, conditions };
    }
    return { ...plan, status: 201, target: { resourceType, id: ctx.newId() } };
  }
  if (entry.query === undefined) return { ...plan, target: { resourceType, id: entry.id! } };
  const conditions = parseCriteria(ctx, resourceType, entry.query, 'request.url');
  const matches = await findMatches(ctx, resourceType, conditions);
  if (matches.length > 1)
    throw preconditionFailed(`The criteria of ${entry.method} match several ${resourceType} resources`);
  const [match] = matches;
  if (match) return { ...plan, target: { resourceType, id: match.id }, previous: match };
  if (entry.method === 'DELETE') return { ...plan, status: 204 };
  if (entry.method === 'PATCH') throw notFound(`No ${resourceType} matches the PATCH criteria`);
  const id = entry.resource?.id ?? ctx.newId();
  return { ...plan, target: { resourceType, id }, guard: { resourceType, conditions } };
}

function withoutDeleted(conditions: Condition[], resourceType: string, deleted: ReadonlySet<string>): Condition[] {
  const ids = [...deleted]
    .filter((key) => key.startsWith(`${resourceType}/`))
    .map((key) => key.slice(resourceType.length + 1));
  if (ids.length === 0) return conditions;
  return [
    ...conditions,
    {
      kind: 'param',
      table: 'token',
      code: '_id',
      negate: true,
      values: ids.map((id) => ({ kind: 'token', code: id })),
    },
  ];
}

/** Builds the write of a planned entry (reads the current version where needed). */
export async function planWrite(ctx: RestContext, plan: EntryPlan): Promise<void> {
  const { entry, target } = plan;
  if (!target || plan.existing) return;
  const previous =
    plan.previous ??
    (entry.method === 'POST' ? undefined : await ctx.store.readCurrent(target.resourceType, target.id));
  checkPreconditions(entry, previous, target);
  if (entry.method === 'DELETE') {
    if (!previous || previous.deleted) return void (plan.status = 204);
    plan.write = buildWrite(ctx, target, { resource: undefined, previous, method: 'DELETE' });
    plan.status = 204;
    return;
  }
  let resource = entry.resource!;
  if (entry.method === 'PATCH') {
    if (!previous?.resource)
      throw previous
        ? gone(target.resourceType, target.id)
        : notFound(`${target.resourceType}/${target.id} is not known`);
    resource = applyPatch(previous.resource, planPatchDocument(resource));
  } else if (entry.method === 'PUT') {
    assertResourceOfType(resource, target.resourceType);
    if (entry.query === undefined) assertIdMatches(resource, target.id);
  }
  plan.write = buildWrite(ctx, target, { resource, previous, method: entry.method as 'POST' | 'PUT' | 'PATCH' });
  plan.issues = validateOrThrow(ctx, plan.write.resource!);
  if (entry.method !== 'PATCH') plan.status = !previous || previous.deleted ? 201 : 200;
}

function checkPreconditions(
  entry: ParsedEntry,
  previous: StoredVersion | undefined,
  target: { resourceType: string; id: string },
): void {
  const name = `${target.resourceType}/${target.id}`;
  if (entry.ifMatch !== undefined && previous?.versionId !== entry.ifMatch) {
    throw preconditionFailed(
      `ifMatch expects version ${entry.ifMatch} of ${name}, which ${previous ? `is at ${previous.versionId}` : 'does not exist'}`,
    );
  }
  if (entry.ifNoneMatch && previous && !previous.deleted) throw preconditionFailed(`ifNoneMatch * but ${name} exists`);
}

/** A PATCH entry's resource: Parameters (FHIRPath Patch) or Binary holding a JSON Patch. */
export function planPatchDocument(resource: fhir4.Resource): PatchDocument {
  if (resource.resourceType === 'Parameters') return { kind: 'fhirpath', parameters: resource };
  const binary = resource as fhir4.Binary;
  if (binary.resourceType === 'Binary' && binary.contentType === 'application/json-patch+json' && binary.data) {
    try {
      const bytes = Uint8Array.from(atob(binary.data), (ch) => ch.charCodeAt(0));
      return { kind: 'json-patch', operations: JSON.parse(new TextDecoder().decode(bytes)) as unknown };
    } catch {
      throw badRequest('Binary.data is not base64 JSON Patch', 'resource.data');
    }
  }
  throw badRequest(
    'A PATCH entry carries Parameters (FHIRPath Patch) or a Binary of application/json-patch+json',
    'resource',
  );
}
