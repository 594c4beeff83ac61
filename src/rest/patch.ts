/**
 * The patch interaction with JSON Patch or FHIRPath Patch, and conditional patch.
 * @see https://hl7.org/fhir/R4/http.html#patch
 * @module
 */
import { badRequest, notFound, gone, preconditionFailed, conflict } from '../fhir/outcome.js';
import type { RestContext, RestResult } from './context.js';
import { findMatches, parseCriteria } from './conditional.js';
import { applyFhirPathPatch } from './fhirpath-patch.js';
import { applyJsonPatch } from './json-patch.js';
import { buildWrite, tryCommit, validateOrThrow } from './write.js';

/** A patch document: JSON Patch operations, or a FHIRPath Patch Parameters resource. */
export type PatchDocument = { kind: 'json-patch'; operations: unknown } | { kind: 'fhirpath'; parameters: unknown };

/** Applies `patch` to `resource`; the id and type cannot change. */
export function applyPatch(resource: fhir4.Resource, patch: PatchDocument): fhir4.Resource {
  let result: unknown;
  if (patch.kind === 'json-patch') result = applyJsonPatch(resource, patch.operations);
  else {
    const parameters = patch.parameters as fhir4.Parameters | null;
    if (parameters?.resourceType !== 'Parameters')
      throw badRequest('A FHIRPath Patch body is a Parameters resource', 'resourceType');
    result = applyFhirPathPatch(resource, parameters);
  }
  const patched = result as fhir4.Resource | null;
  if (!patched || patched.resourceType !== resource.resourceType || patched.id !== resource.id) {
    throw badRequest('A patch may not change resourceType or id');
  }
  return patched;
}

/** `PATCH [base]/[type]/[id]`. */
export async function patchResource(
  ctx: RestContext,
  target: { resourceType: string; id: string },
  patch: PatchDocument,
  options: { ifMatch?: string } = {},
): Promise<RestResult> {
  const previous = await ctx.store.readCurrent(target.resourceType, target.id);
  if (!previous) throw notFound(`${target.resourceType}/${target.id} is not known`);
  if (previous.deleted || !previous.resource) throw gone(target.resourceType, target.id);
  if (options.ifMatch !== undefined && options.ifMatch !== previous.versionId) {
    throw preconditionFailed(
      `If-Match expects version ${options.ifMatch} but ${target.resourceType}/${target.id} is at ${previous.versionId}`,
    );
  }
  const patched = applyPatch(previous.resource, patch);
  const write = buildWrite(ctx, target, { resource: patched, previous, method: 'PATCH' });
  const issues = validateOrThrow(ctx, write.resource!);
  if (!(await tryCommit(ctx, write))) {
    const message = `${target.resourceType}/${target.id} was changed by another request; read it again and retry`;
    throw options.ifMatch === undefined ? conflict(message) : preconditionFailed(message);
  }
  return { status: 200, resource: write.resource, version: write, issues };
}

/** `PATCH [base]/[type]?criteria`: patches the one match; none is 404, several 412. */
export async function conditionalPatch(
  ctx: RestContext,
  target: { resourceType: string; query: string },
  patch: PatchDocument,
): Promise<RestResult> {
  const conditions = parseCriteria(ctx, target.resourceType, target.query, 'criteria');
  const matches = await findMatches(ctx, target.resourceType, conditions);
  if (matches.length > 1) throw preconditionFailed(`The criteria match several ${target.resourceType} resources`);
  if (!matches[0]) throw notFound(`No ${target.resourceType} matches the criteria`);
  return patchResource(ctx, { resourceType: target.resourceType, id: matches[0].id }, patch, {
    ifMatch: matches[0].versionId,
  });
}
