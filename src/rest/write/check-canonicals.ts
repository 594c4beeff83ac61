/**
 * The write pipeline's canonical step: after validation, before commit, the canonicals of the
 * new version that name a stored resource must name one of an allowed type (422 otherwise).
 * @see https://hl7.org/fhir/R4/references.html#canonical
 * @module
 */
import { FhirError, hasErrors } from '../../fhir/outcome.js';
import type { RestContext } from '../context.js';
import { checkCanonicalReferences } from '../integrity/canonical-references.js';
import type { WritePlan } from './write-plan.js';

/** Throws a 422 when the planned version has a canonical that names a stored resource of a wrong type. */
export async function assertCanonicalTargets(
  ctx: Pick<RestContext, 'store' | 'clock'>,
  plan: WritePlan,
): Promise<void> {
  const resource = plan.write?.resource;
  if (!resource) return;
  const issues = await checkCanonicalReferences(ctx.store, resource, ctx.clock().getTime());
  if (hasErrors(issues)) throw new FhirError(422, issues);
}
