/**
 * Validation on write: base R4 structure (unknown elements, JSON types, arrays, nulls, empties,
 * choice types, `_x` siblings, cardinality at every level, primitive formats) and required /
 * extensible bindings and invariants (FHIRPath, compiled once at start-up), from the tables
 * compiled by `npm run gen:r4`.
 * @see https://hl7.org/fhir/R4/validation.html
 * @module
 */
import { error, type Issue } from '../fhir/outcome.js';
import { R4_CONSTRAINTS } from '../generated/r4/constraints.js';
import { R4_NODES } from '../generated/r4/nodes.js';
import { R4_PRIMITIVES } from '../generated/r4/primitives.js';
import { R4_RESOURCE_TYPES } from '../generated/r4/resource-types.js';
import { R4_VALUE_SETS } from '../generated/r4/value-sets.js';
import { linkModel } from './model/link-model.js';
import { compileInvariant } from './rules/invariants.js';
import { checkNestedResource } from './structure/check-nested-resource.js';
import { createWalkContext } from './walk-context.js';

const R4_MODEL = linkModel(
  {
    nodes: R4_NODES,
    primitives: R4_PRIMITIVES,
    resourceTypes: R4_RESOURCE_TYPES,
    valueSets: R4_VALUE_SETS,
  },
  { constraints: R4_CONSTRAINTS, compile: compileInvariant },
);

/**
 * Validates `resource` against base R4; returns issues (empty when valid) and never throws for
 * bad data. Each issue has a FHIRPath `expression` and the `source` definition URL.
 * @see https://hl7.org/fhir/R4/validation.html
 */
export function validateResource(resource: fhir4.Resource, options: ValidateResourceOptions = {}): Issue[] {
  const ctx = createWalkContext(R4_MODEL, options);
  const root = typeof resource?.resourceType === 'string' ? resource.resourceType : 'Resource';
  checkNestedResource(ctx, resource, root, 'top');
  if (options.profile !== undefined) checkProfile(ctx.issues, options.profile, root);
  return ctx.issues;
}

/** Options of {@link validateResource}. */
export interface ValidateResourceOptions {
  /** A profile to validate against as well (base R4 definitions are always applied). */
  profile?: string | undefined;
  /** Test aid: cross-check fast invariant forms against fhirpath.js. */
  crossCheck?: boolean;
}

const BASE_PROFILE_PREFIX = 'http://hl7.org/fhir/StructureDefinition/';

function checkProfile(issues: Issue[], profile: string, type: string): void {
  if (profile === `${BASE_PROFILE_PREFIX}${type}`) return;
  issues.push(error('not-supported', `Profile ${profile} is not known to this server`, type));
}
