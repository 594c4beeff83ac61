/**
 * The new version of a resource: server meta (id, versionId, lastUpdated), validation, the
 * write rules of its type (`rules/`), then its search index rows. Validation comes first, so a
 * body that fails (422) never pays for index extraction.
 * @see https://hl7.org/fhir/R4/resource.html#Meta
 * @module
 */
import { FhirError, hasErrors, type Issue } from '../../fhir/outcome.js';
import { extractIndexRows } from '../../search/extract-index.js';
import type { ResourceWrite, StoredVersion, WriteMethod } from '../../storage/port.js';
import type { RestContext, ValidateOptions } from '../context.js';
import { withServerMeta } from '../resource-body.js';
import { checkWriteRules } from './rules/write-rules.js';

/** What a new version is made of. */
export interface VersionInput {
  /** The new content; absent for a delete. */
  resource: fhir4.Resource | undefined;
  previous: StoredVersion | undefined;
  method: WriteMethod;
}

/**
 * The next version of `target` after `input.previous`, with server meta but no index rows yet.
 * The body is copied shallowly (new meta), never deep-cloned.
 */
export function buildVersion(
  ctx: Pick<RestContext, 'clock'>,
  target: { resourceType: string; id: string },
  input: VersionInput,
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
  if (input.resource) write.resource = withServerMeta(input.resource, { id: target.id, versionId, lastUpdated });
  return write;
}

/** {@link buildVersion} with its index rows, unvalidated: for seeding stores in tests and benchmarks. */
export function buildWrite(
  ctx: Pick<RestContext, 'clock'>,
  target: { resourceType: string; id: string },
  input: VersionInput,
): ResourceWrite {
  const write = buildVersion(ctx, target, input);
  if (write.resource) write.index = extractIndexRows(write.resource);
  return write;
}

/**
 * Validates the new version, checks the write rules of its type against `previous` (the
 * current version it replaces, absent for a create), and then adds its index rows. A resource
 * with errors, or a change a rule forbids, is a 422 carrying the issues. Returns the other
 * issues (warnings, information). `held` carries what the validator needs from the store,
 * fetched by the caller.
 */
export function validateAndIndex(
  ctx: Pick<RestContext, 'validate' | 'reactionDepth'>,
  write: ResourceWrite,
  previous?: fhir4.Resource,
  held: ValidateOptions = {},
): Issue[] {
  if (!write.resource) return [];
  const issues = ctx.validate(write.resource, held);
  if (hasErrors(issues)) throw new FhirError(422, issues);
  const byGateway = (ctx.reactionDepth ?? 0) > 0;
  const broken = checkWriteRules(
    previous ? { previous, next: write.resource, byGateway } : { next: write.resource, byGateway },
  );
  if (hasErrors(broken)) throw new FhirError(422, broken);
  write.index = extractIndexRows(write.resource);
  // Most writes have neither: no new array per resource then.
  if (broken.length === 0) return issues;
  return issues.length === 0 ? broken : [...issues, ...broken];
}
