/**
 * Steps two to five of the write pipeline, after the target is resolved: check the
 * preconditions, produce the new content, validate it and check the write rules of its type
 * against the current version it replaces, then add server meta and index rows. Nothing here
 * writes the store, and it reads only what validation consults; committing is the caller's (`run-write.ts` for a write
 * alone, `transaction.ts` for all entries of a transaction at once).
 * @see https://hl7.org/fhir/R4/http.html#concurrency
 * @module
 */
import { badRequest, preconditionFailed } from '../../fhir/outcome.js';
import type { StoredVersion } from '../../storage/port.js';
import type { RestContext } from '../context.js';
import { heldDefinitionsFor } from '../held-definitions.js';
import { applyPatch } from '../patch.js';
import { buildVersion, validateAndIndex } from './build-write.js';
import { WRITE_METHOD, type WritePlan } from './write-plan.js';

/**
 * Completes a resolved plan with its new version; throws what the interaction answers on
 * failure. Reads the store only for what validation needs (a response's Questionnaire).
 */
export async function planWrite(ctx: RestContext, resolved: WritePlan): Promise<WritePlan> {
  if (resolved.existing) return resolved;
  checkPreconditions(resolved);
  const { interaction, previous, target } = resolved;
  if (!target) return resolved;
  const current = previous && !previous.deleted ? previous : undefined;
  if (interaction.kind === 'delete') {
    if (!current) return { ...resolved, status: 204 };
    const write = buildVersion(ctx, target, { resource: undefined, previous, method: 'DELETE' });
    return { ...resolved, status: 204, write };
  }
  const resource = newContent(resolved);
  const write = buildVersion(ctx, target, { resource, previous, method: WRITE_METHOD[interaction.kind] });
  const issues = validateAndIndex(ctx, write, current?.resource, await heldDefinitionsFor(ctx, write.resource));
  const status = interaction.kind === 'patch' || current ? 200 : 201;
  return { ...resolved, status, write, issues };
}

/**
 * `If-Match` (the current version, or `*` for any) and `If-None-Match: *` (none). A delete
 * marker is a version: `If-Match` can name it, and `*` does not match it.
 * @see https://hl7.org/fhir/R4/http.html#concurrency
 */
function checkPreconditions(plan: WritePlan): void {
  const { ifMatch, ifNoneMatch, resourceType } = plan.interaction;
  const previous: StoredVersion | undefined = plan.previous;
  const name = plan.target ? `${resourceType}/${plan.target.id}` : `The ${resourceType} matching the criteria`;
  if (ifMatch !== undefined) {
    const matches = ifMatch === '*' ? previous !== undefined && !previous.deleted : previous?.versionId === ifMatch;
    if (!matches) {
      const actual = previous ? `is at version ${previous.versionId}` : 'does not exist';
      throw preconditionFailed(`If-Match expects version ${ifMatch} but ${name} ${actual}`);
    }
  }
  if (ifNoneMatch && previous && !previous.deleted) throw preconditionFailed(`If-None-Match: * but ${name} exists`);
}

/** The body of create and update, or the current version patched. */
function newContent(plan: WritePlan): fhir4.Resource {
  const { interaction, target, previous } = plan;
  if (interaction.kind === 'patch') return applyPatch(previous!.resource!, interaction.patch!);
  const resource = interaction.resource!;
  // A conditional update may carry an id, but only the one of the resource it matched.
  if (interaction.kind === 'update' && interaction.criteria !== undefined && resource.id !== undefined) {
    if (resource.id !== target!.id)
      throw badRequest(
        `Body id '${resource.id}' differs from the matching ${target!.resourceType}/${target!.id}`,
        `${resource.resourceType}.id`,
      );
  }
  return resource;
}
