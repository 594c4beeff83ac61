/**
 * Validation on write: base R4 structure (unknown elements, JSON types, arrays, nulls, empties,
 * choice types, `_x` siblings, cardinality at every level, primitive formats) and required /
 * extensible bindings and invariants (FHIRPath, compiled once at start-up), from the tables
 * compiled by `npm run gen:r4`; then the requested, claimed and configured profiles, from the tables
 * compiled by `npm run gen:profiles`.
 * @see https://hl7.org/fhir/R4/validation.html
 * @module
 */
import type { Issue } from '../fhir/outcome.js';
import { R4_CONSTRAINTS } from '../generated/r4/constraints.js';
import { R4_NODES } from '../generated/r4/nodes.js';
import { R4_PRIMITIVES } from '../generated/r4/primitives.js';
import { R4_RESOURCE_TYPES } from '../generated/r4/resource-types.js';
import { R4_VALUE_SETS } from '../generated/r4/value-sets.js';
import { linkModel } from './model/link-model.js';
import { profileValueSet, validateProfiles, type UnknownProfilePolicy } from './profile/validate-profiles.js';
import { checkQuestionnaireResponse } from './questionnaire/check-questionnaire-response.js';
import type { UnknownExtensionPolicy } from './rules/check-extensions.js';
import { compileInvariant } from './rules/invariants.js';
import { checkNestedResource } from './structure/check-nested-resource.js';
import {
  DEFAULT_EXTENSION_POLICY,
  DEFAULT_MAX_ISSUES,
  createWalkContext,
  omittedIssuesIssue,
  type WalkContext,
} from './walk-context.js';

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
 * bad data. Each issue has a FHIRPath `expression` and the `source` definition URL. At most
 * `maxIssues` are listed, then one issue that counts the rest.
 * @see https://hl7.org/fhir/R4/validation.html
 */
export function validateResource(resource: fhir4.Resource, options: ValidateResourceOptions = {}): Issue[] {
  const maxIssues = options.maxIssues ?? DEFAULT_MAX_ISSUES;
  const extensions = {
    unknown: options.unknownExtension ?? DEFAULT_EXTENSION_POLICY.unknown,
    examples: options.example ?? false,
  };
  const ctx = createWalkContext(R4_MODEL, { crossCheck: options.crossCheck, maxIssues, extensions });
  const root = typeof resource?.resourceType === 'string' ? resource.resourceType : 'Resource';
  checkNestedResource(ctx, resource, root, 'top');
  if (root === 'QuestionnaireResponse') checkAgainstQuestionnaire(ctx, resource, options);
  const omitted = { issues: ctx.omitted, errors: ctx.omittedErrors };
  if (ctx.model.nodes.has(root)) applyProfiles(ctx, resource, { root, options, omitted });
  if (omitted.issues > 0) ctx.issues.push(omittedIssuesIssue(omitted.issues, omitted.errors, maxIssues));
  return ctx.issues;
}

/** The answers against the Questionnaire they answer (contained, or held by the server). */
function checkAgainstQuestionnaire(ctx: WalkContext, resource: fhir4.Resource, options: ValidateResourceOptions): void {
  const sources = {
    questionnaires: options.questionnaires,
    valueSet: (url: string) => R4_MODEL.valueSets.get(url) ?? profileValueSet(url),
  };
  checkQuestionnaireResponse(ctx, resource as unknown as Record<string, unknown>, {
    path: 'QuestionnaireResponse',
    sources,
  });
}

/** The profile pass: the requested, claimed and configured profiles, then those claimed inside. */
function applyProfiles(
  ctx: WalkContext,
  resource: fhir4.Resource,
  args: { root: string; options: ValidateResourceOptions; omitted: { issues: number; errors: number } },
): void {
  const { root, options, omitted } = args;
  const profileOptions = {
    unknown: options.unknownProfile ?? 'error',
    crossCheck: options.crossCheck,
    interpretProfiles: options.interpretProfiles,
    maxIssues: ctx.maxIssues,
    omitted,
  };
  const profiles = profilesToApply(resource, root, options);
  const top = resource as unknown as Record<string, unknown>;
  if (profiles.length > 0) appendCapped(ctx, validateProfiles(top, profiles, profileOptions), omitted);
  for (const claim of ctx.claims) {
    const claimOptions = {
      unknown: profileOptions.unknown,
      crossCheck: profileOptions.crossCheck,
      interpretProfiles: profileOptions.interpretProfiles,
      maxIssues: profileOptions.maxIssues,
      omitted,
      path: claim.path,
      entries: claim.entries,
    };
    appendCapped(ctx, validateProfiles(claim.resource, claim.profiles, claimOptions), omitted);
  }
}

function appendCapped(ctx: WalkContext, more: readonly Issue[], omitted: { issues: number; errors: number }): void {
  for (const issue of more) {
    if (ctx.issues.length < ctx.maxIssues) ctx.issues.push(issue);
    else {
      omitted.issues++;
      if (issue.severity === 'error' || issue.severity === 'fatal') omitted.errors++;
    }
  }
}

/** The explicit profile, the claimed ones and the configured ones for the resource's type. */
function profilesToApply(resource: fhir4.Resource, type: string, options: ValidateResourceOptions): string[] {
  const profiles: string[] = [];
  if (options.profile !== undefined) profiles.push(options.profile);
  const claimed: unknown = resource?.meta?.profile;
  if (Array.isArray(claimed)) for (const p of claimed) if (typeof p === 'string') profiles.push(p);
  const configured = options.requiredProfiles;
  if (configured && Object.hasOwn(configured, type)) for (const p of configured[type] ?? []) profiles.push(p);
  return profiles;
}

/** Options of {@link validateResource}. */
export interface ValidateResourceOptions {
  /** A profile to validate against as well (base R4 definitions are always applied). */
  profile?: string | undefined;
  /** Profiles every resource of a type must conform to (configuration), by type. */
  requiredProfiles?: Readonly<Record<string, readonly string[]>>;
  /** A claimed or requested profile the server has not compiled: error (default), warning or ignore. */
  unknownProfile?: UnknownProfilePolicy;
  /**
   * An extension whose absolute URL neither R4 core nor the guide defines: error (default, as
   * HL7's validator without `-allow-any-extensions`), warning or ignore. An unknown
   * modifierExtension is always an error. @see https://hl7.org/fhir/R4/extensibility.html#exchange
   */
  unknownExtension?: UnknownExtensionPolicy;
  /**
   * The resource is an example (the guide's or HL7's, validated by the build and the tests):
   * extension URLs on example domains (example.org…) are allowed. Never set by the server.
   */
  example?: boolean;
  /**
   * Questionnaires the server holds, by the canonical that a QuestionnaireResponse cites, looked
   * up by the caller before validation; absent: none were looked up (only contained ones are used).
   */
  questionnaires?: ReadonlyMap<string, Record<string, unknown>> | undefined;
  /** Test aid: cross-check fast invariant forms against fhirpath.js. */
  crossCheck?: boolean;
  /**
   * Test aid: apply profiles with the interpreter over the compiled tables instead of the code
   * generated from them, to compare the two.
   */
  interpretProfiles?: boolean;
  /**
   * Most issues listed (default {@link DEFAULT_MAX_ISSUES}); the rest are summed up in one more
   * issue, an error when any of them is one.
   */
  maxIssues?: number;
}
